import {Args, Flags} from '../../cli/oclif.js'
import {BaseCommand} from '../../cli/base-command.js'
import type {FactorsResult} from '../../cli/results.js'
import {factorsTable} from '../../cli/views.js'
import {importFactorFiles} from '../../sources/factor-import.js'
import {reportFactorWrites} from '../../cli/factor-notes.js'

export default class FactorsImport extends BaseCommand<typeof FactorsImport> {
  static override description =
    "Import daily factor files into the store: Kenneth French's files as published (F-F_Research_Data_Factors_daily, F-F_Research_Data_5_Factors_2x3_daily, F-F_Momentum_Factor_daily; .csv or .CSV; only the daily table is read) or clean CSVs (date,mkt_rf,smb,hml,rf). Values stay in percent per day, as French publishes them. Each set replaces its stored copy whole; a bad file rejects the whole import (FILE:LINE: reason), exit 2."

  static override examples = [
    '<%= config.bin %> factors import ../shared/data/factors/original/*.csv',
    '<%= config.bin %> factors import ff3-daily.csv mom-daily.csv',
    '<%= config.bin %> factors import my-factors.csv --set mine',
  ]

  static override strict = false

  static override args = {
    files: Args.string({description: "French's daily factor files or clean factor CSVs", required: true}),
  }

  static override flags = {
    set: Flags.string({description: 'Name of the set a single file holds, instead of the one its file name gives.'}),
  }

  async run(): Promise<void> {
    const {argv, flags} = await this.parse(FactorsImport)
    const result: FactorsResult = {results: importFactorFiles(this.ctx.store(), argv.map(String), {set: flags.set})}
    if (this.ctx.json) await this.out.printJson(result)
    else {
      this.out.line(factorsTable(result, this.out.width))
      this.out.line(`${result.results.length} factor set(s) stored in ${this.ctx.cacheDir} (percent per day)`)
    }
    reportFactorWrites(this.out, result)
  }
}
