// Scale bench: builds the seeded universe (bench/universe.mjs) in a temp folder and runs the built CLI on it as a
// user would, each step a child process with its own temp --cache-dir: `import` of every price file (rows/s), the
// store read alone (bench/store-read.mjs, packed series and rows), `study run --json --offline --live` of the
// 20,000-event list study, of the 100,000-event one, of the edges study (20,000 events more that the data cannot
// cover) and of the common-event study, then the list study's other outputs once each (--csv, --jsonl, --csv-dir,
// the report folder) (wall time of the whole process,
// its CPU time and peak RSS from /usr/bin/time when present; the JSON goes to a file, its size is printed). Prints
// the load average before and after each step: the machine may be shared, and wall time on a loaded machine is
// mostly waiting. Run with `npm run bench:universe` (builds first); AFTERSHOCK_BENCH_KEEP=1 keeps the folder for
// profiling, AFTERSHOCK_BENCH_SKIP_MANY=1 skips the 100,000.
//
// One run of a step says little on a shared machine, so two settings repeat the studies:
//   AFTERSHOCK_BENCH_RUNS=N        runs each study N times and prints the median, minimum and maximum;
//   AFTERSHOCK_BENCH_AGAINST=DIR   also runs another built checkout of aftershock (DIR/bin/run.js) on the same
//                                  store, alternating with this one run by run (5 runs each unless RUNS says),
//                                  and prints both medians: a change measured build against build at the same
//                                  moments. DIR's build must read this build's store.
import {spawnSync} from 'node:child_process'
import {closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, statSync} from 'node:fs'
import {loadavg, tmpdir} from 'node:os'
import {join, resolve} from 'node:path'
import {median} from 'simple-statistics'
import {writeUniverse} from './universe.mjs'

const AGAINST = process.env.AFTERSHOCK_BENCH_AGAINST ? resolve(process.env.AFTERSHOCK_BENCH_AGAINST) : null
const RUNS = Number(process.env.AFTERSHOCK_BENCH_RUNS ?? (AGAINST ? 5 : 1))
if (!Number.isInteger(RUNS) || RUNS < 1) throw new Error('AFTERSHOCK_BENCH_RUNS: a whole number of runs, 1 or more')
if (AGAINST && !existsSync(join(AGAINST, 'bin', 'run.js')))
  throw new Error(`AFTERSHOCK_BENCH_AGAINST: no bin/run.js in ${AGAINST} (a built checkout of aftershock)`)

const TIME = '/usr/bin/time'
const hasTime = existsSync(TIME)
const root = mkdtempSync(join(tmpdir(), 'aftershock-universe-'))
const cache = join(root, 'cache')

/**
 * Runs `node BIN ...args` (this build's bin/run.js unless given) with stdout to a file; returns wall seconds, CPU
 * seconds (user + system) and peak RSS (MB) when /usr/bin/time is there (else null), and the size of stdout.
 */
function cli(args, bin = 'bin/run.js') {
  const timeFile = join(root, 'time.txt')
  const outFile = join(root, 'stdout')
  const cmd = hasTime ? TIME : process.execPath
  const argv = hasTime ? ['-f', '%M %U %S', '-o', timeFile, process.execPath, bin, ...args] : [bin, ...args]
  const out = openSync(outFile, 'w')
  const t0 = process.hrtime.bigint()
  const r = spawnSync(cmd, argv, {stdio: ['ignore', out, 'pipe'], maxBuffer: 64 * 2 ** 20})
  const wall = Number(process.hrtime.bigint() - t0) / 1e9
  closeSync(out)
  if (r.status !== 0) {
    console.error(r.stderr.toString().slice(0, 2000), readFileSync(outFile, 'utf8').slice(0, 2000))
    throw new Error(`aftershock ${args.join(' ')} exited ${r.status}`)
  }
  const bytes = statSync(outFile).size
  rmSync(outFile)
  if (!hasTime) return {wall, cpu: null, rss: null, bytes}
  const [kb, user, sys] = readFileSync(timeFile, 'utf8').trim().split('\n').pop().split(' ').map(Number)
  return {wall, cpu: user + sys, rss: kb / 1024, bytes}
}

const mb = (x) => (x === null ? 'n/a' : `${x.toFixed(0)} MB`)
const secs = (x) => (x === null ? 'n/a' : `${x.toFixed(2)} s`)
const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')
const count = (n) => n.toLocaleString('en-US')

/** One step: its figures and the load average around it. */
function step(name, args, extra = () => '', bin) {
  const before = load()
  const r = cli(args, bin)
  console.log(
    `${name}: ${secs(r.wall)} whole process (CPU ${secs(r.cpu)}), peak RSS ${mb(r.rss)}${extra(r)}; load ${before} -> ${load()}`,
  )
  return r
}

/** Median, minimum and maximum of one figure over runs ('n/a' without /usr/bin/time). */
function spread(runs, key, unit) {
  const xs = runs.map((r) => r[key])
  if (xs.some((x) => x === null)) return 'n/a'
  return `${unit(median(xs))} (${unit(Math.min(...xs))} to ${unit(Math.max(...xs))})`
}

/**
 * A study step run RUNS times, alternating with the AGAINST build when there is one (this build first in each
 * round, so neither always runs on a cache the other warmed); prints each run, then each build's medians.
 */
function repeated(name, args, extra) {
  const builds = [['this build', undefined], ...(AGAINST ? [[AGAINST, join(AGAINST, 'bin', 'run.js')]] : [])]
  const runs = builds.map(() => [])
  const single = RUNS === 1 && !AGAINST
  for (let k = 0; k < RUNS; k++)
    builds.forEach(([label, bin], b) => {
      const title = single ? name : `${name} [${label}, run ${k + 1}]`
      runs[b].push(step(title, args, extra, bin))
    })
  if (single) return
  builds.forEach(([label], b) => {
    const rs = runs[b]
    console.log(
      `  ${label}: median of ${rs.length}: ${spread(rs, 'wall', secs)} whole process, CPU ${spread(rs, 'cpu', secs)}, peak RSS ${spread(rs, 'rss', mb)}`,
    )
  })
  if (AGAINST) {
    const [mine, theirs] = runs.map((rs) => median(rs.map((r) => r.wall)))
    console.log(`  this build against ${AGAINST}: ${((mine / theirs - 1) * 100).toFixed(1)}% wall time (medians)`)
  }
}

try {
  const t0 = Date.now()
  const u = writeUniverse(root)
  console.log(
    `universe: ${u.truth.length} securities + MKT x ${u.dates.length} days, ${count(u.rows)} rows, ${count(u.events)} and ${count(u.manyEvents)} list events`,
  )
  console.log(`  generated in ${((Date.now() - t0) / 1000).toFixed(1)} s in ${root}`)
  console.log(`${hasTime ? 'peak RSS and CPU time from /usr/bin/time' : 'no /usr/bin/time: no RSS, no CPU time'}`)
  // The generator's 2,001 files are still being written back to disk: flush them first, so the import is not
  // measured against that write-back.
  spawnSync('sync')

  step(
    `import ${count(u.truth.length + 1)} files`,
    ['import', join(root, 'prices'), '--cache-dir', cache, '--json'],
    (r) =>
      [
        `, ${count(Math.round(u.rows / r.wall))} rows/s`,
        r.cpu ? ` (${count(Math.round(u.rows / r.cpu))} per CPU second)` : '',
      ].join(''),
  )
  for (const way of ['packed', 'rows']) {
    const r = spawnSync(process.execPath, ['bench/store-read.mjs', cache, way], {encoding: 'utf8'})
    if (r.status !== 0) throw new Error(`bench/store-read.mjs: ${r.stderr}`)
    const [rows, s] = r.stdout.trim().split(' ')
    console.log(`store read of ${count(Number(rows))} rows (close, adjusted close, volume), from ${way}: ${s} s`)
  }
  const studies = [
    [`list study (${count(u.events)} events)`, 'list'],
    ...(process.env.AFTERSHOCK_BENCH_SKIP_MANY ? [] : [[`list study (${count(u.manyEvents)} events)`, 'many']]),
    [`list study (${count(u.edgeEvents)} events, ${count(u.edgeEvents - u.events)} of them left out)`, 'edges'],
    ['common-event study (1,000 securities)', 'common'],
  ]
  for (const [name, dir] of studies) {
    const file = join(root, dir, 'study.yaml')
    repeated(
      name,
      ['study', 'run', file, '--json', '--offline', '--live', '--cache-dir', cache],
      (r) => `, ${(r.bytes / 1e6).toFixed(1)} MB of JSON`,
    )
  }
  // The list study's other outputs, once each: the long CSV and the JSON lines on stdout, the tidy CSVs and the
  // report folder (charts, HTML, Markdown and results.json) in the universe's folder.
  const list = join(root, 'list', 'study.yaml')
  const live = ['--offline', '--live', '--cache-dir', cache]
  const outputs = [
    ['--csv', ['study', 'run', list, '--csv', ...live], (r) => `, ${(r.bytes / 1e6).toFixed(1)} MB of CSV`],
    ['--jsonl', ['study', 'run', list, '--jsonl', ...live], (r) => `, ${(r.bytes / 1e6).toFixed(1)} MB of JSON lines`],
    ['--csv-dir', ['study', 'run', list, '--csv-dir', join(root, 'tables'), ...live]],
    ['report', ['report', list, '--out', join(root, 'report'), ...live]],
  ]
  for (const [name, args, extra] of outputs) step(`list study (${count(u.events)} events), ${name}`, args, extra)
} finally {
  if (!process.env.AFTERSHOCK_BENCH_KEEP) rmSync(root, {recursive: true, force: true})
  else console.log(`kept ${root}`)
}
