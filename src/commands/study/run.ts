import {Args, Flags} from '@oclif/core'
import {readFileSync} from 'node:fs'
import path from 'node:path'
import {BaseCommand} from '../../cli/base-command.js'
import {InputError} from '../../errors.js'
import type {StudyResult} from '../../result.js'
import type {YahooClient} from '../../sources/yahoo.js'
import {PriceStore} from '../../store/store.js'
import {parseEventsCsv} from '../../study/events-list.js'
import {loadStudy} from '../../study/load.js'
import {runStudy} from '../../study/run.js'

export default class StudyRun extends BaseCommand<typeof StudyRun> {
  static override description =
    'Run an event study: abnormal returns and tests per group and window, plus indexing, value at stake, volatility and claims when the study asks for them. Fetches what the store lacks unless --offline.'

  static override examples = [
    '<%= config.bin %> study run deepseek-r1',
    '<%= config.bin %> study run covid-2020 --json --offline',
    '<%= config.bin %> study run studies/earnings.yaml --events events.csv --csv',
    'cat events.csv | <%= config.bin %> study run earnings --events -',
  ]

  static override args = {
    study: Args.string({description: 'Path to a study file, or the name of one in studies/', required: true}),
  }

  static override flags = {
    csv: Flags.boolean({description: 'Print the result as long-format CSV.', default: false, exclusive: ['json']}),
    events: Flags.string({
      description:
        "Per-security events from a CSV file (symbol,date[,id][,group][,label]), or - for stdin; replaces the study's events (its estimation and windows must then be offsets).",
    }),
    'live-shares': Flags.boolean({
      description:
        "Use Yahoo's current shares outstanding for value at stake (flagged as current, not as of the event).",
      default: false,
    }),
    chart: Flags.boolean({
      description: 'Draw the CAAR paths in the terminal (only when stdout is a terminal).',
      default: false,
    }),
  }

  async run(): Promise<void> {
    const {args, flags} = await this.parse(StudyRun)
    const spec = loadStudy(args.study)
    const eventsSource = flags.events === '-' ? '--events - (stdin)' : `--events ${flags.events}`
    const eventsOverride =
      flags.events === undefined
        ? undefined
        : parseEventsCsv(readEvents(flags.events), flags.events === '-' ? 'stdin' : flags.events)
    const offline = this.flags.offline
    const store = PriceStore.open(this.cacheDir(), {mode: this.flags.offline ? 'read' : 'write'})
    // yahoo-finance2 loads slowly: import it only when the run needs the network.
    let client: YahooClient | undefined
    const yahoo = async () => import('../../sources/yahoo.js')
    const getClient = async (): Promise<YahooClient> => (client ??= await (await yahoo()).createCliYahooClient())
    let result: StudyResult
    try {
      result = await runStudy(spec, store, {
        offline,
        eventsOverride,
        eventsSource,
        liveShares: flags['live-shares'],
        fetchMissing: async (symbols) =>
          (await import('../../sources/fetch-symbols.js')).fetchSymbols(store, symbols, {client: await getClient()}),
        fetchShares: async (symbols) => (await yahoo()).fetchSharesOutstanding(await getClient(), symbols),
        log: (m) => this.info(m),
      })
    } finally {
      store.close()
    }

    if (this.flags.json) {
      this.printJson(result)
      for (const n of result.notes) this.info(`note: ${n}`)
      return
    }
    // The renderers (and cli-table3) load only for the output asked for.
    if (flags.csv) {
      const {renderStudyCsv} = await import('../../render/study-csv.js')
      process.stdout.write(renderStudyCsv(result))
      for (const n of result.notes) this.info(`note: ${n}`)
      return
    }
    const [{renderStudyTable}, {useColor}] = await Promise.all([
      import('../../render/study-table.js'),
      import('../../render/format.js'),
    ])
    process.stdout.write(renderStudyTable(result, {color: useColor(process.stdout)}))
    if (flags.chart) {
      if (process.stdout.isTTY) {
        const {renderCaarChart} = await import('../../render/terminal-chart.js')
        process.stdout.write('\n' + renderCaarChart(result, {color: useColor(process.stdout)}) + '\n')
      } else {
        this.info('--chart: stdout is not a terminal, so no chart is drawn')
      }
    }
  }
}

/** The events CSV text: stdin for '-', else the file. */
function readEvents(ref: string): string {
  if (ref === '-') {
    try {
      return readFileSync(0, 'utf8')
    } catch (error) {
      throw new InputError(
        `--events -: cannot read the events CSV from stdin (${(error as Error).message}); pipe a CSV in or give a file`,
      )
    }
  }
  try {
    return readFileSync(path.resolve(ref), 'utf8')
  } catch (error) {
    throw new InputError(
      `--events ${ref}: cannot read the file (${(error as Error).message}); give a CSV with columns symbol,date[,id][,group][,label]`,
    )
  }
}
