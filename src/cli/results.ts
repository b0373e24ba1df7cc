/**
 * The typed result of each command: what its --json prints, and what its text view draws. Each is described by
 * a JSON Schema in schema/ (named in its comment); tests validate real output against it.
 */
import type {IndexStudyResult} from '../study/index-run.js'
import type {FetchSummary} from '../sources/fetch-symbols.js'
import type {ImportSummary} from '../sources/import.js'
import type {FactorImportSummary} from '../sources/factor-import.js'
import type {SnapshotFactorSet, SnapshotSymbol} from '../sources/snapshot.js'
import type {FactorSetInfo, SecurityInfo} from '../store/store.js'
import type {Bar} from '../types.js'
import type {checkStudyFile, StudySummary} from '../spec/load.js'

/** `fetch` (schema/fetch-result.schema.json). */
export interface FetchResult {
  results: FetchSummary[]
}

/** `import` (schema/import-result.schema.json). */
export interface ImportResult {
  results: ImportSummary[]
}

/** One stored bar as `prices` shows it (without the dividend and split of its ex-date). */
export type PriceRow = Pick<Bar, 'date' | 'open' | 'high' | 'low' | 'close' | 'adjClose' | 'volume'>

/** `prices` (schema/prices.schema.json). */
export interface PricesResult {
  symbol: string
  rows: PriceRow[]
}

/** `cache info` (schema/cache-info.schema.json). */
export interface CacheInfoResult {
  cacheDir: string
  file: string
  securities: SecurityInfo[]
}

/** `study list` (schema/study-list.schema.json). */
export interface StudyListResult {
  /** The folder listed. */
  dir: string
  studies: StudySummary[]
}

/** `study validate` (schema/study-validate.schema.json). */
export interface StudyValidateResult {
  valid: boolean
  file: string
  errors: ReturnType<typeof checkStudyFile>['issues']
  summary: Pick<StudySummary, 'name' | 'title' | 'events' | 'groups' | 'securities'> | null
}

/** `index` (schema/index-result.schema.json). */
export type IndexCommandResult = IndexStudyResult

/** `report` (schema/report-result.schema.json). */
export interface ReportResult {
  outDir: string
  /** Absolute paths of the files written, sorted. */
  files: string[]
  /** Ids of the claims that do not hold. */
  failedClaims: string[]
}

/** `version` (schema/version.schema.json). */
export interface VersionResult {
  name: 'aftershock'
  version: string
  node: string
}

/** `snapshot` (schema/snapshot-result.schema.json). */
export interface SnapshotResult {
  /** Absolute path of the file written. */
  file: string
  study: string
  asOf: string
  /** SHA-256 (hex) of the snapshot's content, as recorded in it. */
  sha256: string
  bytes: number
  symbols: SnapshotSymbol[]
  /** The factor sets written for a factor model (absent for the return models). */
  factors?: SnapshotFactorSet[]
}

/** `factors import` and `factors fetch` (schema/factors-result.schema.json): one summary per set written. */
export interface FactorsResult {
  results: FactorImportSummary[]
}

/** `factors info` (schema/factors-info.schema.json). */
export interface FactorsInfoResult {
  file: string
  sets: FactorSetInfo[]
}
