// Engine benchmark: seeded synthetic panel (market model, known alpha/beta, planted AR on day 0),
// 250 estimation days and a 31-day window, every test; at 1,000 and 100,000 securities. Then the Fama-French
// five-factor model against the market model on one panel with five synthetic factors.
// Prints the engine's wall time (best of several runs, every run listed, with its CPU time: wall exceeds CPU when
// other processes share the 2 cores) and memory: peak RSS of the process (OS high-water mark, includes the panel)
// and the V8 heap right after a run. Run with `npm run bench` (builds first).
import {estimationWindowBootstrap, runEventStudy, signFlipBootstrap} from '../dist/engine/index.js'
import {mulberry32, normalGen} from './random.mjs'

const ESTIMATION = [-265, -16] // 250 days
const WINDOW = [-15, 15] // 31 days
const FIRST = ESTIMATION[0]
const DAYS = WINDOW[1] - FIRST + 1
const PLANTED = 0.02 // abnormal return on day 0
const {TEST_NAMES} = await import('../dist/engine/types.js')
const TEST_COUNT = TEST_NAMES.length

function makePanel(n, seed) {
  const z = normalGen(mulberry32(seed))
  const market = new Float64Array(DAYS)
  for (let j = 0; j < DAYS; j++) market[j] = 0.0004 + 0.01 * z()
  const returns = new Float64Array(n * DAYS)
  const day0 = -FIRST
  for (let i = 0; i < n; i++) {
    const alpha = 0.0002 + 0.0005 * z()
    const beta = 1 + 0.3 * z()
    const sigma = 0.01 + 0.01 * Math.abs(z())
    const off = i * DAYS
    for (let j = 0; j < DAYS; j++) returns[off + j] = alpha + beta * market[j] + sigma * z()
    returns[off + day0] += PLANTED
  }
  return {n, days: DAYS, firstRel: FIRST, returns, market, calendarStart: new Int32Array(n)}
}

const OPTS = {model: 'market', returns: 'simple', estimation: ESTIMATION, windows: [WINDOW], minObservations: 100}

function mb(bytes) {
  return (bytes / 1048576).toFixed(0) + ' MB'
}

function run(n, repeats) {
  const panel = makePanel(n, 20250127 + n)
  if (global.gc) global.gc()
  const times = []
  const cpu = []
  let result
  let heapAfter = 0
  for (let r = 0; r < repeats; r++) {
    const c0 = process.cpuUsage()
    const t0 = process.hrtime.bigint()
    result = runEventStudy(panel, OPTS)
    const t1 = process.hrtime.bigint()
    const c1 = process.cpuUsage(c0)
    cpu.push((c1.user + c1.system) / 1000)
    heapAfter = Math.max(heapAfter, process.memoryUsage().heapUsed)
    times.push(Number(t1 - t0) / 1e6)
  }
  const best = Math.min(...times)
  const day0 = result.daily.find((d) => d.t === 0)
  const usage = process.memoryUsage()
  console.log(
    `${String(n).padStart(7)} securities: engine ${best.toFixed(0)} ms (best of ${repeats}; runs ${times.map((t) => t.toFixed(0)).join(', ')} ms; cpu ${cpu.map((t) => t.toFixed(0)).join(', ')} ms)` +
      ` | rss ${mb(usage.rss)}, peak rss ${mb(process.resourceUsage().maxRSS * 1024)}, heap after run ${mb(heapAfter)}` +
      ` | AAR day 0 ${(day0.aar * 100).toFixed(2)}% (planted ${PLANTED * 100}%), KP r ${result.meanCorrelation?.toFixed(5)} (${result.correlationMethod})`,
  )
}

/** Bootstrap p-values of the window's cross-sectional t: B draws over n securities, both schemes (best of 3). */
function bootstrapCost(n, draws) {
  const panel = makePanel(n, 20250127 + n)
  const result = runEventStudy(panel, OPTS)
  const w = result.windows[0]
  const L = ESTIMATION[1] - ESTIMATION[0] + 1
  const est = new Float64Array(n * L)
  for (let i = 0; i < n; i++) {
    const f = result.fits[i]
    for (let k = 0; k < L; k++) est[i * L + k] = panel.returns[i * DAYS + k] - f.alpha - f.beta * panel.market[k]
  }
  const time = (f) => {
    const times = []
    let r
    for (let k = 0; k < 3; k++) {
      const t0 = process.hrtime.bigint()
      r = f()
      times.push(Number(process.hrtime.bigint() - t0) / 1e6)
    }
    return {ms: Math.min(...times), r}
  }
  const sf = time(() => signFlipBootstrap(w.car, n, draws, 1))
  const ew = time(() => estimationWindowBootstrap(w.car, est, n, L, w.days, draws, 1))
  console.log(
    `${String(n).padStart(7)} securities: bootstrap ${draws} draws, sign-flip ${sf.ms.toFixed(0)} ms (p ${sf.r.p.toFixed(4)}), estimation-window ${ew.ms.toFixed(0)} ms (p ${ew.r.p.toFixed(4)}; T = ${w.days}, L = ${L}) (best of 3)`,
  )
}

/** A panel with five shared factor rows (ff5-like sd) and securities loading on them; RF constant. */
function makeFactorPanel(n, seed) {
  const z = normalGen(mulberry32(seed))
  const sd = [0.01, 0.005, 0.005, 0.003, 0.003]
  const factors = sd.map((s) => Float64Array.from({length: DAYS}, () => s * z()))
  const riskFree = new Float64Array(DAYS).fill(0.0002)
  const returns = new Float64Array(n * DAYS)
  for (let i = 0; i < n; i++) {
    const b = sd.map((_, k) => (k === 0 ? 1 : 0) + 0.4 * z())
    const sigma = 0.01 + 0.01 * Math.abs(z())
    for (let j = 0; j < DAYS; j++) {
      let r = riskFree[j] + sigma * z()
      for (let k = 0; k < 5; k++) r += b[k] * factors[k][j]
      returns[i * DAYS + j] = r
    }
    returns[i * DAYS - FIRST] += PLANTED
  }
  const names = ['mkt_rf', 'smb', 'hml', 'rmw', 'cma']
  const panel = {n, days: DAYS, firstRel: FIRST, returns, market: factors[0], calendarStart: new Int32Array(n)}
  return {...panel, factors, factorNames: names, riskFree}
}

/** The engine's time under ff5 against the market model on the same panel (best of `repeats` each). */
function factorCost(n, repeats) {
  const panel = makeFactorPanel(n, 20150101 + n)
  const best = (model) => {
    const times = []
    let result
    for (let r = 0; r < repeats; r++) {
      if (global.gc) global.gc()
      const t0 = process.hrtime.bigint()
      result = runEventStudy(panel, {...OPTS, model})
      times.push(Number(process.hrtime.bigint() - t0) / 1e6)
    }
    return {ms: Math.min(...times), aar: result.daily.find((d) => d.t === 0).aar}
  }
  const market = best('market')
  const ff5 = best('factors')
  console.log(
    `${String(n).padStart(7)} securities: ff5 ${ff5.ms.toFixed(0)} ms vs market model ${market.ms.toFixed(0)} ms (x${(ff5.ms / market.ms).toFixed(2)}; best of ${repeats}) | AAR day 0 ff5 ${(ff5.aar * 100).toFixed(2)}%, market ${(market.aar * 100).toFixed(2)}% (planted ${PLANTED * 100}%)`,
  )
}

const load = (await import('node:os')).loadavg()[0].toFixed(2)
console.log(
  `aftershock engine benchmark: market model, ${ESTIMATION[1] - ESTIMATION[0] + 1} estimation days, ${WINDOW[1] - WINDOW[0] + 1}-day window, all ${TEST_COUNT} tests; node ${process.version}; load average ${load} on ${(await import('node:os')).cpus().length} cores`,
)
run(1_000, 5)
bootstrapCost(1_000, 9_999)
run(100_000, 2)
factorCost(1_000, 5)
factorCost(100_000, 2)
