import {Args, Flags} from '@oclif/core'
import Table from 'cli-table3'
import {BaseCommand} from '../cli/base-command.js'
import {MissingDataError} from '../errors.js'
import {checkDateRange} from '../sources/cli-input.js'
import {formatPriceCsv} from '../sources/csv.js'
import {PriceStore} from '../store/store.js'
import {normalizeSymbol, yahooSymbol} from '../store/symbols.js'

export default class Prices extends BaseCommand<typeof Prices> {
  static override description = 'Show the stored daily bars of a symbol, ascending by date (table, --json or --csv).'

  static override examples = [
    '<%= config.bin %> prices NVDA --from 2025-01-24 --to 2025-01-27',
    '<%= config.bin %> prices NVDA --from 2025-01-24 --to 2025-01-27 --json',
    '<%= config.bin %> prices ^GSPC --csv > GSPC.csv',
  ]

  static override args = {
    symbol: Args.string({description: 'Symbol (GSPC and ^GSPC are the same)', required: true}),
  }

  static override flags = {
    from: Flags.string({description: 'First date, YYYY-MM-DD.'}),
    to: Flags.string({description: 'Last date, YYYY-MM-DD.'}),
    csv: Flags.boolean({
      description: 'Write CSV (date,open,high,low,close,adj_close,volume), the format import reads.',
      default: false,
      exclusive: ['json'],
    }),
  }

  async run(): Promise<void> {
    const {args, flags} = await this.parse(Prices)
    const {from, to} = checkDateRange(flags.from, flags.to)
    const symbol = normalizeSymbol(args.symbol)
    const store = PriceStore.open(this.cacheDir(), {mode: 'read'})
    try {
      if (!store.hasSymbol(symbol)) {
        throw new MissingDataError(
          `no prices for ${symbol} in the store (${store.file}). Get them with \`aftershock fetch ${yahooSymbol(args.symbol)}\`, or \`aftershock import ${symbol}.csv\` offline`,
        )
      }
      const bars = store.getBars(symbol, from, to)
      const rows = bars.map((b) => ({
        date: b.date,
        open: b.open,
        high: b.high,
        low: b.low,
        close: b.close,
        adjClose: b.adjClose,
        volume: b.volume,
      }))
      if (rows.length === 0)
        this.info(
          `no bars for ${symbol} between ${from ?? 'the start'} and ${to ?? 'the end'} (stored: ${store.firstDate(symbol)} to ${store.lastDate(symbol)})`,
        )
      if (this.flags.json) this.printJson({symbol, rows})
      else if (flags.csv) process.stdout.write(formatPriceCsv(bars))
      else {
        const table = new Table({
          head: ['date', 'open', 'high', 'low', 'close', 'adjClose', 'volume'],
          style: {head: [], border: []},
        })
        const n = (v: number | null, d = 4): string => (v === null ? '' : v.toFixed(d))
        for (const r of rows)
          table.push([
            r.date,
            n(r.open),
            n(r.high),
            n(r.low),
            n(r.close),
            n(r.adjClose),
            r.volume === null ? '' : String(r.volume),
          ])
        this.log(table.toString())
      }
    } finally {
      store.close()
    }
  }
}
