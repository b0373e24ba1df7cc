import {BaseCommand} from '../../cli/base-command.js'
import type {FactorsInfoResult} from '../../cli/results.js'
import {factorsInfoTable} from '../../cli/views.js'

export default class FactorsInfo extends BaseCommand<typeof FactorsInfo> {
  static override description =
    'List the stored factor sets: columns, first and last date, rows, CRSP vintage, source and when written. Values are percent per day.'

  static override examples = ['<%= config.bin %> factors info', '<%= config.bin %> factors info --json']

  async run(): Promise<void> {
    const store = this.ctx.store('read')
    const result: FactorsInfoResult = {file: store.file, sets: store.factors.list()}
    if (this.ctx.json) await this.out.printJson(result)
    else {
      this.out.paragraph(`store: ${result.file}`)
      this.out.line(
        result.sets.length === 0
          ? 'no factor sets: load them with `npx aftershock factors fetch ff3` or `npx aftershock factors import FILE`'
          : factorsInfoTable(result, this.out.width),
      )
    }
  }
}
