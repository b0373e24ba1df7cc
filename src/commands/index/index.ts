import {Args, Flags} from '../../cli/oclif.js'
import {BaseCommand} from '../../cli/base-command.js'
import {networkFlags, studyDataFlags} from '../../cli/flags.js'
import type {IndexCommandResult} from '../../cli/results.js'
import {runIndexStudy} from '../../study/index-run.js'
import {csvText, indexCsvRows} from '../../render/csv.js'
import {renderIndexTable} from '../../render/terminal.js'
import {loadStudy} from '../../spec/load.js'

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
    ...studyDataFlags,
    ...networkFlags,
    csv: Flags.boolean({
      description: 'Print the table and the daily series as long-format CSV.',
      default: false,
      exclusive: ['json'],
    }),
  }

  async run(): Promise<void> {
    const {args, flags} = await this.parse(Index)
    const spec = loadStudy(args.study, {allowOutside: flags['allow-outside']})
    const {source, offline} = await this.ctx.studySource(spec, flags.live)
    const result: IndexCommandResult = await runIndexStudy(spec, source, {
      offline,
      fetchMissing: this.ctx.fetchMissing,
      log: (m) => this.out.info(m),
    })
    if (this.ctx.json) await this.out.printJson(result)
    else if (flags.csv) this.out.write(csvText(indexCsvRows(result.index)))
    else {
      for (const e of result.events)
        this.out.paragraph(
          `${e.id}: ${e.date}${e.tradingDate === e.date ? '' : ` -> day 0 ${e.tradingDate}`}${e.label ? `  ${e.label}` : ''}`,
        )
      this.out.line(renderIndexTable(result.index, this.out.width))
    }
    this.out.notes(result.notes)
  }
}
