/**
 * Per-security ("list") events: each event has its own date and security, so relative windows must be offsets,
 * each event gets a group, and claims must name the new events. The same rules serve a study file's
 * `events: {file}` and `study run --events` (which replaces the study's events).
 */
import {claimReferenceIssues} from './claims.js'
import {ALL_EVENTS} from './fields.js'
import {formatPath, StudyValidationError, type PathSeg, type StudyIssue} from './issues.js'
import type {Bound, EventSpec, StudySpec} from './types.js'

/**
 * List events have their own dates per security: the estimation window and the event windows must be trading-day
 * offsets. `source` names an events list that replaces the study's events (`--events FILE`), if any.
 */
export function listDateIssues(
  estimation: {from: Bound; to: Bound},
  windows: ReadonlyArray<readonly [Bound, Bound]>,
  source?: string,
): Array<{path: PathSeg[]; message: string}> {
  const out: Array<{path: PathSeg[]; message: string}> = []
  const lead = source
    ? `events from a list (${source}) have their own dates per security`
    : 'events from a list have their own dates per security'
  const tail = source ? `, or run without ${source}` : ''
  windows.forEach(([a], i) => {
    if (typeof a === 'string') {
      out.push({path: ['windows', i], message: `${lead}: write windows as trading-day offsets, e.g. [-1, 1]${tail}`})
    }
  })
  if (typeof estimation.from === 'string' || typeof estimation.to === 'string') {
    const message = `${lead}: write the estimation window as trading-day offsets, e.g. {from: -260, to: -11}${tail}`
    out.push({path: ['estimation'], message})
  }
  return out
}

/**
 * Gives each list event its group: the CSV's group column, else the first group (in file order) listing the
 * symbol, else "all". Groups named only by events are added to spec.groups with the symbols seen.
 */
export function resolveListGroups(spec: StudySpec): void {
  const bySymbol = new Map<string, string>()
  for (const g of spec.groups) for (const s of g.symbols) if (!bySymbol.has(s)) bySymbol.set(s, g.id)
  // Each group with the set of its symbols: thousands of events over thousands of symbols are looked up, not scanned.
  const groups = new Map<string, {g: StudySpec['groups'][number]; has: Set<string>}>()
  for (const g of spec.groups) if (!groups.has(g.id)) groups.set(g.id, {g, has: new Set(g.symbols)})
  for (const e of spec.events) {
    if (e.group === null) e.group = (e.symbol !== null ? bySymbol.get(e.symbol) : undefined) ?? ALL_EVENTS
    let entry = groups.get(e.group)
    if (!entry) {
      entry = {g: {id: e.group, label: null, symbols: []}, has: new Set()}
      spec.groups.push(entry.g)
      groups.set(e.group, entry)
    }
    if (e.symbol !== null && !entry.has.has(e.symbol)) {
      entry.g.symbols.push(e.symbol)
      entry.has.add(e.symbol)
    }
  }
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
  const file = spec.file ?? source
  const issues: StudyIssue[] = []
  const add = (path: PathSeg[], message: string): void => {
    issues.push({file, line: null, path: formatPath(path), message})
  }
  for (const i of listDateIssues(spec.estimation, spec.windows, source)) add(i.path, i.message)
  out.claims.forEach((c, i) => {
    for (const p of claimReferenceIssues(c, out, source)) add(['claims', i, p.field], p.message)
  })
  // A regression of one study event names an id the new list may not have.
  const ids = new Set(out.events.map((e) => e.id))
  out.crossSections?.forEach((x, i) => {
    if (x.event !== ALL_EVENTS && !ids.has(x.event))
      add(
        ['crossSection', i, 'event'],
        `no event "${x.event}" among the events from ${source}; name one of them, or all`,
      )
  })
  if (issues.length > 0) throw new StudyValidationError(issues.sort((a, b) => order(a.path) - order(b.path)))
  return out
}

/** Estimation before windows before claims, as the study file lists them. */
function order(path: string): number {
  return path.startsWith('estimation') ? 0 : path.startsWith('windows') ? 1 : 2
}
