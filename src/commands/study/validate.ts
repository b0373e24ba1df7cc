import {Args} from '../../cli/oclif.js'
import {BaseCommand} from '../../cli/base-command.js'
import type {StudyValidateResult} from '../../cli/results.js'
import {EXIT, InputError} from '../../errors.js'
import {checkStudyFile, summarizeStudy} from '../../spec/load.js'
import {StudyValidationError} from '../../spec/issues.js'

export default class StudyValidate extends BaseCommand<typeof StudyValidate> {
  static override description =
    'Check a study file: structure, dates, windows, groups, shares and claims. Errors name the line and field.'

  static override examples = [
    '<%= config.bin %> study validate studies/covid-2020.yaml',
    '<%= config.bin %> study validate deepseek-r1 --json',
  ]

  static override args = {
    study: Args.string({description: 'Path to a study file, or the name of one in studies/', required: true}),
  }

  async run(): Promise<void> {
    const {args} = await this.parse(StudyValidate)
    let res: ReturnType<typeof checkStudyFile>
    try {
      res = checkStudyFile(args.study)
    } catch (error) {
      // Not found: under --json still the validation document on stdout.
      if (!(this.ctx.json && error instanceof InputError)) throw error
      res = {spec: null, file: args.study, issues: [{file: args.study, line: null, path: '', message: error.message}]}
    }
    const summary = res.spec ? summarizeStudy(res.spec, res.file) : null
    if (this.ctx.json) {
      const result: StudyValidateResult = {
        valid: res.spec !== null,
        file: res.file,
        errors: res.issues,
        summary: summary && {
          name: summary.name,
          title: summary.title,
          events: summary.events,
          groups: summary.groups,
          securities: summary.securities,
        },
      }
      await this.out.printJson(result)
      if (!res.spec) this.ctx.exitCode = EXIT.usage
      return
    }
    if (!summary) throw new StudyValidationError(res.issues)
    const n = (k: number, word: string): string => `${k} ${word}${k === 1 ? '' : 's'}`
    this.out.line(
      `ok: ${summary.name} (${n(summary.events, 'event')}, ${n(summary.groups, 'group')}, ${summary.securities} ${summary.securities === 1 ? 'security' : 'securities'})`,
    )
  }
}
