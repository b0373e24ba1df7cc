import Table from 'cli-table3'
import {BaseCommand} from '../../cli/base-command.js'
import {PriceStore} from '../../store/store.js'

export default class CacheInfo extends BaseCommand<typeof CacheInfo> {
  static override description = 'List the stored symbols: first and last date, rows, source and last fetch time.'

  static override examples = [
    '<%= config.bin %> cache info',
    '<%= config.bin %> cache info --json',
    '<%= config.bin %> cache info --cache-dir /data/aftershock',
  ]

  async run(): Promise<void> {
    const store = PriceStore.open(this.cacheDir(), {mode: 'read'})
    try {
      const securities = store.listSecurities()
      if (this.flags.json) this.printJson({cacheDir: this.cacheDir(), file: store.file, securities})
      else {
        this.log(`store: ${store.file}`)
        const table = new Table({
          head: ['symbol', 'first', 'last', 'rows', 'source', 'last fetch'],
          style: {head: [], border: []},
        })
        for (const s of securities)
          table.push([s.symbol, s.firstDate ?? '', s.lastDate ?? '', s.rows, s.source ?? '', s.lastFetch ?? ''])
        this.log(
          securities.length === 0
            ? 'empty: load prices with `aftershock import PATH` or `aftershock fetch SYMBOL`'
            : table.toString(),
        )
      }
    } finally {
      store.close()
    }
  }
}
