/**
 * aftershock as a library: the same pipeline the CLI runs, without the CLI.
 *
 *   study file -> spec -> store -> panel -> engine -> result -> renderers
 *
 * ```ts
 * import {PriceStore, loadStudy, runStudy, renderStudyTable} from 'aftershock'
 * const store = PriceStore.open('cache')
 * const result = await runStudy(loadStudy('deepseek-r1'), store, {offline: true})
 * console.log(renderStudyTable(result))
 * ```
 * The engine alone (pure functions over Float64Arrays) is re-exported under `engine`.
 */
export * as engine from './engine/index.js'
export type {
  EventPanel,
  EngineOptions,
  ModelKind,
  ReturnKind,
  TestResult,
  TestBattery,
  TestName,
} from './engine/types.js'
export * from './result.js'
export type * from './spec/types.js'
export type {Bar, PriceField} from './types.js'
export {AftershockError, InputError, MissingDataError, EXIT} from './errors.js'
export {TOOL_VERSION} from './version.js'

export {PriceStore, normalizeSymbol, yahooSymbol, STORE_FILE} from './store/store.js'
export type {SecurityInfo} from './store/store.js'
export {parsePriceCsv, formatPriceCsv} from './sources/csv.js'
export {importPaths, importPathsThreaded} from './sources/import.js'
export {fetchSymbols} from './sources/fetch-symbols.js'
export type {FetchSummary, FetchSymbolsOptions} from './sources/fetch-symbols.js'
export {createYahooClient, fetchChart, fetchSharesOutstanding} from './sources/yahoo.js'

export {loadStudy, parseStudy, listStudies} from './spec/load.js'
export {parseEventsCsv} from './spec/events-csv.js'
export {runStudy} from './study/run.js'
export type {RunOptions} from './study/run.js'
export type {BarSource} from './store/bar-source.js'
export {runIndexStudy} from './study/index-run.js'
export {evaluateClaims} from './analysis/claims.js'

export {renderStudyTable} from './render/terminal.js'
export {renderStudyCsv} from './render/csv.js'
export {writeReport} from './render/report-folder.js'
