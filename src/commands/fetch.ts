import {Args, Flags} from '@oclif/core'
import {SingleBar} from 'cli-progress'
import Table from 'cli-table3'
import {BaseCommand} from '../cli/base-command.js'
import {EXIT, InputError} from '../errors.js'
import {checkDateRange} from '../sources/cli-input.js'
import {fetchSymbols, type FetchSummary} from '../sources/fetch-symbols.js'
import {createCliYahooClient} from '../sources/yahoo.js'
import {PriceStore} from '../store/store.js'

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
    timeout: Flags.integer({description: 'Seconds to wait for one answer from Yahoo.', default: 20, min: 1}),
    retries: Flags.integer({
      description: 'Retries of a request after HTTP 429, 5xx or a timeout.',
      default: 3,
      min: 0,
      max: 10,
    }),
  }

  async run(): Promise<void> {
    const {argv, flags} = await this.parse(Fetch)
    const symbols = argv.map(String)
    if (this.flags.offline) {
      throw new InputError(
        'fetch needs the network, but --offline was given: drop --offline, or load CSV files with `aftershock import PATH`',
      )
    }
    const {from, to} = checkDateRange(flags.from, flags.to)
    const client = await createCliYahooClient({timeoutMs: flags.timeout * 1000, concurrency: flags.concurrency})
    const store = PriceStore.open(this.cacheDir())
    const bar = process.stderr.isTTY
      ? new SingleBar({stream: process.stderr, format: 'fetch [{bar}] {value}/{total} {symbol}', hideCursor: true})
      : undefined
    let results: FetchSummary[]
    try {
      bar?.start(symbols.length, 0, {symbol: ''})
      results = await fetchSymbols(store, symbols, {
        client,
        from,
        to,
        refresh: flags.refresh,
        concurrency: flags.concurrency,
        retry: {attempts: flags.retries + 1},
        onProgress: (done, _total, s) => bar?.update(done, {symbol: s.symbol}),
        onRetry: (symbol, reason, attempt, delayMs) => {
          if (!bar)
            this.info(`${symbol}: ${reason}; retry ${attempt} of ${flags.retries} in ${(delayMs / 1000).toFixed(1)} s`)
        },
      })
    } finally {
      bar?.stop()
      store.close()
    }

    if (this.flags.json) this.printJson({results})
    else {
      const table = new Table({
        head: ['symbol', 'status', 'added', 'from', 'to', 'rows', 'note'],
        style: {head: [], border: []},
      })
      for (const r of results) {
        table.push([
          r.symbol,
          r.ok ? 'ok' : 'FAILED',
          r.added,
          r.from ?? '',
          r.to ?? '',
          r.rows,
          r.ok ? (r.note ?? '') : (r.error ?? ''),
        ])
      }
      this.log(table.toString())
    }
    const failed = results.filter((r) => !r.ok)
    for (const r of failed) this.info(`fetch ${r.symbol} failed: ${r.error ?? 'unknown error'}`)
    const warned = results.filter((r) => r.warning)
    for (const r of warned) this.info(`warning: ${r.warning}`)
    if (failed.length > 0) process.exitCode = failed.length === results.length ? EXIT.failure : EXIT.partial
    else if (warned.length > 0) process.exitCode = EXIT.partial
  }
}
