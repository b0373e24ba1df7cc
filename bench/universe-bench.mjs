// Scale bench: builds the seeded universe (bench/universe.mjs) in a temp folder and runs the built CLI on it as a
// user would, each step a child process with its own temp --cache-dir: `import` of every price file (rows/s),
// `study run --json --offline --live` of the list-events study and of the common-event study (wall time of the
// whole process, peak RSS of the child from /usr/bin/time -v when present). Prints the load average: the machine
// may be shared. Run with `npm run bench:universe` (builds first).
import {spawnSync} from 'node:child_process'
import {existsSync, mkdtempSync, readFileSync, rmSync} from 'node:fs'
import {loadavg, tmpdir} from 'node:os'
import {join} from 'node:path'
import {writeUniverse} from './universe.mjs'

const TIME = '/usr/bin/time'
const hasTime = existsSync(TIME)
const root = mkdtempSync(join(tmpdir(), 'aftershock-universe-'))
const cache = join(root, 'cache')

/** Runs `node bin/run.js ...args`; returns wall seconds, peak RSS (MB, or null) and the stdout size. */
function cli(args) {
  const rssFile = join(root, 'rss.txt')
  const cmd = hasTime ? TIME : process.execPath
  const argv = hasTime ? ['-f', '%M', '-o', rssFile, process.execPath, 'bin/run.js', ...args] : ['bin/run.js', ...args]
  const t0 = process.hrtime.bigint()
  const r = spawnSync(cmd, argv, {maxBuffer: 2 ** 31 - 1, encoding: 'buffer'})
  const wall = Number(process.hrtime.bigint() - t0) / 1e9
  if (r.status !== 0) {
    console.error(r.stderr.toString().slice(0, 2000), r.stdout.toString().slice(0, 2000))
    throw new Error(`aftershock ${args.join(' ')} exited ${r.status}`)
  }
  const rss = hasTime ? Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop()) / 1024 : null
  return {wall, rss, bytes: r.stdout.length}
}

const mb = (x) => (x === null ? 'n/a' : `${x.toFixed(0)} MB`)
const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')

try {
  const t0 = Date.now()
  const u = writeUniverse(root)
  console.log(
    `universe: ${u.truth.length} securities + MKT x ${u.dates.length} days, ${u.rows} rows, ${u.events} list events`,
  )
  console.log(`  generated in ${((Date.now() - t0) / 1000).toFixed(1)} s in ${root}`)
  console.log(
    `load average before: ${load()} (${hasTime ? 'peak RSS from /usr/bin/time' : 'no /usr/bin/time: no RSS'})`,
  )

  const imp = cli(['import', join(root, 'prices'), '--cache-dir', cache, '--json'])
  console.log(
    `import ${u.truth.length + 1} files: ${imp.wall.toFixed(1)} s, ${Math.round(u.rows / imp.wall).toLocaleString('en-US')} rows/s, peak RSS ${mb(imp.rss)}`,
  )
  for (const [name, file] of [
    ['list study (16,000 events)', join(root, 'list', 'study.yaml')],
    ['common-event study (1,000 securities)', join(root, 'common', 'study.yaml')],
  ]) {
    const r = cli(['study', 'run', file, '--json', '--offline', '--live', '--cache-dir', cache])
    console.log(
      `${name}: ${r.wall.toFixed(2)} s whole process, peak RSS ${mb(r.rss)}, ${(r.bytes / 1e6).toFixed(1)} MB of JSON`,
    )
  }
  console.log(`load average after: ${load()}`)
} finally {
  if (!process.env.AFTERSHOCK_BENCH_KEEP) rmSync(root, {recursive: true, force: true})
  else console.log(`kept ${root}`)
}
