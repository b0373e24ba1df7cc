import {Args, Flags} from '@oclif/core'
import {BaseCommand} from '../../cli/base-command.js'
import {indexSymbols, runIndexStudy} from '../../analysis/index-study.js'
import {csvText, indexCsvRows} from '../../render/extras-csv.js'
import {renderIndexTable} from '../../render/extras-table.js'
import {PriceStore} from '../../store/store.js'
import {loadStudy} from '../../study/load.js'

export default class Index extends BaseCommand<typeof Index> {
  static override description =
    'Base-period indexing of a study alone (its index: section): each security and group at 100 over the base period, the table as of asOf and the daily series (--json). No event-study run. Fetches what the store lacks unless --offline.'

  static override examples = [
    '<%= config.bin %> index deepseek-r1',
    '<%= config.bin %> index deepseek-r1 --json --offline',
    '<%= config.bin %> index studies/my-study.yaml --csv',
  ]

  static override args = {
    study: Args.string({description: 'Path to a study file, or the name of one in studies/', required: true}),
  }

  static override flags = {
    csv: Flags.boolean({
      description: 'Print the table and the daily series as long-format CSV.',
      default: false,
      exclusive: ['json'],
    }),
  }

  async run(): Promise<void> {
    const {args, flags} = await this.parse(Index)
    const spec = loadStudy(args.study)
    const store = PriceStore.open(this.cacheDir(), {mode: this.flags.offline ? 'read' : 'write'})
    try {
      const missing = indexSymbols(spec).filter((s) => !store.hasSymbol(s))
      if (missing.length > 0 && !this.flags.offline) {
        this.info(`fetching ${missing.length} symbol(s) the store lacks: ${missing.join(', ')}`)
        // yahoo-finance2 loads slowly: import it only when something must be fetched.
        const [{createCliYahooClient}, {fetchSymbols}] = await Promise.all([
          import('../../sources/yahoo.js'),
          import('../../sources/fetch-symbols.js'),
        ])
        const client = await createCliYahooClient()
        for (const s of await fetchSymbols(store, missing, {client}))
          if (!s.ok) this.info(`fetch ${s.symbol} failed: ${s.error ?? 'unknown error'}`)
      }
      const result = runIndexStudy(spec, store)
      if (this.flags.json) this.printJson(result)
      else if (flags.csv) process.stdout.write(csvText(indexCsvRows(result.index)))
      else {
        for (const e of result.events)
          this.log(
            `${e.id}: ${e.date}${e.tradingDate === e.date ? '' : ` -> day 0 ${e.tradingDate}`}${e.label ? `  ${e.label}` : ''}`,
          )
        this.log(renderIndexTable(result.index))
      }
      for (const n of result.notes) this.info(`note: ${n}`)
    } finally {
      store.close()
    }
  }
}
