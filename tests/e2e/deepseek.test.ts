/**
 * End to end: the built CLI imports ../shared/data/prices into a temp cache and runs the DeepSeek R1 study;
 * the numbers are checked against an independent computation from the CSV files read here.
 */
import {readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {parse, stringify} from 'yaml'
import type {StudyResult} from '../../src/result.js'
import {spawnSync} from 'node:child_process'
import {BIN, tempDir, type CliRun} from '../helpers/cli.js'
import {PRICES_DIR, REPO, haveSharedData} from '../helpers/shared.js'

/**
 * helpers/cli.ts's runCli, with a larger maxBuffer: the study's JSON (daily index series included) is over
 * spawnSync's 1 MB default.
 */
function runCli(args: string[], opts: {cacheDir: string}): CliRun {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: REPO,
    env: {...process.env, NO_COLOR: '1', AFTERSHOCK_CACHE_DIR: opts.cacheDir},
    encoding: 'utf8',
    timeout: 120_000,
    maxBuffer: 64 * 1024 * 1024,
  })
  return {code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr}
}

const STUDY_FILE = path.join(REPO, 'studies', 'deepseek-r1.yaml')
const GROUPS: Record<string, string[]> = {
  nvidia: ['NVDA'],
  'ai-chips': ['AVGO', 'AMD', 'TSM', 'ASML', 'MU', 'MRVL', 'SMCI', 'ARM'],
  hyperscalers: ['MSFT', 'GOOGL', 'AMZN', 'META', 'ORCL'],
  'dc-reits': ['EQIX', 'DLR', 'IRM'],
  power: ['VST', 'CEG', 'NRG', 'TLN', 'GEV', 'NEE'],
}

/**
 * First usable dates, from ../shared/data/prices/SOURCES.md ("Start-of-history caveats"), written here and not
 * read from the study file so that the check stays independent of the study's own `history:`.
 */
const FIRST_USABLE: Record<string, string> = {GEV: '2024-04-02', CEG: '2022-02-02'}

/** Adjusted closes of a shared CSV (header date,open,high,low,close,adj_close,volume), by date, from the first usable date on. */
function adj(symbol: string): Map<string, number> {
  const lines = readFileSync(path.join(PRICES_DIR, `${symbol}.csv`), 'utf8')
    .trim()
    .split('\n')
  const head = lines[0].split(',')
  const iDate = head.indexOf('date')
  const iAdj = head.indexOf('adj_close')
  const out = new Map<string, number>()
  const first = FIRST_USABLE[symbol] ?? ''
  for (const line of lines.slice(1)) {
    const f = line.split(',')
    if (f[iAdj] !== '' && f[iDate] >= first) out.set(f[iDate], Number(f[iAdj]))
  }
  return out
}

/** Market model by hand on estimation days -260..-11 of `day0`: simple returns on SPY's calendar where both exist. */
function marketModel(symbol: string, calendar: string[], day0: string): {n: number; alpha: number; beta: number} {
  const p = adj(symbol)
  const m = adj('SPY')
  const k0 = calendar.indexOf(day0)
  const xs: number[] = []
  const ys: number[] = []
  for (let k = k0 - 260; k <= k0 - 11; k++) {
    const [a, b] = [calendar[k - 1], calendar[k]]
    if (p.has(a) && p.has(b) && m.has(a) && m.has(b)) {
      xs.push((m.get(b) as number) / (m.get(a) as number) - 1)
      ys.push((p.get(b) as number) / (p.get(a) as number) - 1)
    }
  }
  const n = xs.length
  const mx = xs.reduce((s, x) => s + x, 0) / n
  const my = ys.reduce((s, y) => s + y, 0) / n
  let sxy = 0
  let sxx = 0
  for (let i = 0; i < n; i++) {
    sxy += (xs[i] - mx) * (ys[i] - my)
    sxx += (xs[i] - mx) ** 2
  }
  const beta = sxy / sxx
  return {n, alpha: my - beta * mx, beta}
}

/** The independent index level as of a date: 100 × P / mean(P over the base dates); null without full base. */
function level(p: Map<string, number>, baseDates: string[], asOf: string): number | null {
  if (!baseDates.every((d) => p.has(d))) return null
  const b = baseDates.reduce((s, d) => s + (p.get(d) as number), 0) / baseDates.length
  return (100 * (p.get(asOf) as number)) / b
}

const have = haveSharedData()
const d = describe.skipIf(!have)

let cacheDir = ''
let result: StudyResult
let calendar: string[] = []
let spec: {shares: Record<string, {shares: number}>}

d('DeepSeek R1 study, end to end on the shared prices', () => {
  beforeAll(() => {
    cacheDir = tempDir('aftershock-deepseek-')
    const imp = runCli(['import', PRICES_DIR, '--json'], {cacheDir})
    expect(imp.code, imp.stderr).toBe(0)
    const first = runCli(['study', 'run', 'deepseek-r1', '--json', '--offline'], {cacheDir})
    expect(first.code, first.stderr).toBe(0)
    result = JSON.parse(first.stdout) as StudyResult
    calendar = [...adj('SPY').keys()]
    spec = parse(readFileSync(STUDY_FILE, 'utf8'))
  })

  it('runs offline on a warm cache quickly (wall time printed)', () => {
    const t0 = performance.now()
    const r = runCli(['study', 'run', 'deepseek-r1', '--json', '--offline'], {cacheDir})
    const ms = performance.now() - t0
    console.log(
      `study run deepseek-r1 --json --offline (warm cache): ${ms.toFixed(0)} ms wall, including node and oclif start-up`,
    )
    expect(r.code, r.stderr).toBe(0)
    expect(ms).toBeLessThan(15_000) // generous: a loaded 2-core CI machine; the target is < 1 s on an idle one
    expect(JSON.parse(r.stdout)).toEqual(result) // deterministic
  })

  it('events: the release on MLK day shifts to 2025-01-21', () => {
    const rel = result.events.find((e) => e.id === 'r1-release')!
    expect(rel).toMatchObject({date: '2025-01-20', tradingDate: '2025-01-21', shift: 1})
    expect(rel.note).toMatch(/2025-01-21/)
    expect(result.events.find((e) => e.id === 'r1-selloff')).toMatchObject({
      date: '2025-01-27',
      tradingDate: '2025-01-27',
      shift: 0,
    })
  })

  it('history: GEV estimated from 2024-04-02 on (when-issued rows left out), CEG unaffected; fits match OLS by hand', () => {
    expect(result.notes).toContain(
      'GEV: prices before 2024-04-02 not used (rows before are when-issued trading before the GE spin-off); history: dropped 3 rows',
    )
    for (const [event, day0] of [
      ['r1-release', '2025-01-21'],
      ['r1-selloff', '2025-01-27'],
    ]) {
      for (const sym of ['GEV', 'CEG', 'NVDA']) {
        const sec = result.securities.find((s) => s.symbol === sym && s.event === event)!
        const mm = marketModel(sym, calendar, day0)
        expect(sec.model!.n, `${sym} ${event}`).toBe(mm.n)
        expect(sec.model!.beta).toBeCloseTo(mm.beta, 10)
        expect(sec.model!.alpha).toBeCloseTo(mm.alpha, 12)
      }
    }
    // GEV: 3 days fewer than with the when-issued rows (193 and 197), still above minObservations 120
    expect(result.securities.filter((s) => s.symbol === 'GEV').map((s) => s.model!.n)).toEqual([190, 194])
    expect(result.securities.filter((s) => s.symbol === 'CEG').map((s) => s.model!.n)).toEqual([250, 250])
  })

  it('NVDA day-0 return on the sell-off is -16.97%', () => {
    const nv = adj('NVDA')
    const expected = (nv.get('2025-01-27') as number) / (nv.get('2025-01-24') as number) - 1
    expect(expected).toBeCloseTo(-0.1697, 4)
    const sec = result.securities.find((s) => s.symbol === 'NVDA' && s.event === 'r1-selloff')!
    const day0 = sec.ar!.find((r) => r.t === 0)!
    expect(day0.date).toBe('2025-01-27')
    expect(Math.abs(day0.ret - expected)).toBeLessThan(1e-9)
    expect(day0.ret).toBeCloseTo(-0.1697, 4)
  })

  it('index levels as of 2025-02-14 match an independent computation, securities and groups', () => {
    const idx = result.index!
    expect(idx.asOf).toBe('2025-02-14')
    const baseDates = calendar.filter((x) => x >= '2023-01-01' && x <= '2023-01-31')
    expect(baseDates).toHaveLength(20)
    for (const sym of ['SPY', 'NVDA', 'AMD', 'META', 'VST', 'NEE', 'EQIX']) {
      const row = idx.securities.find((s) => s.id === sym)!
      expect(row.level!).toBeCloseTo(level(adj(sym), baseDates, '2025-02-14')!, 8)
    }
    expect(idx.securities.find((s) => s.id === 'NVDA')!.level!).toBeCloseTo(804.43, 2)
    for (const [g, members] of Object.entries(GROUPS)) {
      const levels = members.map((m) => level(adj(m), baseDates, '2025-02-14')).filter((x): x is number => x !== null)
      const expected = levels.reduce((a, b) => a + b, 0) / levels.length
      expect(idx.groups.find((x) => x.id === g)!.level!, g).toBeCloseTo(expected, 8)
    }
    // listed after January 2023: left out of their group index, with the reason
    for (const sym of ['ARM', 'TLN', 'GEV']) {
      const row = idx.securities.find((s) => s.id === sym)!
      expect(row.level).toBeNull()
      expect(row.excluded).toMatch(/prices start .* left out of its group index/)
    }
    expect(idx.notes.join('\n')).toMatch(/group power: .*TLN.*GEV.* \(4 of 6 members in it\)/)
    // since the last close before the sell-off: P(2025-02-14) / P(2025-01-24) - 1
    const nv = adj('NVDA')
    expect(idx.securities.find((s) => s.id === 'NVDA')!.sinceEvent['r1-selloff']!).toBeCloseTo(
      (nv.get('2025-02-14') as number) / (nv.get('2025-01-24') as number) - 1,
      10,
    )
    // the series runs from the base period's first trading day to asOf
    expect(idx.series[0].date).toBe('2023-01-03')
    expect(idx.series.at(-1)!.date).toBe('2025-02-14')
  })

  it('NVIDIA dollar change on 2025-01-27: 24.49bn shares × (P_27 − P_24) ≈ USD -592bn', () => {
    const nv = adj('NVDA')
    const expected = 24.49e9 * ((nv.get('2025-01-27') as number) - (nv.get('2025-01-24') as number))
    const row = result.value!.rows.find(
      (r) => r.id === 'NVDA' && r.event === 'r1-selloff' && r.window[0] === 0 && r.window[1] === 0,
    )!
    expect(row.change).toBeCloseTo(expected, 0)
    expect(row.change / 1e9).toBeGreaterThan(-600)
    expect(row.change / 1e9).toBeLessThan(-590)
    expect(row.approximate).toBe(true) // the shared files have adjusted closes only
    const ar0 = result.securities
      .find((s) => s.symbol === 'NVDA' && s.event === 'r1-selloff')!
      .ar!.find((r) => r.t === 0)!.ar
    expect(row.abnormalChange!).toBeCloseTo(24.49e9 * (nv.get('2025-01-24') as number) * ar0, 0)
    // group total: the sum of the members' shares × ΔP
    const chips = GROUPS['ai-chips'].reduce((s, m) => {
      const p = adj(m)
      return s + spec.shares[m].shares * ((p.get('2025-01-27') as number) - (p.get('2025-01-24') as number))
    }, 0)
    const g = result.value!.groups.find(
      (r) => r.id === 'ai-chips' && r.event === 'r1-selloff' && r.window[0] === 0 && r.window[1] === 0,
    )!
    expect(g.change).toBeCloseTo(chips, 0)
  })

  it('claims: measured from the data, holding or failing as the data say', () => {
    const claims = result.claims!
    const byId = new Map(claims.map((c) => [c.id, c]))
    const nv = adj('NVDA')
    const ret = (p: Map<string, number>, from: string, to: string): number =>
      (p.get(to) as number) / (p.get(from) as number) - 1
    expect(byId.get('nvda-fell-17')!.measured!).toBeCloseTo(ret(nv, '2025-01-24', '2025-01-27'), 10)
    expect(byId.get('nvda-rebound-9')!.measured!).toBeCloseTo(ret(nv, '2025-01-27', '2025-01-28'), 10)
    expect(byId.get('nvda-recovered-by-feb-14')!.measured!).toBeCloseTo(ret(nv, '2025-01-24', '2025-02-14'), 10)
    expect(byId.get('release-day-reaction')!.measured!).toBeCloseTo(ret(nv, '2025-01-17', '2025-01-21'), 10)
    expect(byId.get('avgo-fell-17')!.measured!).toBeCloseTo(ret(adj('AVGO'), '2025-01-24', '2025-01-27'), 10)
    expect(byId.get('vst-fell-28')!.measured!).toBeCloseTo(ret(adj('VST'), '2025-01-24', '2025-01-27'), 10)
    expect(byId.get('nvda-lost-600bn')!.measured!).toBeCloseTo(
      24.49e9 * ((nv.get('2025-01-27') as number) - (nv.get('2025-01-24') as number)),
      0,
    )
    expect(byId.get('nvda-8x-since-2023')!.measured!).toBeCloseTo(804.43, 2)
    for (const c of claims) {
      expect(c.holds, c.id).toBe(
        c.measured !== null &&
          Math.abs(c.measured - c.expected) <= c.tolerance + 1e-12 * Math.max(1, Math.abs(c.expected)),
      )
    }
    expect(
      claims
        .filter((c) => !c.holds)
        .map((c) => c.id)
        .sort(),
    ).toEqual([
      'ai-chips-volatility-release',
      'ai-chips-volatility-selloff',
      'dc-reits-volatility-selloff',
      'nvda-recovered-by-feb-14',
      'release-day-reaction',
    ])
    // "increased volatility": the share of members with a significant F-test rise, from the volatility section
    for (const [group, event, share] of [
      ['dc-reits', 'r1-release', 2 / 3],
      ['dc-reits', 'r1-selloff', 1 / 3],
      ['ai-chips', 'r1-release', 3 / 8],
      ['ai-chips', 'r1-selloff', 0],
    ] as const) {
      const members = result.volatility!.securities.filter((v) => v.group === group && v.event === event)
      expect(members.filter((v) => v.p < 0.05).length / members.length).toBeCloseTo(share, 12)
      expect(byId.get(`${group}-volatility-${event.slice(3)}`)!.measured).toBeCloseTo(share, 12)
    }
  })

  it('aftershock index prints the same index alone (--json, --csv, table)', () => {
    const r = runCli(['index', 'deepseek-r1', '--json', '--offline'], {cacheDir})
    expect(r.code, r.stderr).toBe(0)
    const out = JSON.parse(r.stdout) as {index: StudyResult['index']; events: Array<{id: string; tradingDate: string}>}
    expect(out.index).toEqual(result.index)
    expect(out.events.map((e) => e.tradingDate)).toEqual(['2025-01-21', '2025-01-27'])
    const csv = runCli(['index', 'deepseek-r1', '--csv', '--offline'], {cacheDir})
    expect(csv.code, csv.stderr).toBe(0)
    const lines = csv.stdout.trim().split('\n')
    expect(lines[0]).toBe('section,group,symbol,event,window,t,date,measure,value,text')
    const nvLevel = lines.find((l) => l.startsWith('index,nvidia,NVDA,,,,2025-02-14,level,'))!
    expect(Number(nvLevel.split(',').at(-2))).toBeCloseTo(804.43, 2)
    const table = runCli(['index', 'deepseek-r1', '--offline'], {cacheDir})
    expect(table.code, table.stderr).toBe(0)
    expect(table.stdout).toMatch(/r1-release: 2025-01-20 -> day 0 2025-01-21/)
    expect(table.stdout).toMatch(/NVDA\s+│\s+17\.\d\d │\s+804\.4/)
  })

  it('study run prints the index, value-at-stake and claims sections', () => {
    const r = runCli(['study', 'run', 'deepseek-r1', '--offline'], {cacheDir})
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toMatch(/Base-period index/)
    expect(r.stdout).toMatch(/NVDA\s+│\s+-\$592\.5bn/)
    expect(r.stdout).toMatch(/Claims: 8 of 13 hold/)
    const csv = runCli(['study', 'run', 'deepseek-r1', '--csv', '--offline'], {cacheDir})
    expect(csv.code, csv.stderr).toBe(0)
    expect(csv.stdout).toMatch(/\nvalue,nvidia,NVDA,r1-selloff,0\.\.0,,2025-01-27,change,-5924/)
    expect(csv.stdout).toMatch(/\nclaim,,NVDA,r1-selloff,0\.\.0,,,nvda-fell-17:holds,,true/)
  })
})

/** Simple regression of y on x with an intercept: slope and its HC3 standard error, written out. */
function slopeByHand(x: number[], y: number[]): {slope: number; hc3: number; r2: number} {
  const n = x.length
  const mx = x.reduce((a, b) => a + b, 0) / n
  const my = y.reduce((a, b) => a + b, 0) / n
  const sxx = x.reduce((a, v) => a + (v - mx) ** 2, 0)
  const slope = x.reduce((a, v, i) => a + (v - mx) * (y[i] - my), 0) / sxx
  const u = y.map((v, i) => v - my - slope * (x[i] - mx))
  const h = x.map((v) => 1 / n + (v - mx) ** 2 / sxx)
  const meat = x.reduce((a, v, i) => a + ((v - mx) ** 2 * u[i] ** 2) / (1 - h[i]) ** 2, 0)
  const sst = y.reduce((a, v) => a + (v - my) ** 2, 0)
  return {slope, hc3: Math.sqrt(meat) / sxx, r2: 1 - u.reduce((a, v) => a + v * v, 0) / sst}
}

d('DeepSeek R1: did the layers that rose most since January 2023 fall most?', () => {
  beforeAll(() => {
    if (!result) {
      cacheDir = tempDir('aftershock-deepseek-')
      expect(runCli(['import', PRICES_DIR], {cacheDir}).code).toBe(0)
      const r = runCli(['study', 'run', 'deepseek-r1', '--json', '--offline'], {cacheDir})
      result = JSON.parse(r.stdout) as StudyResult
    }
  })

  const car0 = (symbol: string) =>
    result.securities.find((s) => s.symbol === symbol && s.event === 'r1-selloff')!.windows![0].car

  it('regresses CAR[0,0] on beta as a regression by hand does', () => {
    const fit = result.crossSections!.find((x) => x.id === 'selloff-day0-beta')!
    const secs = result.securities.filter((s) => s.event === 'r1-selloff')
    const hand = slopeByHand(
      secs.map((s) => s.model!.beta),
      secs.map((s) => car0(s.symbol)),
    )
    expect(fit.n).toBe(23)
    expect(fit.terms[1].coef).toBeCloseTo(hand.slope, 12)
    expect(fit.terms[1].se).toBeCloseTo(hand.hc3, 12)
    expect(fit.r2).toBeCloseTo(hand.r2, 12)
  })

  it('regresses on the index return since January 2023, leaving out ARM, TLN and GEV (no base-period prices)', () => {
    const fit = result.crossSections!.find((x) => x.id === 'selloff-day0-index')!
    expect(fit.excluded.map((e) => e.symbol)).toEqual(['ARM', 'TLN', 'GEV'])
    expect(fit.excluded[0].reason).toMatch(/^no base-period price: prices start 2023-09-14/)
    const rows = result.index!.securities.filter((r) => r.group !== null && r.sinceBase !== null)
    const hand = slopeByHand(
      rows.map((r) => r.sinceBase!),
      rows.map((r) => car0(r.id)),
    )
    expect(fit.terms[1].coef).toBeCloseTo(hand.slope, 12)
    // the answer: a higher run-up since January 2023 went with a deeper fall on the day
    expect(fit.terms[1].coef!).toBeLessThan(0)
    const grouped = result.crossSections!.find((x) => x.id === 'selloff-day0-group-index')!
    expect(grouped.base).toBe('nvidia')
    expect(grouped.se).toBe('hc1')
    expect(grouped.terms.map((t) => t.name)).toEqual([
      '(intercept)',
      'group:ai-chips',
      'group:hyperscalers',
      'group:dc-reits',
      'group:power',
      'indexReturn',
    ])
  })

  it('study run shows the regressions in the table and the CSV', () => {
    const r = runCli(['study', 'run', 'deepseek-r1', '--offline'], {cacheDir})
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toMatch(/Cross-sectional regressions of CARs/)
    expect(r.stdout).toMatch(/selloff-day0-group-index: CAR\[0,0\] of r1-selloff; OLS, HC1 standard errors; N = 20/)
    expect(r.stdout).toMatch(/│ indexReturn\s+│\s+-0\.0\d{3}/)
    const csv = runCli(['study', 'run', 'deepseek-r1', '--csv', '--offline'], {cacheDir})
    expect(csv.stdout).toMatch(/\ncross-section-selloff-day0-beta,,,r1-selloff,0\.\.0,,,beta:coef,-0\.0\d+/)
  })
})

/** A small valid study on the shared data; each bad-file case breaks one thing. */
function smallStudy(): Record<string, unknown> {
  return {
    name: 'bad-case',
    benchmark: 'SPY',
    model: 'market',
    estimation: {from: -260, to: -11, minObservations: 120},
    windows: [
      [0, 0],
      [0, 4],
    ],
    events: [{id: 'r1-selloff', date: '2025-01-27'}],
    groups: {nvidia: {symbols: ['NVDA']}, chips: {symbols: ['AVGO', 'AMD']}},
    shares: {NVDA: {shares: 24490000000, source: 'test'}},
  }
}

d('bad study files: exit 2 and a message naming the field', () => {
  let dir = ''
  beforeAll(() => {
    dir = tempDir('aftershock-bad-study-')
    if (!cacheDir) {
      cacheDir = tempDir('aftershock-deepseek-')
      expect(runCli(['import', PRICES_DIR], {cacheDir}).code).toBe(0)
    }
  })

  function run(name: string, text: string): {code: number; stderr: string} {
    const file = path.join(dir, `${name}.yaml`)
    writeFileSync(file, text)
    const r = runCli(['study', 'run', file, '--json', '--offline'], {cacheDir})
    // under --json an error is one document on stdout: its message stands for stderr here
    return r.code === 0 ? r : {code: r.code, stderr: (JSON.parse(r.stdout) as {error: {message: string}}).error.message}
  }
  const yaml = (mutate: (s: Record<string, unknown>) => void): string => {
    const s = smallStudy()
    mutate(s)
    return stringify(s)
  }

  it('the small study itself runs', () => {
    const r = run(
      'ok',
      yaml(() => {}),
    )
    expect(r.code, r.stderr).toBe(0)
  })

  it('unknown symbol', () => {
    const r = run(
      'unknown-symbol',
      yaml((s) => ((s.groups as Record<string, {symbols: string[]}>).chips.symbols = ['AVGO', 'NOPE'])),
    )
    expect(r.code, r.stderr).toBe(2)
    expect(r.stderr).toMatch(/NOPE/)
    expect(r.stderr).toMatch(/groups|symbols/)
    expect(r.stderr).toMatch(/aftershock (import|fetch)/)
  })

  it('benchmark missing from the store', () => {
    const r = run(
      'benchmark-missing',
      yaml((s) => (s.benchmark = 'NOPEX')),
    )
    expect(r.code, r.stderr).toBe(2)
    expect(r.stderr).toMatch(/benchmark/)
    expect(r.stderr).toMatch(/NOPEX/)
  })

  it('window outside the data', () => {
    const r = run(
      'window-outside',
      yaml((s) => (s.windows = [[0, 5000]])),
    )
    expect(r.code, r.stderr).toBe(2)
    expect(r.stderr).toMatch(/window/)
  })

  it('estimation overlapping the event window', () => {
    const r = run(
      'estimation-overlap',
      yaml((s) => (s.estimation = {from: -260, to: 2, minObservations: 120})),
    )
    expect(r.code, r.stderr).toBe(2)
    expect(r.stderr).toMatch(/estimation/)
  })

  it('duplicate group', () => {
    const text = yaml(() => {}).replace('groups:\n', 'groups:\n  chips:\n    symbols: [MU]\n')
    expect(text.match(/^ {2}chips:/gm)).toHaveLength(2)
    const r = run('duplicate-group', text)
    expect(r.code, r.stderr).toBe(2)
    expect(r.stderr).toMatch(/chips/)
    expect(r.stderr).toMatch(/duplicate|twice|more than once/i)
  })

  it('negative shares', () => {
    const r = run(
      'negative-shares',
      yaml((s) => (s.shares = {NVDA: {shares: -5, source: 'x'}})),
    )
    expect(r.code, r.stderr).toBe(2)
    expect(r.stderr).toMatch(/shares/)
    expect(r.stderr).toMatch(/NVDA/)
  })

  it('crossSection with a characteristics column: --characteristics supplies it, its absence is an error naming the term', () => {
    const text = yaml((s) => {
      s.crossSection = [{id: 'exp', window: [0, 0], on: ['exports']}]
    })
    const file = path.join(dir, 'xs.yaml')
    writeFileSync(file, text)
    const missing = run('xs', text)
    expect(missing.code).toBe(2)
    expect(missing.stderr).toMatch(/crossSection\[0\]\.on\[0\]: no characteristic "exports" was given/)
    const chars = path.join(dir, 'chars.csv')
    writeFileSync(chars, 'symbol,name,value\nNVDA,exports,0.5\nAVGO,exports,0.2\nAMD,exports,0.3\n')
    const r = runCli(['study', 'run', file, '--json', '--offline', '--characteristics', chars], {cacheDir})
    expect(r.code, r.stderr).toBe(0)
    const out = JSON.parse(r.stdout) as StudyResult
    expect(out.crossSections![0]).toMatchObject({id: 'exp', event: 'r1-selloff', n: 3, excluded: []})
  })
})
