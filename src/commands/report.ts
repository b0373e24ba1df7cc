import {Args, Flags} from '../cli/oclif.js'
import path from 'node:path'
import {BaseCommand} from '../cli/base-command.js'
import {applyModelsFlag, modelsFlags, networkFlags, studyDataFlags} from '../cli/flags.js'
import type {ReportResult} from '../cli/results.js'
import {EXIT} from '../errors.js'
import {parseFormats, writeReport} from '../render/report-folder.js'
import {loadStudy} from '../spec/load.js'
import {runLiveComparison} from '../study/live-comparison.js'
import {runStudy} from '../study/run.js'

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
    ...studyDataFlags,
    ...networkFlags,
    ...modelsFlags,
    out: Flags.string({
      description: 'Folder to write the report into (created if missing; files are replaced whole).',
      required: true,
    }),
    format: Flags.string({
      description: 'Comma-separated formats to write: html, md, json (in any case).',
      default: 'html,md,json',
    }),
    'compare-live': Flags.boolean({
      description:
        "Also run the study on live data (the store, fetching unless --offline) and show beside its pinned snapshot's numbers where they moved and why the prices differ.",
      default: false,
      exclusive: ['live'],
    }),
    'fail-on-claims': Flags.boolean({
      description: 'Exit with code 1 when a claim of the study does not hold (the report is still written).',
      default: false,
    }),
  }

  async run(): Promise<void> {
    const {args, flags} = await this.parse(Report)
    // Format names are matched case-insensitively (--format JSON).
    const formats = parseFormats(flags.format.toLowerCase())
    const spec = loadStudy(args.study, {allowOutside: flags['allow-outside']})
    applyModelsFlag(spec, flags.models)
    const {source, offline} = await this.ctx.studySource(spec, flags.live)
    const studyResult = await runStudy(spec, source, {
      offline,
      fetchMissing: this.ctx.fetchMissing,
      fetchFactors: this.ctx.fetchFactors,
      log: (m) => this.out.info(m),
    })
    const comparison = flags['compare-live']
      ? await runLiveComparison(spec, {result: studyResult, source}, this.ctx.studyStore(), {
          offline: this.ctx.offline,
          fetchMissing: this.ctx.fetchMissing,
          fetchFactors: this.ctx.fetchFactors,
          log: (m) => this.out.info(m),
        })
      : undefined
    this.ctx.close()
    const files = await writeReport(studyResult, {
      comparison,
      outDir: flags.out,
      formats,
      text: {title: spec.title, description: spec.description, questions: spec.questions},
    })
    const failed = (studyResult.claims ?? []).filter((c) => !c.holds)
    const result: ReportResult = {outDir: path.resolve(flags.out), files, failedClaims: failed.map((c) => c.id)}
    if (this.ctx.json) await this.out.printJson(result)
    else {
      for (const f of files) {
        const rel = path.relative(process.cwd(), f)
        this.out.info(`wrote ${rel.startsWith('..') ? f : rel}`)
      }
    }
    for (const c of failed)
      this.out.info(
        `claim ${c.id} does not hold: ${c.text} (measured ${c.measured === null ? 'n/a' : Number(c.measured.toPrecision(4))}, expected ${c.expected} ± ${c.tolerance})`,
      )
    if (flags['fail-on-claims'] && failed.length > 0) {
      this.out.info(`--fail-on-claims: ${failed.length} claim(s) do not hold; exit code ${EXIT.failure}`)
      this.ctx.exitCode = EXIT.failure
    }
  }
}
