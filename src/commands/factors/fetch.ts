import {Args} from '@oclif/core'
import {BaseCommand} from '../../cli/base-command.js'
import {networkFlags, retryNotice} from '../../cli/flags.js'
import type {FactorsResult} from '../../cli/results.js'
import {factorsTable} from '../../cli/views.js'
import {InputError} from '../../errors.js'
import {FETCHABLE_SETS, fetchFactorSet} from '../../sources/french-fetch.js'
import {describeError} from '../../sources/retry.js'
import {reportFactorWrites} from '../../cli/factor-notes.js'

export default class FactorsFetch extends BaseCommand<typeof FactorsFetch> {
  static override description =
    "Download daily factor sets from Kenneth French's data library (the _CSV.zip files), unzip them in memory and store them: ff3 (Mkt-RF, SMB, HML, RF), ff5 (adds RMW, CMA), mom. French revises history between releases: a refetch replaces the set whole and says how many stored values changed. Retried on HTTP 429, 5xx and timeouts; refused under --offline (exit 2)."

  static override examples = ['<%= config.bin %> factors fetch ff3 mom', '<%= config.bin %> factors fetch ff5 --json']

  static override strict = false

  static override args = {
    sets: Args.string({description: `Sets to download: ${FETCHABLE_SETS.join(', ')}`, required: true}),
  }

  static override flags = {...networkFlags}

  async run(): Promise<void> {
    const {argv, flags} = await this.parse(FactorsFetch)
    const sets = [...new Set(argv.map(String))]
    if (this.ctx.offline)
      throw new InputError(
        'factors fetch needs the network, but --offline was given: drop --offline, or load files with `npx aftershock factors import FILE`',
      )
    const bad = sets.filter((s) => !FETCHABLE_SETS.includes(s))
    if (bad.length > 0)
      throw new InputError(
        `${bad.map((s) => `"${s}"`).join(', ')}: not a set to fetch; give ${FETCHABLE_SETS.join(', ')}`,
      )
    const fetch = await this.ctx.factorsFetch()
    const result: FactorsResult = {results: []}
    for (const set of sets) {
      this.out.info(`${set}: downloading from French's data library`)
      const retry = {
        attempts: flags.retries + 1,
        onRetry: (err: unknown, attempt: number, delayMs: number) =>
          this.out.info(retryNotice(set, describeError(err), attempt, flags.retries, delayMs)),
      }
      result.results.push(await fetchFactorSet(this.ctx.store(), set, {fetch, timeoutMs: flags.timeout * 1000, retry}))
    }
    if (this.ctx.json) await this.out.printJson(result)
    else this.out.line(factorsTable(result, this.out.width))
    reportFactorWrites(this.out, result)
  }
}
