/**
 * The study file's meaning: structural validation (schema/study.schema.json, through ajv), semantic checks
 * and normalization into a StudySpec. Pure apart from reading the bundled schema; the events CSV of
 * `events: {file}` is read by the caller (src/study/load.ts) through the `loadEventsFile` callback.
 *
 * Every problem becomes a StudyIssue naming the file, the line (from the YAML source positions; JSON parses
 * through the same parser), the field path (`groups.ai-chips.symbols[2]`) and what would fix it. All issues
 * are collected before failing.
 */
import {createHash} from 'node:crypto'
import {readFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import type {Ajv, ErrorObject, ValidateFunction} from 'ajv'
import {isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node} from 'yaml'
import {InputError} from '../errors.js'
import type {
  Bound,
  ClaimMetric,
  ClaimSpec,
  EventSpec,
  GroupSpec,
  HistorySpec,
  IndexSpec,
  NonTradingDay,
  SharesSpec,
  StudySpec,
} from './spec-types.js'

/** One problem in a study file (or in its events CSV). `line` is 1-based; null when no line applies. */
export interface StudyIssue {
  file: string
  line: number | null
  path: string
  message: string
}

/** An invalid study file: every issue, one per line of the message. Exit code 2 (InputError). */
export class StudyValidationError extends InputError {
  constructor(readonly issues: StudyIssue[]) {
    super(
      `invalid study (${issues.length} problem${issues.length === 1 ? '' : 's'}):\n` +
        issues.map(formatIssue).join('\n'),
    )
    this.name = 'StudyValidationError'
  }
}

/** `file:line: path: message`, the form editors and CI logs link to. */
export function formatIssue(issue: StudyIssue): string {
  const where = issue.line === null ? issue.file : `${issue.file}:${issue.line}`
  return issue.path ? `${where}: ${issue.path}: ${issue.message}` : `${where}: ${issue.message}`
}

// ---- small normalizers shared with the events list ---------------------------------------------------

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/** Ids of events, groups and claims (schema definition `id`); also required of an events CSV's own ids and groups. */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/

/** True for a real calendar date written YYYY-MM-DD (rejects 2025-02-30). */
export function isRealDate(s: string): boolean {
  const m = ISO_DATE.exec(s)
  if (!m) return false
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const dt = new Date(Date.UTC(y, mo - 1, d))
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === mo - 1 && dt.getUTCDate() === d
}

/** Store symbols are upper case without Yahoo's index caret: `^gspc` -> `GSPC`. */
export function normalizeSymbol(s: string): string {
  return s.trim().replace(/^\^/, '').toUpperCase()
}

/** Default minimum estimation observations: 100, or half the window when offsets give fewer than 100 days. */
export function defaultMinObservations(from: Bound, to: Bound): number {
  if (typeof from === 'number' && typeof to === 'number') {
    const length = to - from + 1
    if (length < 100) return Math.max(2, Math.floor(length / 2))
  }
  return 100
}

// ---- source positions ----------------------------------------------------------------------------------

type PathSeg = string | number

/** Maps field paths of a parsed YAML/JSON document to 1-based lines. */
class SourceMap {
  constructor(
    private readonly doc: Document,
    private readonly lc: LineCounter,
  ) {}

  lineAt(offset: number): number {
    return this.lc.linePos(offset).line
  }

  /** Line of the value at `path` (or of its key with `key`), else of the deepest ancestor found. */
  line(path: PathSeg[], key = false): number | null {
    let node: unknown = this.doc.contents
    let line: number | null = this.nodeLine(node)
    for (let i = 0; i < path.length; i++) {
      const seg = path[i]
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg))
        if (!pair) return line
        if (key && i === path.length - 1) return this.nodeLine(pair.key) ?? line
        node = pair.value
        line = this.nodeLine(node) ?? this.nodeLine(pair.key) ?? line
      } else if (isSeq(node) && typeof seg === 'number') {
        node = node.items[seg]
        line = this.nodeLine(node) ?? line
      } else {
        return line
      }
    }
    return line
  }

  private nodeLine(node: unknown): number | null {
    const range = (node as Node | null)?.range
    return range ? this.lineAt(range[0]) : null
  }
}

/** `['groups', 'ai-chips', 'symbols', 2]` -> `groups.ai-chips.symbols[2]`. */
export function formatPath(path: PathSeg[]): string {
  let out = ''
  for (const seg of path) out += typeof seg === 'number' ? `[${seg}]` : out ? `.${seg}` : seg
  return out
}

// ---- the schema ------------------------------------------------------------------------------------------

interface SchemaNode {
  type?: string | string[]
  fix?: string
  properties?: Record<string, unknown>
  enum?: unknown[]
}

const require = createRequire(import.meta.url)

/** The study schema file shipped with the package. */
export const STUDY_SCHEMA_URL = new URL('../../schema/study.schema.json', import.meta.url)

/** SHA-256 (hex) of the schema file's text: the precompiled validator records the schema it was built from. */
export function studySchemaHash(text: string): string {
  return createHash('sha256').update(text).digest('hex')
}

/**
 * Compiles the study schema with ajv. `fix` is our own annotation: the advice shown with an error. With
 * `source`, ajv keeps the generated code, for the build's standalone validator (scripts/study-validator.mjs).
 */
export function compileStudyValidator(opts: {source?: boolean; schemaText?: string} = {}): {
  ajv: Ajv
  validate: ValidateFunction
} {
  const schema = JSON.parse(opts.schemaText ?? readFileSync(STUDY_SCHEMA_URL, 'utf8')) as object
  // ajv (and its schema compilation) loads only here: the CLI normally uses the precompiled validator.
  const {Ajv: AjvClass} = require('ajv') as typeof import('ajv')
  const ajv = new AjvClass({
    allErrors: true,
    verbose: true,
    strictTypes: false,
    allowUnionTypes: true,
    ...(opts.source ? {code: {source: true}} : {}),
  })
  ajv.addKeyword('fix')
  return {ajv, validate: ajv.compile(schema)}
}

/** The validator precompiled at build time next to this module (dist/study/study-validator.cjs), if any. */
const PRECOMPILED = './study-validator.cjs'

let validator: ValidateFunction | null = null

/**
 * The study schema's validator, made once: the one precompiled by the build when it was built from the
 * schema file as it is now, else compiled here (running from src/, or after the schema changed).
 */
function studyValidator(): ValidateFunction {
  if (!validator) {
    const text = readFileSync(STUDY_SCHEMA_URL, 'utf8')
    let pre: (ValidateFunction & {schemaSha256?: string}) | null = null
    try {
      pre = require(PRECOMPILED) as ValidateFunction & {schemaSha256?: string}
    } catch (error) {
      const e = error as NodeJS.ErrnoException
      // Only the file itself may be missing (no build); anything else it fails on is a real error.
      if (e.code !== 'MODULE_NOT_FOUND' || !e.message.startsWith(`Cannot find module '${PRECOMPILED}'`)) throw error
    }
    validator =
      pre && pre.schemaSha256 === studySchemaHash(text) ? pre : compileStudyValidator({schemaText: text}).validate
  }
  return validator
}

function describeValue(v: unknown): string {
  if (v === null || v === undefined) return 'nothing'
  if (Array.isArray(v)) return 'a list'
  if (typeof v === 'object') return 'a mapping'
  if (typeof v === 'string') return `the text "${v}"`
  if (typeof v === 'number' && !Number.isFinite(v)) return `${v} (not a finite number)`
  return `${typeof v} ${String(v)}`
}

const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  integer: 'an integer',
  array: 'a list',
  object: 'a mapping',
  boolean: 'true or false',
}

function pointerToPath(pointer: string, data: unknown): PathSeg[] {
  if (!pointer) return []
  const out: PathSeg[] = []
  let cur: unknown = data
  for (const raw of pointer.slice(1).split('/')) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~')
    if (Array.isArray(cur)) {
      out.push(Number(seg))
      cur = cur[Number(seg)]
    } else {
      out.push(seg)
      cur = cur && typeof cur === 'object' ? (cur as Record<string, unknown>)[seg] : undefined
    }
  }
  return out
}

function schemaIssues(data: unknown, file: string, src: SourceMap): StudyIssue[] {
  const validate = studyValidator()
  if (validate(data)) return []
  const out: StudyIssue[] = []
  for (const e of (validate.errors ?? []) as ErrorObject[]) {
    if (e.keyword === 'propertyNames' || e.keyword === 'if') continue
    const path = pointerToPath(e.instancePath, data)
    const parent = (e.parentSchema ?? {}) as SchemaNode
    const fix = parent.fix ? `; ${parent.fix}` : ''
    const params = e.params as Record<string, unknown>
    if (typeof params.propertyName === 'string') {
      const p = [...path, params.propertyName]
      out.push({
        file,
        line: src.line(p, true),
        path: formatPath(p),
        message: `the name "${params.propertyName}" is not valid${fix}`,
      })
      continue
    }
    switch (e.keyword) {
      case 'required': {
        const p = [...path, String(params.missingProperty)]
        out.push({
          file,
          line: src.line(path),
          path: formatPath(p),
          message: `missing required field "${String(params.missingProperty)}"; add it`,
        })
        break
      }
      case 'additionalProperties': {
        const name = String(params.additionalProperty)
        const p = [...path, name]
        const allowed = Object.keys(parent.properties ?? {})
        const near = allowed.find((a) => editDistance(a.toLowerCase(), name.toLowerCase()) <= 2)
        const hint = near ? `did you mean "${near}"?` : `allowed here: ${allowed.join(', ')}`
        out.push({file, line: src.line(p, true), path: formatPath(p), message: `unknown field "${name}"; ${hint}`})
        break
      }
      case 'type': {
        const types = ([] as string[]).concat(parent.type ?? String(params.type))
        const want = types.map((t) => TYPE_WORDS[t] ?? t).join(' or ')
        out.push({
          file,
          line: src.line(path),
          path: formatPath(path),
          message: `must be ${want}, not ${describeValue(e.data)}${fix}`,
        })
        break
      }
      case 'enum': {
        const allowed = (parent.enum ?? []).map(String).join(' | ')
        out.push({
          file,
          line: src.line(path),
          path: formatPath(path),
          message: `${describeValue(e.data)} is not allowed; use one of ${allowed}`,
        })
        break
      }
      case 'pattern':
        out.push({
          file,
          line: src.line(path),
          path: formatPath(path),
          message: `"${String(e.data)}" is not valid${fix}`,
        })
        break
      case 'minItems':
      case 'maxItems':
      case 'minProperties': {
        const limit = Number(params.limit)
        const what =
          e.keyword === 'minItems'
            ? `needs at least ${limit} item${limit === 1 ? '' : 's'}`
            : e.keyword === 'maxItems'
              ? `has more than ${limit} item${limit === 1 ? '' : 's'}`
              : 'must not be empty'
        out.push({file, line: src.line(path), path: formatPath(path), message: `${what}${fix}`})
        break
      }
      case 'minimum':
        out.push({
          file,
          line: src.line(path),
          path: formatPath(path),
          message: `must be at least ${String(params.limit)}, not ${String(e.data)}${fix}`,
        })
        break
      default:
        out.push({file, line: src.line(path), path: formatPath(path), message: `${e.message ?? 'is not valid'}${fix}`})
    }
  }
  // One problem per field: the first schema complaint about a value is the one to fix.
  const seen = new Set<string>()
  return out.filter((i) => {
    if (seen.has(i.path)) return false
    seen.add(i.path)
    return true
  })
}

/** Levenshtein distance, for "did you mean" on misspelt field names. */
function editDistance(a: string, b: string): number {
  let prev = Array.from({length: b.length + 1}, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const cur = [i]
    for (let j = 1; j <= b.length; j++)
      cur.push(Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1)))
    prev = cur
  }
  return prev[b.length]
}

// ---- the raw document (after the schema check) -------------------------------------------------------

type RawBound = number | string
interface RawStudy {
  name: string
  title?: string
  description?: string
  questions?: string[]
  benchmark: string
  price?: 'adjClose' | 'close'
  returns?: 'simple' | 'log'
  model?: 'market' | 'market-adjusted' | 'mean-adjusted'
  nonTradingDay?: NonTradingDay
  estimation: {from: RawBound; to: RawBound; minObservations?: number}
  windows: Array<[RawBound, RawBound]>
  events: Array<{id: string; date: string; label?: string}> | {file: string}
  groups?: Record<string, {label?: string; symbols: string[]}>
  index?: {base: {from: string; to: string}; asOf: string; weighting?: 'equal' | 'value'}
  volatility?: {window?: [number, number]}
  sharesSource?: string
  shares?: Record<string, number | {shares: number; source?: string}>
  history?: Record<string, {from: string; note?: string}>
  claims?: Array<{
    id: string
    text: string
    metric: ClaimMetric
    subject: string
    event?: string
    window?: [number, number]
    expected: number
    tolerance: number
  }>
}

/** YAML 1.1 documents may turn 2025-01-20 into a Date: bring every Date back to its ISO day. */
function datesToIso(v: unknown): unknown {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? String(v) : v.toISOString().slice(0, 10)
  if (Array.isArray(v)) return v.map(datesToIso)
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {}
    for (const [k, x] of Object.entries(v)) out[k] = datesToIso(x)
    return out
  }
  return v
}

/** Reads the events CSV named by `events: {file}`; returns its events and any issues (with the CSV's lines). */
export type EventsFileLoader = (ref: string) => {events: EventSpec[]; issues: StudyIssue[]}

export interface CheckResult {
  spec: StudySpec | null
  issues: StudyIssue[]
}

/**
 * Parses and checks a study file's text. Never throws for bad input: returns the issues (spec null when any).
 * `file` names the file in messages and becomes `spec.file`.
 */
export function checkStudyText(
  text: string,
  file: string,
  opts: {absFile?: string | null; loadEventsFile?: EventsFileLoader} = {},
): CheckResult {
  const lc = new LineCounter()
  const doc = parseDocument(text, {lineCounter: lc, uniqueKeys: true, prettyErrors: false})
  const src = new SourceMap(doc, lc)
  const issues: StudyIssue[] = []
  for (const e of doc.errors) {
    const line = lc.linePos(e.pos[0]).line
    if (e.code === 'DUPLICATE_KEY') {
      const dup = duplicatePath(doc, e.pos[0])
      const key = dup.path.split('.').pop() ?? dup.path
      const earlier = dup.first === null ? 'earlier' : `on line ${lc.linePos(dup.first).line}`
      issues.push({
        file,
        line,
        path: dup.path,
        message: `duplicate key "${key}" (already given ${earlier}): each group id, symbol and field may appear once; rename or merge them`,
      })
    } else {
      issues.push({file, line, path: '', message: `not valid YAML/JSON: ${e.message.split('\n')[0]}`})
    }
  }
  if (issues.some((i) => !i.message.startsWith('duplicate key'))) return {spec: null, issues}
  const data = datesToIso(doc.toJS({maxAliasCount: 100}))
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    issues.push({
      file,
      line: 1,
      path: '',
      message: 'a study file must be a mapping with name, benchmark, estimation, windows, events and groups',
    })
    return {spec: null, issues}
  }
  const structural = schemaIssues(data, file, src)
  issues.push(...structural)
  if (structural.length > 0) return {spec: null, issues: byLine(issues, file)}
  // Duplicate keys alone do not stop the semantic checks: report everything at once.
  const built = buildSpec(data as RawStudy, file, src, opts)
  issues.push(...built.issues)
  if (issues.length > 0) return {spec: null, issues: byLine(issues, file)}
  return {spec: built.spec, issues: []}
}

/**
 * Issues of the study file `file` first, then those of other files (the events CSV) in the order they were
 * found; within a file by line (stable), issues without a line last.
 */
export function byLine(issues: StudyIssue[], file: string): StudyIssue[] {
  const files = [file, ...new Set(issues.map((i) => i.file).filter((f) => f !== file))]
  return issues
    .map((i, k) => ({i, k}))
    .sort(
      (a, b) =>
        files.indexOf(a.i.file) - files.indexOf(b.i.file) ||
        (a.i.line ?? Infinity) - (b.i.line ?? Infinity) ||
        a.k - b.k,
    )
    .map((x) => x.i)
}

/** Field path of the duplicate key starting at `offset`: the path of its map plus the key. */
function duplicatePath(doc: Document, offset: number): {path: string; first: number | null} {
  const path: PathSeg[] = []
  const within = (n: unknown): boolean => {
    const r = (n as Node | null)?.range
    return !!r && r[0] <= offset && offset < Math.max(r[1], r[0] + 1)
  }
  let node: unknown = doc.contents
  for (;;) {
    if (isMap(node)) {
      const hit = node.items.find((p) => within(p.key))
      if (hit && isScalar(hit.key)) {
        const key = String(hit.key.value)
        const first = node.items.find((p) => isScalar(p.key) && String(p.key.value) === key)
        const r = (first?.key as Node | null)?.range
        return {path: formatPath([...path, key]), first: r ? r[0] : null}
      }
      const pair = node.items.find((p) => {
        const r = (p.value as Node | null)?.range
        return r && r[0] <= offset && offset < r[2]
      })
      if (!pair || !isScalar(pair.key)) break
      path.push(String(pair.key.value))
      node = pair.value
    } else if (isSeq(node)) {
      const i = node.items.findIndex((it) => {
        const r = (it as Node | null)?.range
        return r && r[0] <= offset && offset < r[2]
      })
      if (i < 0) break
      path.push(i)
      node = node.items[i]
    } else break
  }
  return {path: formatPath(path), first: null}
}

// ---- semantics and normalization ---------------------------------------------------------------------

const INDEX_METRICS: ReadonlySet<ClaimMetric> = new Set(['indexLevel', 'sinceBase'])

function buildSpec(
  raw: RawStudy,
  file: string,
  src: SourceMap,
  opts: {absFile?: string | null; loadEventsFile?: EventsFileLoader},
): {spec: StudySpec | null; issues: StudyIssue[]} {
  const issues: StudyIssue[] = []
  const err = (path: PathSeg[], message: string, key = false): void => {
    issues.push({file, line: src.line(path, key), path: formatPath(path), message})
  }
  const checkDate = (path: PathSeg[], v: unknown): void => {
    if (typeof v === 'string' && !isRealDate(v)) err(path, `${v} is not a real date; write a calendar date YYYY-MM-DD`)
  }

  // Estimation window.
  const est = raw.estimation
  checkDate(['estimation', 'from'], est.from)
  checkDate(['estimation', 'to'], est.to)
  if (typeof est.from !== typeof est.to) {
    err(['estimation'], 'from and to must both be trading-day offsets or both be dates YYYY-MM-DD')
  } else if (est.from > est.to) {
    err(['estimation', 'to'], `the estimation window ends (${est.to}) before it starts (${est.from}); swap from and to`)
  }
  const minObservations = est.minObservations ?? defaultMinObservations(est.from, est.to)
  if (
    est.minObservations !== undefined &&
    typeof est.from === 'number' &&
    typeof est.to === 'number' &&
    est.to >= est.from
  ) {
    const length = est.to - est.from + 1
    if (est.minObservations > length) {
      err(
        ['estimation', 'minObservations'],
        `${est.minObservations} observations cannot come from a ${length}-day window; lower it to at most ${length} or widen the window`,
      )
    }
  }

  // Event windows.
  const windows: Array<[Bound, Bound]> = []
  raw.windows.forEach(([a, b], i) => {
    checkDate(['windows', i, 0], a)
    checkDate(['windows', i, 1], b)
    if (typeof a !== typeof b)
      err(['windows', i], 'both bounds must be trading-day offsets or both be dates YYYY-MM-DD')
    else if (a > b) err(['windows', i], `window [${a}, ${b}] ends before it starts; write it as [${b}, ${a}]`)
    windows.push([a, b])
  })
  windows.forEach(([a, b], i) => {
    if (typeof a !== typeof b || typeof est.from !== typeof est.to || typeof a !== typeof est.from || a > b) return
    if (est.from <= b && a <= est.to) {
      err(
        ['windows', i],
        `window [${a}, ${b}] overlaps the estimation window [${est.from}, ${est.to}]; end the estimation before the window (e.g. estimation.to: ${typeof a === 'number' ? a - 1 : 'the day before ' + a})`,
      )
    }
  })

  // Groups.
  const groups: GroupSpec[] = []
  for (const [id, g] of Object.entries(raw.groups ?? {})) {
    const symbols: string[] = []
    g.symbols.forEach((s, i) => {
      const sym = normalizeSymbol(s)
      if (symbols.includes(sym)) err(['groups', id, 'symbols', i], `${sym} is listed twice in this group; remove one`)
      else symbols.push(sym)
    })
    groups.push({id, label: g.label ?? null, symbols})
  }

  // Events: a common list, or per-security events from a CSV file.
  let eventsKind: 'common' | 'list' = 'common'
  let events: EventSpec[] = []
  if (Array.isArray(raw.events)) {
    const seen = new Map<string, number>()
    raw.events.forEach((e, i) => {
      checkDate(['events', i, 'date'], e.date)
      if (seen.has(e.id))
        err(
          ['events', i, 'id'],
          `event id "${e.id}" is already used by events[${seen.get(e.id)}]; give each event its own id`,
        )
      else seen.set(e.id, i)
      events.push({id: e.id, date: e.date, label: e.label ?? null, symbol: null, group: null})
    })
    if (!raw.groups)
      err(
        [],
        'missing required field "groups": common events need groups of symbols; add groups: {my-group: {symbols: [...]}}',
      )
    // An event inside a dated estimation period would be estimated on its own reaction.
    if (typeof est.from === 'string' && typeof est.to === 'string') {
      raw.events.forEach((e, i) => {
        if (e.date >= est.from && e.date <= est.to) {
          err(
            ['events', i, 'date'],
            `event ${e.id} (${e.date}) falls inside the estimation period ${est.from}..${est.to}; end the estimation before the event`,
          )
        }
      })
    }
  } else {
    eventsKind = 'list'
    if (!opts.loadEventsFile) {
      err(['events', 'file'], 'events from a file need the study to be loaded from disk (loadStudy), not from text')
    } else {
      const loaded = opts.loadEventsFile(raw.events.file)
      if (loaded.issues.length > 0) {
        const line = src.line(['events', 'file'])
        // A missing file is the study file's problem; bad rows are the CSV's own.
        for (const i of loaded.issues) issues.push(i.file === '' ? {...i, file, line, path: 'events.file'} : i)
      }
      events = loaded.events
    }
    windows.forEach(([a], i) => {
      if (typeof a === 'string')
        err(
          ['windows', i],
          'events from a list have their own dates per security: write windows as trading-day offsets, e.g. [-1, 1]',
        )
    })
    if (typeof est.from === 'string' || typeof est.to === 'string') {
      err(
        ['estimation'],
        'events from a list have their own dates per security: write the estimation window as trading-day offsets, e.g. {from: -260, to: -11}',
      )
    }
  }

  // Shares.
  const shares: SharesSpec[] = []
  for (const [key, v] of Object.entries(raw.shares ?? {})) {
    const n = typeof v === 'number' ? v : v.shares
    const path: PathSeg[] = typeof v === 'number' ? ['shares', key] : ['shares', key, 'shares']
    if (!Number.isFinite(n) || n <= 0) {
      err(
        path,
        `shares outstanding must be a positive finite number, not ${n}; give the count from the company's filing`,
      )
      continue
    }
    const source = (typeof v === 'number' ? undefined : v.source) ?? raw.sharesSource ?? 'study file'
    shares.push({symbol: normalizeSymbol(key), shares: n, source})
  }

  // History: first usable dates per symbol.
  const history: HistorySpec[] = []
  for (const [key, h] of Object.entries(raw.history ?? {})) {
    checkDate(['history', key, 'from'], h.from)
    const symbol = normalizeSymbol(key)
    if (history.some((x) => x.symbol === symbol)) {
      err(['history', key], `${symbol} is given twice (symbols are upper-cased); keep one entry`, true)
      continue
    }
    history.push({symbol, from: h.from, note: h.note ?? null})
  }

  // Index.
  let index: IndexSpec | null = null
  if (raw.index) {
    const ix = raw.index
    checkDate(['index', 'base', 'from'], ix.base.from)
    checkDate(['index', 'base', 'to'], ix.base.to)
    checkDate(['index', 'asOf'], ix.asOf)
    if (ix.base.from > ix.base.to)
      err(
        ['index', 'base', 'to'],
        `the base period ends (${ix.base.to}) before it starts (${ix.base.from}); swap from and to`,
      )
    if (ix.asOf <= ix.base.to) {
      const what = ix.asOf < ix.base.from ? 'is before the base period' : 'is inside the base period'
      err(
        ['index', 'asOf'],
        `asOf (${ix.asOf}) ${what} (${ix.base.from}..${ix.base.to}); pick a date after ${ix.base.to}`,
      )
    }
    index = {base: {from: ix.base.from, to: ix.base.to}, asOf: ix.asOf, weighting: ix.weighting ?? 'equal'}
  }

  // Volatility window.
  let volatilityWindow: [number, number] | null = null
  if (raw.volatility?.window) {
    const [a, b] = raw.volatility.window
    if (a > b) err(['volatility', 'window'], `window [${a}, ${b}] ends before it starts; write it as [${b}, ${a}]`)
    volatilityWindow = [a, b]
  }

  const spec: StudySpec = {
    name: raw.name,
    title: raw.title ?? null,
    description: raw.description ?? null,
    questions: raw.questions ?? [],
    file: opts.absFile === undefined ? file : opts.absFile,
    benchmark: normalizeSymbol(raw.benchmark),
    price: raw.price ?? 'adjClose',
    returns: raw.returns ?? 'simple',
    model: raw.model ?? 'market',
    nonTradingDay: raw.nonTradingDay ?? 'next',
    estimation: {from: est.from, to: est.to, minObservations},
    windows,
    eventsKind,
    events,
    groups,
    index,
    volatilityWindow,
    shares,
    history,
    claims: [],
  }
  if (eventsKind === 'list') resolveListGroups(spec)

  // Checks that need the whole study: shares naming no security, value weighting, claims.
  const symbols = new Set(studySymbols(spec))
  // With list events the study's symbols are the groups' and the events file's; when that file could not be
  // read its symbols are unknown, and the share keys are not checked against it.
  if (eventsKind === 'common' || events.length > 0) {
    const where =
      eventsKind === 'common'
        ? 'is in no group of this study; remove it or add it to a group'
        : 'is in no group and has no event in the events file; check the spelling, or remove it'
    for (const key of Object.keys(raw.shares ?? {})) {
      if (!symbols.has(normalizeSymbol(key))) err(['shares', key], `${normalizeSymbol(key)} ${where}`, true)
    }
    for (const key of Object.keys(raw.history ?? {})) {
      const sym = normalizeSymbol(key)
      if (symbols.has(sym)) continue
      const why =
        sym === spec.benchmark
          ? "is the benchmark: its dates are the study's calendar, which history: cannot shorten; remove it"
          : eventsKind === 'common'
            ? 'is in no group of this study; check the spelling, or remove it'
            : 'is in no group and has no event in the events file; check the spelling, or remove it'
      err(['history', key], `${sym} ${why}`, true)
    }
  }
  if (index?.weighting === 'value') {
    const have = new Set(shares.map((s) => s.symbol))
    const missing = [...symbols].filter((s) => !have.has(s))
    if (missing.length > 0)
      err(
        ['index', 'weighting'],
        `value weighting needs shares for every symbol; add shares for ${missing.join(', ')} or use weighting: equal`,
      )
  }
  spec.claims = buildClaims(raw, spec, err)
  return {spec: issues.length > 0 ? null : spec, issues}
}

type ErrFn = (path: PathSeg[], message: string, key?: boolean) => void

/** The event id of the pooled results of list events (group rows); security rows keep their own event ids. */
const ALL_EVENTS = 'all'

/** Why `event: all` does not fit a security subject, and the ids that do. */
function allOnSecurity(subject: string, spec: StudySpec): string {
  const own = spec.events.filter((e) => e.symbol === subject).map((e) => e.id)
  const fix = own.length > 0 ? `name one of ${subject}'s events (${own.join(', ')})` : 'name one of its events'
  return `event "all" is the pooled result of a group; ${subject} is a security, whose results carry their own event ids: ${fix}, or make a group the subject`
}

function buildClaims(raw: RawStudy, spec: StudySpec, err: ErrFn): ClaimSpec[] {
  const claims: ClaimSpec[] = []
  const groupIds = new Set(spec.groups.map((g) => g.id))
  const symbols = new Set([...studySymbols(spec), spec.benchmark])
  const eventIds = new Set(spec.events.map((e) => e.id))
  if (spec.eventsKind === 'list') eventIds.add(ALL_EVENTS)
  const seen = new Set<string>()
  ;(raw.claims ?? []).forEach((c, i) => {
    const at = (f: string): PathSeg[] => ['claims', i, f]
    if (seen.has(c.id)) err(at('id'), `claim id "${c.id}" is used twice; give each claim its own id`)
    seen.add(c.id)
    const isGroup = groupIds.has(c.subject)
    const subject = isGroup ? c.subject : normalizeSymbol(c.subject)
    if (!isGroup && !symbols.has(subject)) {
      err(
        at('subject'),
        `"${c.subject}" is neither a group id (${[...groupIds].join(', ') || 'none'}) nor a symbol of this study; name one of them`,
      )
    }
    if (c.metric === 'caar' && !isGroup)
      err(at('subject'), `metric caar needs a group as subject, not the symbol ${subject}; use car for one security`)
    const indexMetric = INDEX_METRICS.has(c.metric)
    if (indexMetric && !spec.index)
      err(at('metric'), `metric ${c.metric} needs an index: section in the study; add one or pick another metric`)
    if (c.event === undefined) {
      if (!indexMetric)
        err(at('event'), `metric ${c.metric} needs an event; add event: ${[...eventIds][0] ?? 'EVENT-ID'}`)
    } else if (!eventIds.has(c.event)) {
      err(at('event'), `unknown event "${c.event}"; use one of ${[...eventIds].join(', ') || '(no events)'}`)
    } else if (
      c.event === ALL_EVENTS &&
      spec.eventsKind === 'list' &&
      !isGroup &&
      !indexMetric &&
      symbols.has(subject)
    ) {
      err(at('event'), allOnSecurity(subject, spec))
    }
    const window: [number, number] = c.window ?? [0, 0]
    if (window[0] > window[1])
      err(
        at('window'),
        `window [${window[0]}, ${window[1]}] ends before it starts; write it as [${window[1]}, ${window[0]}]`,
      )
    if (c.metric === 'ar' && window[0] !== window[1])
      err(
        at('window'),
        `metric ar is one day's abnormal return: use a one-day window like [${window[0]}, ${window[0]}], or metric car`,
      )
    claims.push({
      id: c.id,
      text: c.text,
      metric: c.metric,
      subject,
      event: c.event ?? null,
      window,
      expected: c.expected,
      tolerance: c.tolerance,
    })
  })
  return claims
}

/**
 * Gives each list event its group: the CSV's group column, else the first group (in file order) listing the
 * symbol, else "all". Groups named only by events are added to spec.groups with the symbols seen.
 */
function resolveListGroups(spec: StudySpec): void {
  const bySymbol = new Map<string, string>()
  for (const g of spec.groups) for (const s of g.symbols) if (!bySymbol.has(s)) bySymbol.set(s, g.id)
  for (const e of spec.events) {
    if (e.group === null) e.group = (e.symbol !== null ? bySymbol.get(e.symbol) : undefined) ?? 'all'
    let g = spec.groups.find((x) => x.id === e.group)
    if (!g) {
      g = {id: e.group, label: null, symbols: []}
      spec.groups.push(g)
    }
    if (e.symbol !== null && !g.symbols.includes(e.symbol)) g.symbols.push(e.symbol)
  }
}

/** Every security of the study (group members and list-event symbols), each once, in file order. */
export function studySymbols(spec: StudySpec): string[] {
  const out = new Set<string>()
  for (const g of spec.groups) for (const s of g.symbols) out.add(s)
  for (const e of spec.events) if (e.symbol !== null) out.add(e.symbol)
  return [...out]
}

/**
 * Replaces a study's events with per-security list events (e.g. `study run --events -` from stdin) and
 * re-checks what depends on them: windows must be offsets; claims must name known events and subjects.
 * Throws StudyValidationError naming `source`.
 */
export function withListEvents(spec: StudySpec, events: EventSpec[], source: string): StudySpec {
  const out: StudySpec = {
    ...spec,
    eventsKind: 'list',
    events: events.map((e) => ({...e})),
    groups: spec.groups.map((g) => ({...g, symbols: [...g.symbols]})),
  }
  resolveListGroups(out)
  const issues: StudyIssue[] = []
  const file = spec.file ?? source
  const listDates = `events from a list (${source}) have their own dates per security`
  if (typeof spec.estimation.from === 'string' || typeof spec.estimation.to === 'string') {
    issues.push({
      file,
      line: null,
      path: 'estimation',
      message: `${listDates}: write the estimation window as trading-day offsets, e.g. {from: -260, to: -11}, or run without ${source}`,
    })
  }
  spec.windows.forEach(([a], i) => {
    if (typeof a === 'string')
      issues.push({
        file,
        line: null,
        path: `windows[${i}]`,
        message: `${listDates}: write windows as trading-day offsets, e.g. [-1, 1], or run without ${source}`,
      })
  })
  const eventIds = new Set([...out.events.map((e) => e.id), ALL_EVENTS])
  const symbols = new Set([...studySymbols(out), out.benchmark])
  const groupIds = new Set(out.groups.map((g) => g.id))
  out.claims.forEach((c, i) => {
    const isGroup = groupIds.has(c.subject)
    const indexMetric = INDEX_METRICS.has(c.metric)
    if (c.event !== null && !eventIds.has(c.event)) {
      issues.push({
        file,
        line: null,
        path: `claims[${i}].event`,
        message: `unknown event "${c.event}" (events now come from ${source}); use an id from that list or "all"`,
      })
    } else if (c.event === ALL_EVENTS && !isGroup && !indexMetric && symbols.has(c.subject)) {
      issues.push({
        file,
        line: null,
        path: `claims[${i}].event`,
        message: `${allOnSecurity(c.subject, out)} (events now come from ${source})`,
      })
    }
    if (!isGroup && !symbols.has(c.subject))
      issues.push({
        file,
        line: null,
        path: `claims[${i}].subject`,
        message: `"${c.subject}" is neither a group nor a symbol of the events in ${source}`,
      })
  })
  if (issues.length > 0) throw new StudyValidationError(issues)
  return out
}
