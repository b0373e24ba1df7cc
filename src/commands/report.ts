import {Args, Flags} from '@oclif/core'
import path from 'node:path'
import {BaseCommand} from '../cli/base-command.js'
import {EXIT} from '../errors.js'
import {parseFormats, writeReport} from '../report/write-report.js'
import type {YahooClient} from '../sources/yahoo.js'
import {PriceStore} from '../store/store.js'
import {loadStudy} from '../study/load.js'
import {runStudy} from '../study/run.js'
import type {StudyResult} from '../result.js'

export default class Report extends BaseCommand<typeof Report> {
  static override description =
    'Run a study and write its report: report.html (self-contained), report.md (charts as PNG beside it), results.json and charts/*.svg|png. Same store and study give byte-identical files. With --fail-on-claims, exit 1 when a claim no longer holds.'

  static override examples = [
    '<%= config.bin %> report deepseek-r1 --out out/',
    '<%= config.bin %> report deepseek-r1 --out out/ --format md,json --offline --fail-on-claims',
  ]

  static override args = {
    study: Args.string({description: 'Path to a study file, or the name of one in studies/', required: true}),
  }

  static override flags = {
    out: Flags.string({
      description: 'Folder to write the report into (created if missing; files are replaced whole).',
      required: true,
    }),
    format: Flags.string({description: 'Comma-separated formats to write: html, md, json.', default: 'html,md,json'}),
    'fail-on-claims': Flags.boolean({
      description: 'Exit with code 1 when a claim of the study does not hold (the report is still written).',
      default: false,
    }),
  }

  async run(): Promise<void> {
    const {args, flags} = await this.parse(Report)
    const formats = parseFormats(flags.format)
    const spec = loadStudy(args.study)
    const store = PriceStore.open(this.cacheDir(), {mode: this.flags.offline ? 'read' : 'write'})
    // yahoo-finance2 loads slowly: import it only when the run needs the network.
    let client: YahooClient | undefined
    const getClient = async (): Promise<YahooClient> =>
      (client ??= await (await import('../sources/yahoo.js')).createCliYahooClient())
    let result: StudyResult
    try {
      result = await runStudy(spec, store, {
        offline: this.flags.offline,
        fetchMissing: async (symbols) =>
          (await import('../sources/fetch-symbols.js')).fetchSymbols(store, symbols, {client: await getClient()}),
        log: (m) => this.info(m),
      })
    } finally {
      store.close()
    }
    const files = await writeReport(result, {
      outDir: flags.out,
      formats,
      text: {title: spec.title, description: spec.description, questions: spec.questions},
    })
    const failed = (result.claims ?? []).filter((c) => !c.holds)
    if (this.flags.json) {
      this.printJson({outDir: path.resolve(flags.out), files, failedClaims: failed.map((c) => c.id)})
    } else {
      for (const f of files) {
        const rel = path.relative(process.cwd(), f)
        this.info(`wrote ${rel.startsWith('..') ? f : rel}`)
      }
    }
    for (const c of failed)
      this.info(
        `claim ${c.id} does not hold: ${c.text} (measured ${c.measured === null ? 'n/a' : Number(c.measured.toPrecision(4))}, expected ${c.expected} ± ${c.tolerance})`,
      )
    if (flags['fail-on-claims'] && failed.length > 0) {
      this.info(`--fail-on-claims: ${failed.length} claim(s) do not hold; exit code ${EXIT.failure}`)
      process.exitCode = EXIT.failure
    }
  }
}
