import {Args, Flags} from '../../cli/oclif.js'
import {readFileSync} from 'node:fs'
import path from 'node:path'
import {BaseCommand} from '../../cli/base-command.js'
import {applyModelsFlag, modelsFlags, networkFlags, studyDataFlags} from '../../cli/flags.js'
import {Progress} from '../../cli/progress.js'
import {InputError} from '../../errors.js'
import {DETAILS, type Detail, studyAtDetail} from '../../render/detail.js'
import {parseCharacteristicsCsv} from '../../spec/characteristics-csv.js'
import {parseEventsCsv} from '../../spec/events-csv.js'
import {loadStudy} from '../../spec/load.js'
import {bootstrapSpec} from '../../spec/sections.js'
import type {BootstrapSpec} from '../../spec/types.js'
import type {StudyResult} from '../../result.js'
import {runStudy} from '../../study/run.js'

export default class StudyRun extends BaseCommand<typeof StudyRun> {
  static override description =
    'Run an event study: abnormal returns and tests per group and window, plus indexing, value at stake, volatility and claims when the study asks for them. Fetches what the store lacks unless --offline.'

  static override examples = [
    '<%= config.bin %> study run deepseek-r1',
    '<%= config.bin %> study run covid-2020 --json --offline',
    '<%= config.bin %> study run studies/earnings.yaml --events events.csv --csv',
    '<%= config.bin %> study run nvda-earnings --json --detail summary',
    '<%= config.bin %> study run nvda-earnings --jsonl > securities.jsonl',
    '<%= config.bin %> study run covid-2020 --offline --csv-dir tables',
    'cat events.csv | <%= config.bin %> study run earnings --events -',
  ]

  static override args = {
    study: Args.string({description: 'Path to a study file, or the name of one in studies/', required: true}),
  }

  static override flags = {
    ...studyDataFlags,
    ...networkFlags,
    ...modelsFlags,
    csv: Flags.boolean({
      description: 'Print the result as long-format CSV.',
      default: false,
      exclusive: ['json', 'jsonl'],
    }),
    jsonl: Flags.boolean({
      description:
        'Print the security rows as JSON lines: one security-event per line (schema/study-security-line.schema.json).',
      default: false,
      exclusive: ['json', 'csv'],
    }),
    detail: Flags.string({
      description:
        'How much --json or --jsonl writes: summary (no per-security and no per-day rows), securities (no per-day rows), days (everything; the default of --json; --jsonl defaults to securities).',
      options: [...DETAILS],
    }),
    'csv-dir': Flags.string({
      description:
        'Also write one tidy CSV per table into this folder (<table>.csv, each column one type, and _columns.csv naming the types).',
    }),
    events: Flags.string({
      description:
        "Per-security events from a CSV file (symbol,date[,id][,group][,label]), or - for stdin; replaces the study's events (its estimation and windows must then be offsets).",
    }),
    'live-shares': Flags.boolean({
      description:
        "Use Yahoo's current shares outstanding for value at stake (flagged as current, not as of the event).",
      default: false,
    }),
    characteristics: Flags.string({
      description:
        "Security characteristics for crossSection terms from a CSV file (symbol,name,value), or - for stdin; replaces the study's characteristics file.",
    }),
    bootstrap: Flags.integer({
      description:
        "Bootstrap p-values of each group window's cross-sectional t with this many draws (e.g. 9999); replaces the study's bootstrap: draws.",
    }),
    seed: Flags.integer({
      description: "Seed of the bootstrap draws (default: the study's, else 1).",
      dependsOn: ['bootstrap'],
    }),
    chart: Flags.boolean({
      description: 'Draw the CAAR paths in the terminal (only when stdout is a terminal).',
      default: false,
    }),
  }

  async run(): Promise<void> {
    const {args, flags} = await this.parse(StudyRun)
    const detail = outputDetail(flags.detail, {json: this.ctx.json, jsonl: flags.jsonl})
    const spec = loadStudy(args.study, {allowOutside: flags['allow-outside']})
    applyModelsFlag(spec, flags.models)
    if (flags.bootstrap !== undefined) spec.bootstrap = bootstrapFromFlags(flags.bootstrap, flags.seed, spec.bootstrap)
    const eventsSource = flags.events === '-' ? '--events - (stdin)' : `--events ${flags.events}`
    const eventsOverride =
      flags.events === undefined
        ? undefined
        : parseEventsCsv(readEvents(flags.events), flags.events === '-' ? 'stdin' : flags.events)
    const characteristics =
      flags.characteristics === undefined
        ? undefined
        : parseCharacteristicsCsv(
            readCsvFlag('--characteristics', flags.characteristics, 'symbol,name,value'),
            flags.characteristics === '-' ? 'stdin' : flags.characteristics,
          )
    const {source, offline} = await this.ctx.studySource(spec, flags.live)
    const progress = await Progress.on(this.ctx.options.io.stderr)
    let result: StudyResult
    try {
      result = await runStudy(spec, source, {
        offline,
        eventsOverride,
        eventsSource,
        liveShares: flags['live-shares'],
        fetchMissing: this.ctx.fetchMissing,
        fetchFactors: this.ctx.fetchFactors,
        fetchShares: this.ctx.fetchShares,
        characteristics,
        log: (m) => this.out.info(m),
        progress: progress?.report,
        // Per-day AR rows only for an output that writes them.
        arRows: !((this.ctx.json || flags.jsonl) && detail !== 'days' && flags['csv-dir'] === undefined),
      })
      this.ctx.close()
      if (await this.printData(result, flags, detail, progress)) return
    } finally {
      // An error, too, takes the bar off (and gives the cursor back) before it is reported.
      progress?.stop()
    }
    // The renderers (and cli-table3) load only for the output asked for.
    if (flags.csv) {
      const {studyCsvLines} = await import('../../render/csv.js')
      await this.out.printPieces(studyCsvLines(result))
      this.out.notes(result.notes)
      return
    }
    const stdout = this.ctx.options.io.stdout
    const {renderStudyTable, useColor} = await import('../../render/terminal.js')
    const color = useColor(stdout)
    this.out.write(renderStudyTable(result, {color, width: this.out.width}))
    if (flags.chart) {
      if (stdout.isTTY) {
        const {renderCaarChart} = await import('../../render/terminal-chart.js')
        this.out.write('\n' + renderCaarChart(result, {color}) + '\n')
      } else {
        this.out.info('--chart: stdout is not a terminal, so no chart is drawn')
      }
    }
  }

  /**
   * The outputs for other programs: --csv-dir (before anything on stdout, so under --json an error writing it is
   * stdout's one document), then --json or --jsonl, with the notes after; true when one of those was printed.
   */
  private async printData(
    result: StudyResult,
    flags: {'csv-dir'?: string; jsonl: boolean},
    detail: Detail,
    progress: Progress | undefined,
  ): Promise<boolean> {
    if (flags['csv-dir'] !== undefined) {
      const {writeCsvDir} = await import('../../cli/csv-dir.js')
      const files = writeCsvDir(path.resolve(flags['csv-dir']), result)
      this.out.info(`wrote ${files.length} CSV files to ${flags['csv-dir']}`)
    }
    // A bar over the security rows while they are written (every 256th row: drawing is not free).
    const writing = (i: number, n: number): void => {
      if (i % 256 === 0 || i === n - 1) progress?.report('writing', i + 1, n)
    }
    if (this.ctx.json) {
      await this.out.printJson(studyAtDetail(result, detail), (key, i, n) => key === 'securities' && writing(i, n))
    } else if (flags.jsonl) {
      const {securityLines} = await import('../../render/jsonl.js')
      await this.out.printPieces(securityLines(result, detail === 'days', writing))
    } else return false
    progress?.stop()
    this.out.notes(result.notes)
    return true
  }
}

/**
 * The --detail of the run: --json defaults to days, --jsonl to securities (a line per security-event without its
 * days); summary has no security rows for --jsonl to write, and the other outputs have no levels.
 */
function outputDetail(flag: string | undefined, output: {json: boolean; jsonl: boolean}): Detail {
  if (output.jsonl && flag === 'summary')
    throw new InputError(
      '--detail summary: --jsonl writes security rows, which summary leaves out; give securities or days',
    )
  if (flag !== undefined && !output.json && !output.jsonl)
    throw new InputError(`--detail ${flag}: only --json and --jsonl have detail levels; add one of them`)
  return (flag as Detail | undefined) ?? (output.jsonl ? 'securities' : 'days')
}

/** --bootstrap N [--seed S] over the study's bootstrap: section (its scheme kept). */
function bootstrapFromFlags(draws: number, seed: number | undefined, study: BootstrapSpec | null | undefined) {
  return bootstrapSpec(draws, seed ?? study?.seed ?? 1, study?.scheme ?? 'sign-flip', (field, message) => {
    throw new InputError(`--${field === 'draws' ? 'bootstrap' : 'seed'}: ${message}`)
  })
}

/** The events CSV text: stdin for '-', else the file. */
function readEvents(ref: string): string {
  return readCsvFlag('--events', ref, 'symbol,date[,id][,group][,label]')
}

/** A CSV given to a flag: stdin for '-', else the file; `columns` names the header it needs. */
function readCsvFlag(flag: string, ref: string, columns: string): string {
  if (ref === '-') {
    try {
      return readFileSync(0, 'utf8')
    } catch (error) {
      throw new InputError(
        `${flag} -: cannot read the CSV from stdin (${(error as Error).message}); pipe a CSV in or give a file`,
      )
    }
  }
  try {
    return readFileSync(path.resolve(ref), 'utf8')
  } catch (error) {
    throw new InputError(
      `${flag} ${ref}: cannot read the file (${(error as Error).message}); give a CSV with columns ${columns}`,
    )
  }
}
