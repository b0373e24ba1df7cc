/**
 * The cross-sectional regressions of a study file (`crossSection:`) and its security characteristics
 * (`characteristics: {file}`): ids unique, windows in order, the event known, every term one the study can compute.
 */
import type {PathSeg, SpecContext, StudyIssue} from './issues.js'
import {ALL_EVENTS} from './fields.js'
import type {RawCrossSection, RawStudy} from './raw.js'
import {
  BUILTIN_TERMS,
  type BuiltinTerm,
  type CharacteristicValue,
  type CrossSectionSpec,
  type CrossSectionTerm,
  type StudySpec,
} from './types.js'

/** Reads the CSV named by `characteristics: {file}`; returns its values and any issues (with the CSV's lines). */
export type CharacteristicsFileLoader = (ref: string) => {values: CharacteristicValue[]; issues: StudyIssue[]}

/** What a term needs of the study, and the fix when it is missing. */
const NEEDS: Partial<Record<BuiltinTerm, {index?: true; shares?: true}>> = {
  marketValue: {index: true, shares: true},
  logMarketValue: {index: true, shares: true},
  indexReturn: {index: true},
}

const TERM_LIST = `group, ${BUILTIN_TERMS.join(', ')}, {runup: [t1, t2]} or a column of the characteristics CSV`

/** Checks `crossSection:` against the built spec (events, groups, index, shares, characteristics). */
export function checkCrossSections(raw: RawStudy, spec: StudySpec, ctx: SpecContext): CrossSectionSpec[] {
  const out: CrossSectionSpec[] = []
  const seen = new Map<string, number>()
  ;(raw.crossSection ?? []).forEach((x, i) => {
    const first = seen.get(x.id)
    if (first !== undefined) {
      ctx.err(['crossSection', i, 'id'], `id "${x.id}" is already used by crossSection[${first}]; give each its own id`)
    } else seen.set(x.id, i)
    const [a, b] = x.window
    if (a > b) ctx.err(['crossSection', i, 'window'], `window [${a}, ${b}] ends before it starts; write [${b}, ${a}]`)
    if (x.weights === 'scar' && !spec.windows.some((w) => w[0] === a && w[1] === b)) {
      const list = spec.windows.map((w) => `[${w[0]}, ${w[1]}]`).join(', ')
      ctx.err(
        ['crossSection', i, 'window'],
        `weights: scar needs Var(CAR) of a study window; [${a}, ${b}] is not among windows (${list}): add it there`,
      )
    }
    const event = checkEvent(x, i, spec, ctx)
    const on = x.on.map((t, j) => checkTerm(t, ['crossSection', i, 'on', j], spec, ctx))
    if (on.filter((t) => t?.kind === 'group').length > 1)
      ctx.err(['crossSection', i, 'on'], 'group is named twice; its dummies enter once')
    out.push({
      id: x.id,
      window: [a, b],
      event,
      on: on.filter((t): t is CrossSectionTerm => t !== null),
      weights: x.weights ?? 'none',
      se: x.se ?? 'hc3',
    })
  })
  return out
}

/**
 * The event regressed: the one named (`all` pools every security-event), else the study's only event (common events)
 * or all (list events).
 */
function checkEvent(x: RawCrossSection, i: number, spec: StudySpec, {err}: SpecContext): string {
  const ids = spec.events.map((e) => e.id)
  if (spec.eventsKind === 'list') {
    if (x.event !== undefined && x.event !== ALL_EVENTS && spec.events.length > 0 && !ids.includes(x.event))
      err(['crossSection', i, 'event'], `no event "${x.event}" in the events file; name one of its ids, or all`)
    return x.event ?? ALL_EVENTS
  }
  if (x.event === undefined) {
    if (ids.length !== 1)
      err(['crossSection', i], `the study has ${ids.length} events; name one with event: (one of ${ids.join(', ')})`)
    return ids[0] ?? ''
  }
  if (x.event !== ALL_EVENTS && !ids.includes(x.event))
    err(['crossSection', i, 'event'], `no event "${x.event}" in this study; use one of ${ids.join(', ')}, or all`)
  return x.event
}

function checkTerm(
  t: RawCrossSection['on'][number],
  at: PathSeg[],
  spec: StudySpec,
  {err}: SpecContext,
): CrossSectionTerm | null {
  if (typeof t !== 'string') {
    const [a, b] = t.runup
    if (a > b) err(at, `runup [${a}, ${b}] ends before it starts; write [${b}, ${a}]`)
    else if (b >= 0) err(at, `runup [${a}, ${b}] must end before day 0 (a pre-event window), e.g. [${a}, -1]`)
    return {kind: 'runup', window: [a, b]}
  }
  if (t === 'group') return {kind: 'group'}
  const builtin = BUILTIN_TERMS.find((n) => n === t)
  if (builtin) {
    const need = NEEDS[builtin]
    if (need?.index && !spec.index) err(at, `${t} needs an index: section (its base period); add index: {base, asOf}`)
    if (need?.shares && spec.shares.length === 0) err(at, `${t} needs shares: (shares outstanding); add them`)
    return {kind: 'builtin', name: builtin}
  }
  const near = [...BUILTIN_TERMS, 'group'].find((n) => n.toLowerCase() === t.toLowerCase())
  if (near) {
    err(at, `unknown term "${t}"; did you mean ${near}? Terms: ${TERM_LIST}`)
    return null
  }
  // Without a characteristics file the column may come from --characteristics; the run checks it then.
  if (spec.characteristics && !spec.characteristics.some((c) => c.name === t)) {
    const names = [...new Set(spec.characteristics.map((c) => c.name))].join(', ') || 'none'
    err(
      at,
      `unknown term "${t}": not a built-in term and not a column of the characteristics CSV (${names}). Terms: ${TERM_LIST}`,
    )
    return null
  }
  return {kind: 'column', name: t}
}

/** Reads `characteristics: {file}` through the loader; its bad rows are reported with the CSV's own lines. */
export function loadCharacteristics(
  raw: RawStudy,
  ctx: SpecContext,
  load: CharacteristicsFileLoader | undefined,
): CharacteristicValue[] | undefined {
  if (!raw.characteristics) return undefined
  if (!load) {
    ctx.err(
      ['characteristics', 'file'],
      'a characteristics file needs the study loaded from disk (loadStudy), not from text',
    )
    return []
  }
  const loaded = load(raw.characteristics.file)
  const line = ctx.line(['characteristics', 'file'])
  for (const i of loaded.issues) ctx.add(i.file === '' ? {...i, file: ctx.file, line, path: 'characteristics.file'} : i)
  return loaded.values
}
