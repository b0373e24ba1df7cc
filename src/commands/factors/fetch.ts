import {Args, Flags} from '../../cli/oclif.js'
import {BaseCommand} from '../../cli/base-command.js'
import {DEFAULT_RETRIES, DEFAULT_TIMEOUT_SECONDS, retryNotice} from '../../cli/flags.js'
import type {FactorsResult} from '../../cli/results.js'
import {factorsTable} from '../../cli/views.js'
import {AftershockError, EXIT, InputError} from '../../errors.js'
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

  static override flags = {
    timeout: Flags.integer({
      description: "Seconds to wait for one answer from French's data library.",
      default: DEFAULT_TIMEOUT_SECONDS,
      min: 1,
    }),
    retries: Flags.integer({
      description: 'Retries of a download after HTTP 429, 5xx or a timeout.',
      default: DEFAULT_RETRIES,
      min: 0,
      max: 10,
    }),
  }

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
    const failed: AftershockError[] = []
    for (const set of sets) {
      this.out.info(`${set}: downloading from French's data library`)
      const retry = {
        attempts: flags.retries + 1,
        onRetry: (err: unknown, attempt: number, delayMs: number) =>
          this.out.info(retryNotice(set, describeError(err), attempt, flags.retries, delayMs)),
      }
      try {
        result.results.push(
          await fetchFactorSet(this.ctx.store(), set, {fetch, timeoutMs: flags.timeout * 1000, retry}),
        )
      } catch (err) {
        if (!(err instanceof AftershockError) || sets.length === 1) throw err
        failed.push(err)
        this.out.info(`factors fetch ${set} failed: ${err.message}`)
      }
    }
    // Every set failed: the first failure is the command's error. Some failed: the others are stored (exit 3).
    if (failed.length === sets.length) throw failed[0]
    if (failed.length > 0) this.ctx.exitCode = EXIT.partial
    if (this.ctx.json) await this.out.printJson(result)
    else this.out.line(factorsTable(result, this.out.width))
    reportFactorWrites(this.out, result)
  }
}
