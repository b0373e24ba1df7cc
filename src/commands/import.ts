import {Args, Flags} from '../cli/oclif.js'
import {BaseCommand} from '../cli/base-command.js'
import type {ImportResult} from '../cli/results.js'
import {importTable} from '../cli/views.js'
import {EXIT, InputError} from '../errors.js'
import {importPathsThreaded} from '../sources/import.js'

export default class Import extends BaseCommand<typeof Import> {
  static override description =
    "Import daily prices from CSV files or folders of them (header date,open,high,low,close,adj_close,volume, or Yahoo's Date,Open,High,Low,Close,Adj Close,Volume). Each file is merged into its symbol's history by date and column (new days added, empty cells filled); a file whose values disagree with the stored ones is rejected unless --replace. A bad row rejects the whole file (FILE:LINE: reason) and leaves the store unchanged for it. Exit 3 when some files were rejected, 2 when all were."

  static override examples = [
    '<%= config.bin %> import ../shared/data/prices',
    '<%= config.bin %> import NVDA.csv ^GSPC.csv',
    '<%= config.bin %> import download.csv --symbol NVDA',
  ]

  static override strict = false

  static override args = {
    paths: Args.string({
      description: 'CSV files, or folders whose *.csv files are imported (symbol = file name)',
      required: true,
    }),
  }

  static override flags = {
    symbol: Flags.string({description: 'Symbol for a single file, instead of its file name.'}),
    replace: Flags.boolean({
      description: "Replace each symbol's whole stored history with its file instead of merging.",
      default: false,
    }),
    'allow-extreme': Flags.boolean({
      description: 'Accept prices outside 1e-6..1e9 and dates outside 1900-01-01..tomorrow.',
      default: false,
    }),
  }

  async run(): Promise<void> {
    const {argv, flags} = await this.parse(Import)
    const result: ImportResult = {
      results: await importPathsThreaded(this.ctx.store(), argv.map(String), {
        symbol: flags.symbol,
        replace: flags.replace,
        allowExtreme: flags['allow-extreme'],
      }),
    }
    const failed = result.results.filter((r) => !r.ok)
    // One file, rejected: a plain input error (its FILE:LINE: reason), exit 2.
    if (result.results.length === 1 && failed.length === 1) throw new InputError(failed[0].error ?? 'rejected')

    if (this.ctx.json) await this.out.printJson(result)
    else {
      this.out.line(importTable(result, this.out.width))
      this.out.line(
        `${result.results.length - failed.length} of ${result.results.length} file(s) imported into ${this.ctx.cacheDir}`,
      )
    }
    for (const r of failed) this.out.info(`rejected: ${r.error ?? r.file}`)
    for (const r of result.results)
      if (r.skipped > 0) this.out.info(`${r.file}: skipped ${r.skipped} row(s) without any price`)
    if (failed.length > 0) this.ctx.exitCode = failed.length === result.results.length ? EXIT.usage : EXIT.partial
  }
}
