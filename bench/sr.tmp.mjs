import {PriceStore} from '../dist/store/store.js'
const [dir, pragma] = process.argv.slice(2)
const store = PriceStore.open(dir, {mode: 'read'})
if (pragma) for (const p of pragma.split(';')) store.db.pragma(p)
const symbols = store.listSecurities().map((s) => s.symbol)
const t0 = process.hrtime.bigint()
let rows = 0
for (const s of symbols) rows += store.getColumns([s], '0000-01-01', '9999-12-31').get(s)?.days.length ?? 0
console.log(pragma, rows, (Number(process.hrtime.bigint() - t0) / 1e9).toFixed(3))
