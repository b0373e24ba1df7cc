import {Args, Flags} from '../cli/oclif.js'
import {SingleBar} from 'cli-progress'
import {BaseCommand} from '../cli/base-command.js'
import {checkFetchRange, networkFlags, retryNotice} from '../cli/flags.js'
import type {FetchResult} from '../cli/results.js'
import {fetchTable} from '../cli/views.js'
import {EXIT, InputError} from '../errors.js'
import {isValidSymbol} from '../store/symbols.js'

export default class Fetch extends BaseCommand<typeof Fetch> {
  static override description =
    "Fetch daily bars (OHLC, adjusted close, volume, dividends, splits) from Yahoo Finance into the store. Incremental: a second fetch asks only for new days, and replaces a symbol's history when Yahoo has re-adjusted it. Exit 3 when some symbols failed, 1 when all did."

  static override examples = [
    '<%= config.bin %> fetch NVDA AMD ^GSPC --from 2020-01-01',
    '<%= config.bin %> fetch NVDA --refresh',
    '<%= config.bin %> fetch SPY QQQ --json',
  ]

  static override strict = false

  static override args = {
    symbols: Args.string({
      description: 'Symbols as Yahoo spells them (^GSPC or GSPC for the S&P 500 index)',
      required: true,
    }),
  }

  static override flags = {
    from: Flags.string({description: 'First date, YYYY-MM-DD (default: 2000-01-01 for a new symbol).'}),
    to: Flags.string({description: 'Last date, YYYY-MM-DD (default: today).'}),
    refresh: Flags.boolean({description: 'Re-fetch the whole history and replace what is stored.', default: false}),
    concurrency: Flags.integer({description: 'Symbols fetched at once.', default: 4, min: 1, max: 16}),
    ...networkFlags,
  }

  async run(): Promise<void> {
    const {argv, flags} = await this.parse(Fetch)
    const symbols = argv.map(String)
    if (this.ctx.offline) {
      throw new InputError(
        'fetch needs the network, but --offline was given: drop --offline, or load CSV files with `npx aftershock import PATH`',
      )
    }
    const bad = symbols.filter((s) => !isValidSymbol(s))
    if (bad.length > 0) {
      throw new InputError(
        `${bad.map((s) => `"${s}"`).join(', ')}: not a symbol; a symbol is letters, digits and . - = (^ first for an index), at most 20 characters`,
      )
    }
    const {from, to} = checkFetchRange(flags.from, flags.to)
    await this.ctx.yahoo({timeoutMs: flags.timeout * 1000, concurrency: flags.concurrency})
    const stderr = this.ctx.options.io.stderr
    const bar = stderr.isTTY
      ? new SingleBar({
          stream: stderr as NodeJS.WritableStream,
          format: 'fetch [{bar}] {value}/{total} {symbol}',
          hideCursor: true,
        })
      : undefined
    let result: FetchResult
    try {
      bar?.start(symbols.length, 0, {symbol: ''})
      result = {
        results: await this.ctx.fetch(symbols, {
          from,
          to,
          refresh: flags.refresh,
          concurrency: flags.concurrency,
          retry: {attempts: flags.retries + 1},
          onProgress: (done, _total, s) => bar?.update(done, {symbol: s.symbol}),
          onRetry: (symbol, reason, attempt, delayMs) => {
            if (!bar) this.out.info(retryNotice(symbol, reason, attempt, flags.retries, delayMs))
          },
        }),
      }
    } finally {
      bar?.stop()
    }

    if (this.ctx.json) await this.out.printJson(result)
    else this.out.line(fetchTable(result, this.out.width))
    const failed = result.results.filter((r) => !r.ok)
    for (const r of failed) this.out.info(`fetch ${r.symbol} failed: ${r.error ?? 'unknown error'}`)
    const warned = result.results.filter((r) => r.warning)
    for (const r of warned) this.out.info(`warning: ${r.warning}`)
    if (failed.length > 0) this.ctx.exitCode = failed.length === result.results.length ? EXIT.failure : EXIT.partial
    else if (warned.length > 0) this.ctx.exitCode = EXIT.partial
  }
}
