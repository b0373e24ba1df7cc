// The store read alone, as the study runner does it: the close, adjusted close and volume of every symbol of a
// store over its whole range, one symbol at a time, from the packed series and (for comparison) from the rows of
// `bars`. A fresh process per way, so neither finds the other's pages in SQLite's cache (the OS's page cache is
// warm for both). `node bench/store-read.mjs CACHE_DIR packed|rows` prints `rows seconds`. Needs a build (dist/).
import {PriceStore} from '../dist/store/store.js'

const [dir, way] = process.argv.slice(2)
const store = PriceStore.open(dir, {mode: 'read'})
const symbols = store.listSecurities().map((s) => s.symbol)
// The row path is what a symbol without a packed series gets: hide the packed ones.
if (way === 'rows') store.series.get = () => null
const t0 = process.hrtime.bigint()
let rows = 0
for (const s of symbols) rows += store.getColumns([s], '0000-01-01', '9999-12-31').get(s)?.days.length ?? 0
console.log(rows, (Number(process.hrtime.bigint() - t0) / 1e9).toFixed(3))
store.close()
