/**
 * Hand-built, seeded StudyResult fixtures for the report renderers (the real runner is not needed).
 * Shape follows src/result.ts; numbers are synthetic but consistent (CAR = sum of AR, etc.).
 */
import {
  SCHEMA_VERSION,
  type StudyResult,
  type SecurityResult,
  type GroupResult,
  type TestBattery,
} from '../../src/result.js'
import {TEST_NAMES} from '../../src/engine/types.js'
import {uniform} from '../engine/random.js'

function normal(r: () => number): number {
  const u = Math.max(r(), 1e-12)
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r())
}

function battery(stat: number, p: number, n: number): TestBattery {
  const b = {} as TestBattery
  for (const name of TEST_NAMES)
    b[name] =
      n >= 2 || name === 'crossSectionalT'
        ? {stat, p, n}
        : {stat: null, p: null, n, note: 'needs at least 2 securities'}
  return b
}

/** Business days from `start` (ISO), `count` of them. */
function businessDays(start: string, count: number): string[] {
  const out: string[] = []
  const d = new Date(`${start}T00:00:00Z`)
  while (out.length < count) {
    const wd = d.getUTCDay()
    if (wd !== 0 && wd !== 6) out.push(d.toISOString().slice(0, 10))
    d.setUTCDate(d.getUTCDate() + 1)
  }
  return out
}

export const FIXTURE_GROUPS = [
  {group: 'chips', label: 'AI chips', symbols: ['NVDA', 'AMD', 'AVGO'], shock: -0.12},
  {group: 'cloud', label: 'Hyperscalers', symbols: ['MSFT', 'GOOGL', 'AMZN', 'META'], shock: -0.03},
  {group: 'power', label: 'Power', symbols: ['VST', 'CEG'], shock: -0.2},
]

export interface FixtureOptions {
  /** First and last relative day of the AR rows kept per security (the runner may keep only the windows). */
  arRange?: [number, number]
  withIndex?: boolean
  withClaims?: boolean
  failingClaim?: boolean
}

/** A two-event study: groups × events, AR rows -10..+14, index series, volatility, value and claims. */
export function makeResult(opts: FixtureOptions = {}): StudyResult {
  const r = uniform(42)
  const [a, b] = opts.arRange ?? [-10, 14]
  const calendar = businessDays('2024-12-02', 60)
  const events = [
    {
      id: 'release',
      label: 'Model released',
      symbol: null,
      date: '2025-01-04',
      tradingDate: '2025-01-06',
      shift: 1,
      note: 'market closed on 2025-01-04',
    },
    {
      id: 'selloff',
      label: 'The sell-off',
      symbol: null,
      date: '2025-01-13',
      tradingDate: '2025-01-13',
      shift: 0,
      note: null,
    },
  ]
  const windows: Array<[number, number]> = [
    [0, 0],
    [-1, 1],
    [0, 4],
    [0, 14],
  ]
  const securities: SecurityResult[] = []
  const groups: GroupResult[] = []
  for (const ev of events) {
    const day0 = calendar.indexOf(ev.tradingDate)
    for (const g of FIXTURE_GROUPS) {
      for (const sym of g.symbols) {
        const ar = []
        for (let t = a; t <= b; t++) {
          const shock = ev.id === 'selloff' && t === 0 ? g.shock : 0
          const x = shock + 0.01 * normal(r)
          ar.push({t, date: calendar[day0 + t], ret: x + 0.001, ar: x, sar: x / 0.01})
        }
        const win = windows.map(([w1, w2]) => {
          const rows = ar.filter((q) => q.t >= w1 && q.t <= w2)
          const car = rows.reduce((s, q) => s + q.ar, 0)
          const tstat = car / (0.01 * Math.sqrt(rows.length || 1))
          return {
            window: [w1, w2] as [number, number],
            from: calendar[day0 + w1],
            to: calendar[day0 + w2],
            car,
            scar: tstat,
            bhar: car,
            t: tstat,
            p: Math.min(1, 2 * Math.exp(-Math.abs(tstat))),
          }
        })
        securities.push({
          symbol: sym,
          group: g.group,
          event: ev.id,
          model: {alpha: 0.0005, beta: 1.2, sigma: 0.01, r2: 0.4, n: 250},
          ar,
          windows: win,
        })
      }
      const members = securities.filter((s) => s.group === g.group && s.event === ev.id)
      groups.push({
        group: g.group,
        label: g.label,
        event: ev.id,
        n: members.length,
        excluded: 0,
        daily: [0].map((t) => ({
          t,
          date: ev.tradingDate,
          n: members.length,
          aar: members.reduce((s, m) => s + (m.ar?.find((q) => q.t === t)?.ar ?? 0), 0) / members.length,
          tests: battery(-3.1, 0.002, members.length),
        })),
        windows: windows.map((w, wi) => {
          const caar = members.reduce((s, m) => s + (m.windows?.[wi].car ?? 0), 0) / members.length
          return {
            window: w,
            from: calendar[day0 + w[0]],
            to: calendar[day0 + w[1]],
            n: members.length,
            caar,
            tests: battery(caar / 0.01, Math.min(1, Math.exp(-Math.abs(caar) * 50)), members.length),
          }
        }),
      })
    }
  }
  securities.push({
    symbol: 'SMCI',
    group: 'chips',
    event: 'selloff',
    excluded: 'too few estimation observations (80 < 100)',
  })
  const result: StudyResult = {
    schemaVersion: SCHEMA_VERSION,
    tool: {name: 'aftershock', version: '0.1.0'},
    study: {
      name: 'fixture',
      title: null,
      description: null,
      questions: [],
      file: null,
      benchmark: 'SPY',
      price: 'adjClose',
      returns: 'simple',
      model: 'market',
      nonTradingDay: 'next',
      estimation: {from: -260, to: -11, minObservations: 100},
      windows,
    },
    dataAsOf: calendar[calendar.length - 1],
    events,
    groups,
    securities,
    volatility: {
      window: [1, 14],
      securities: securities
        .filter((s) => !s.excluded)
        .map((s) => {
          const post = (0.01 + 0.01 * r()) ** 2
          return {
            symbol: s.symbol,
            group: s.group,
            event: s.event,
            preVariance: 1e-4,
            postVariance: post,
            ratio: post / 1e-4,
            df1: 13,
            df2: 248,
            p: 0.5 / (post / 1e-4),
            significant: post / 1e-4 > 2,
          }
        }),
      groups: [],
    },
    notes: [
      'Release: market closed on 2025-01-04; day 0 is 2025-01-06.',
      'SMCI excluded: too few estimation observations.',
    ],
  }
  if (opts.withIndex !== false) {
    const series = calendar.map((date, i) => ({
      date,
      values: Object.fromEntries(
        FIXTURE_GROUPS.map((g, gi) => [g.group, 100 + (gi + 1) * 2 * i - (i > 28 ? 30 * (gi + 1) * 0.3 : 0)]),
      ) as Record<string, number | null>,
    }))
    result.index = {
      base: {from: '2024-12-01', to: '2024-12-31'},
      asOf: calendar[calendar.length - 1],
      weighting: 'equal',
      securities: [],
      groups: FIXTURE_GROUPS.map((g) => ({
        id: g.group,
        group: null,
        base: null,
        level: 150,
        sinceBase: 0.5,
        sinceEvent: {release: 0.1, selloff: -0.05},
        peak: 170,
        peakDate: '2025-01-10',
        drawdown: -0.1176,
        excluded: null,
      })),
      series,
      notes: [],
    }
  }
  result.value = {
    shares: [{symbol: 'NVDA', shares: 24.49e9, source: '10-Q', current: false}],
    rows: [
      {
        id: 'NVDA',
        group: 'chips',
        event: 'selloff',
        window: [0, 0],
        from: '2025-01-13',
        to: '2025-01-13',
        startPrice: 142.57,
        endPrice: 118.38,
        change: -592.4e9,
        abnormalChange: -500e9,
        approximate: true,
      },
    ],
    groups: [
      {
        id: 'chips',
        group: null,
        event: 'selloff',
        window: [0, 0],
        from: '2025-01-13',
        to: '2025-01-13',
        startPrice: null,
        endPrice: null,
        change: -700e9,
        abnormalChange: -600e9,
        approximate: true,
      },
    ],
    notes: [],
  }
  if (opts.withClaims !== false) {
    result.claims = [
      {
        id: 'nvda-fell',
        text: 'NVIDIA fell about 12% on the sell-off',
        metric: 'return',
        subject: 'NVDA',
        event: 'selloff',
        window: [0, 0],
        expected: -0.12,
        tolerance: 0.05,
        measured: -0.11,
        holds: true,
        note: null,
      },
      // Index metrics carry no event.
      {
        id: 'chips-level',
        text: 'AI chips stood near 150',
        metric: 'indexLevel',
        subject: 'chips',
        event: null,
        window: [0, 0],
        expected: 150,
        tolerance: 5,
        measured: 150,
        holds: true,
        note: 'as of 2025-02-21',
      },
    ]
    if (opts.failingClaim) {
      result.claims.push({
        id: 'power-up',
        text: 'Power stocks rose',
        metric: 'caar',
        subject: 'power',
        event: 'selloff',
        window: [0, 0],
        expected: 0.05,
        tolerance: 0.01,
        measured: -0.2,
        holds: false,
        note: null,
      })
    }
  }
  return result
}

/** Title, description and questions the report tests pass as the study's text. */
export const REPORT_TEXT = {
  title: 'Fixture study',
  description: 'A synthetic study.',
  questions: ['How far did chips fall?', 'Did volatility rise?'],
}

/** The fixture with abnormal volume and overlapping events added. */
export function withVolume(): StudyResult {
  const test = (stat: number, p: number, n: number) => ({stat, p, n, df: n - 1})
  const day = (t: number, date: string, meanAv: number, cs: [number, number]) => ({
    t,
    date,
    n: 3,
    meanAv,
    crossSectionalT: test(cs[0], cs[1], 3),
    sign: test(0.5, 0.6, 3),
  })
  return {
    ...makeResult(),
    volume: {
      window: [-1, 1],
      groups: [
        {
          group: 'chips',
          event: 'selloff',
          n: 3,
          daily: [
            day(-1, '2025-01-10', 0.1, [0.5, 0.6]),
            day(0, '2025-01-13', 0.85, [3.74, 0.004]),
            day(1, '2025-01-14', 0.4, [1.2, 0.3]),
          ],
        },
      ],
      notes: ['no volume in the store for CEG; left out of abnormal volume'],
    },
    overlaps: [{symbol: 'NVDA', events: ['NVDA-2024-05-22', 'NVDA-2024-05-29'], note: 'NVDA: overlap'}],
  }
}

/**
 * A list study of `n` security-events of the chips group (one event each, pooled under event "all" as the runner
 * pools them), built from makeResult's shapes: security i's day-0 AR is a shuffle of -0.5 .. 0.5 (i · 7919 mod n,
 * n not a multiple of 7919), its volatility row that of makeResult's first security.
 */
export function makeListResult(n: number): StudyResult {
  const base = makeResult()
  const sec = base.securities.find((s) => !s.excluded) as SecurityResult
  const vol = base.volatility?.securities[0]
  if (!vol) throw new Error('makeResult has no volatility rows')
  const ids = Array.from({length: n}, (_, i) => ({symbol: `S${i}`, id: `S${i}-e1`, ar: ((i * 7919) % n) / n - 0.5}))
  return {
    ...base,
    events: ids.map(({symbol, id}) => ({
      id,
      label: null,
      symbol,
      date: '2025-01-13',
      tradingDate: '2025-01-13',
      shift: 0,
      note: null,
    })),
    securities: ids.map(({symbol, id, ar}) => ({
      ...sec,
      symbol,
      group: 'chips',
      event: id,
      windows: [],
      ar: [{t: 0, date: '2025-01-13', ret: ar, ar, sar: ar * 100}],
    })),
    groups: base.groups.filter((g) => g.group === 'chips' && g.event === 'selloff').map((g) => ({...g, event: 'all'})),
    volatility: {
      ...base.volatility!,
      securities: ids.map(({symbol, id}) => ({...vol, symbol, group: 'chips', event: id})),
    },
  }
}

/** makeResult's sell-off repeated as `k` common events (ids e1..ek): its groups, securities and volatility rows each. */
export function makeManyEvents(k: number): StudyResult {
  const base = makeResult()
  const ids = Array.from({length: k}, (_, i) => `e${i + 1}`)
  const on = <T extends {event: string}>(rows: readonly T[]): T[] =>
    ids.flatMap((id) => rows.filter((r) => r.event === 'selloff').map((r) => ({...r, event: id})))
  const selloff = base.events.find((e) => e.id === 'selloff')!
  return {
    ...base,
    events: ids.map((id, i) => ({...selloff, id, label: `Event ${i + 1}`})),
    groups: on(base.groups),
    securities: on(base.securities),
    volatility: {...base.volatility!, groups: on(base.volatility!.groups), securities: on(base.volatility!.securities)},
  }
}
