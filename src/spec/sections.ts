/**
 * The optional sections of a study file: shares outstanding (value at stake), history (first usable dates),
 * index (base-period indexing) and the volatility window; and the checks that need the whole study (a share
 * count or history entry naming no security, value weighting without shares).
 */
import {normalizeSymbol} from '../store/symbols.js'
import type {PathSeg, SpecContext} from './issues.js'
import type {RawStudy} from './raw.js'
import {studySymbols} from './symbols.js'
import type {BootstrapSpec, HistorySpec, IndexSpec, SharesSpec, StudySpec} from './types.js'

export interface SpecSections {
  shares: SharesSpec[]
  history: HistorySpec[]
  index: IndexSpec | null
  volatilityWindow: [number, number] | null
  bootstrap: BootstrapSpec | null
}

export function checkSections(raw: RawStudy, ctx: SpecContext): SpecSections {
  return {
    shares: checkShares(raw, ctx),
    history: checkHistory(raw, ctx),
    index: checkIndex(raw, ctx),
    volatilityWindow: checkVolatility(raw, ctx),
    bootstrap: checkBootstrap(raw, ctx),
  }
}

function checkShares(raw: RawStudy, {err}: SpecContext): SharesSpec[] {
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
  return shares
}

function checkHistory(raw: RawStudy, {err, checkDate}: SpecContext): HistorySpec[] {
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
  return history
}

function checkIndex(raw: RawStudy, {err, checkDate}: SpecContext): IndexSpec | null {
  const ix = raw.index
  if (!ix) return null
  checkDate(['index', 'base', 'from'], ix.base.from)
  checkDate(['index', 'base', 'to'], ix.base.to)
  checkDate(['index', 'asOf'], ix.asOf)
  if (ix.base.from > ix.base.to) {
    err(
      ['index', 'base', 'to'],
      `the base period ends (${ix.base.to}) before it starts (${ix.base.from}); swap from and to`,
    )
  }
  if (ix.asOf <= ix.base.to) {
    const what = ix.asOf < ix.base.from ? 'is before the base period' : 'is inside the base period'
    err(
      ['index', 'asOf'],
      `asOf (${ix.asOf}) ${what} (${ix.base.from}..${ix.base.to}); pick a date after ${ix.base.to}`,
    )
  }
  return {base: {from: ix.base.from, to: ix.base.to}, asOf: ix.asOf, weighting: ix.weighting ?? 'equal'}
}

function checkVolatility(raw: RawStudy, {err}: SpecContext): [number, number] | null {
  if (!raw.volatility?.window) return null
  const [a, b] = raw.volatility.window
  if (a > b) err(['volatility', 'window'], `window [${a}, ${b}] ends before it starts; write it as [${b}, ${a}]`)
  return [a, b]
}

/** The bootstrap section: whole draws and a 32-bit seed (the schema checks types), sign-flip by default. */
function checkBootstrap(raw: RawStudy, {err}: SpecContext): BootstrapSpec | null {
  const b = raw.bootstrap
  if (!b) return null
  return bootstrapSpec(b.draws, b.seed, b.scheme ?? 'sign-flip', (field, message) => err(['bootstrap', field], message))
}

/** A checked BootstrapSpec; `err` names the field (study file key or command-line flag) of a bad value. */
export function bootstrapSpec(
  draws: number,
  seed: number,
  scheme: BootstrapSpec['scheme'],
  err: (field: 'draws' | 'seed', message: string) => void,
): BootstrapSpec {
  if (!(Number.isInteger(draws) && draws >= 1 && draws <= 1_000_000))
    err('draws', `draws must be a whole number from 1 to 1,000,000, not ${draws}; 9999 is usual`)
  if (!(Number.isInteger(seed) && seed >= 0 && seed <= 0xffffffff))
    err('seed', `seed must be a whole number from 0 to 4294967295, not ${seed}`)
  return {draws, seed, scheme}
}

/** Share counts and history entries must name a security of the study; value weighting needs every share count. */
export function crossChecks(raw: RawStudy, spec: StudySpec, {err}: SpecContext): void {
  const symbols = new Set(studySymbols(spec))
  const common = spec.eventsKind === 'common'
  const nowhere = common ? 'is in no group of this study' : 'is in no group and has no event in the events file'
  // With list events the study's symbols are the groups' and the events file's; when that file could not be
  // read its symbols are unknown, and the keys are not checked against it.
  if (common || spec.events.length > 0) {
    for (const key of Object.keys(raw.shares ?? {})) {
      const fix = common ? 'remove it or add it to a group' : 'check the spelling, or remove it'
      if (!symbols.has(normalizeSymbol(key))) err(['shares', key], `${normalizeSymbol(key)} ${nowhere}; ${fix}`, true)
    }
    for (const key of Object.keys(raw.history ?? {})) {
      const sym = normalizeSymbol(key)
      if (symbols.has(sym)) continue
      const why =
        sym === spec.benchmark
          ? "is the benchmark: its dates are the study's calendar, which history: cannot shorten; remove it"
          : `${nowhere}; check the spelling, or remove it`
      err(['history', key], `${sym} ${why}`, true)
    }
  }
  if (spec.index?.weighting === 'value') {
    const have = new Set(spec.shares.map((s) => s.symbol))
    const missing = [...symbols].filter((s) => !have.has(s))
    if (missing.length > 0) {
      err(
        ['index', 'weighting'],
        `value weighting needs shares for every symbol; add shares for ${missing.join(', ')} or use weighting: equal`,
      )
    }
  }
}
