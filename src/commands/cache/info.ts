import {BaseCommand} from '../../cli/base-command.js'
import type {CacheInfoResult} from '../../cli/results.js'
import {cacheInfoTable} from '../../cli/views.js'

export default class CacheInfo extends BaseCommand<typeof CacheInfo> {
  static override description =
    'List the stored symbols: first and last date, rows, source and when an import or fetch last wrote them.'

  static override examples = [
    '<%= config.bin %> cache info',
    '<%= config.bin %> cache info --json',
    '<%= config.bin %> cache info --cache-dir /data/aftershock',
  ]

  async run(): Promise<void> {
    const store = this.ctx.store('read')
    const result: CacheInfoResult = {cacheDir: this.ctx.cacheDir, file: store.file, securities: store.listSecurities()}
    if (this.ctx.json) await this.out.printJson(result)
    else {
      this.out.paragraph(`store: ${result.file}`)
      this.out.line(
        result.securities.length === 0
          ? 'empty: load prices with `npx aftershock import PATH` or `npx aftershock fetch SYMBOL`'
          : cacheInfoTable(result, this.out.width),
      )
    }
  }
}
