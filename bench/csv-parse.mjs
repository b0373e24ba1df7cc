// The price CSV parse alone, as `import` does it: every `*.csv` file of a folder read from disk and parsed with
// the built parser (dist/), nothing stored. `node bench/csv-parse.mjs FOLDER [text|bytes|read]` prints
// `files rows seconds cpu SECONDS`: `text` (the default) reads each file as UTF-8 text and parses that, `bytes`
// hands the parser the file's bytes, `read` only reads the files (rows is then their characters). The OS's page
// cache is warm after the first run: repeat it. Needs a build (dist/).
import {readdirSync, readFileSync} from 'node:fs'
import path from 'node:path'
import {parsePriceCsv} from '../dist/sources/csv.js'

const [dir, way = 'text'] = process.argv.slice(2)
const files = readdirSync(dir)
  .filter((f) => /\.csv$/i.test(f))
  .sort()
  .map((f) => path.join(dir, f))
const t0 = process.hrtime.bigint()
const cpu0 = process.cpuUsage()
let rows = 0
for (const f of files) {
  const content = way === 'bytes' ? readFileSync(f) : readFileSync(f, 'utf8')
  rows += way === 'read' ? content.length : parsePriceCsv(content, f).bars.length
}
const cpu = process.cpuUsage(cpu0)
const seconds = (Number(process.hrtime.bigint() - t0) / 1e9).toFixed(3)
console.log(files.length, rows, seconds, `cpu ${((cpu.user + cpu.system) / 1e6).toFixed(3)}`)
