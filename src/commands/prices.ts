import {Args, Flags} from '../cli/oclif.js'
import {BaseCommand} from '../cli/base-command.js'
import type {PricesResult} from '../cli/results.js'
import {pricesTable} from '../cli/views.js'
import {MissingDataError} from '../errors.js'
import {checkDateRange} from '../sources/cli-input.js'
import {formatPriceCsv} from '../sources/csv.js'
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
    const store = this.ctx.store('read')
    if (!store.hasSymbol(symbol)) {
      throw new MissingDataError(
        `no prices for ${symbol} in the store (${store.file}). Get them with \`npx aftershock fetch ${yahooSymbol(args.symbol)}\`, or \`npx aftershock import ${symbol}.csv\` offline`,
      )
    }
    const bars = store.getBars(symbol, from, to)
    const result: PricesResult = {
      symbol,
      rows: bars.map((b) => ({
        date: b.date,
        open: b.open,
        high: b.high,
        low: b.low,
        close: b.close,
        adjClose: b.adjClose,
        volume: b.volume,
      })),
    }
    if (result.rows.length === 0)
      this.out.info(
        `no bars for ${symbol} between ${from ?? 'the start'} and ${to ?? 'the end'} (stored: ${store.firstDate(symbol)} to ${store.lastDate(symbol)})`,
      )
    if (this.ctx.json) await this.out.printJson(result)
    else if (flags.csv) this.out.write(formatPriceCsv(bars))
    else this.out.line(pricesTable(result, this.out.width))
  }
}
