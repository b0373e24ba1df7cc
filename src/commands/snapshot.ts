import {Args, Flags} from '../cli/oclif.js'
import path from 'node:path'
import {writeFileAtomic} from '../cli/atomic-file.js'
import {BaseCommand} from '../cli/base-command.js'
import {networkFlags} from '../cli/flags.js'
import type {SnapshotResult} from '../cli/results.js'
import {plainTable} from '../cli/table.js'
import {loadStudy} from '../spec/load.js'
import {snapshotStudy} from '../study/snapshot.js'

export default class Snapshot extends BaseCommand<typeof Snapshot> {
  static override description =
    "Write a study's data snapshot: the exact bars it reads (its symbols and benchmark, the dates and columns it uses), from the store, into one gzip CSV with provenance and a SHA-256 of the content. Pin it in the study file (data: {snapshot: FILE}) so that study run, index and report read it on any machine, offline. The same store gives the same bytes."

  static override examples = [
    '<%= config.bin %> snapshot deepseek-r1',
    '<%= config.bin %> snapshot studies/my-study.yaml --out studies/my-study.data.csv.gz --offline',
  ]

  static override args = {
    study: Args.string({description: 'Path to a study file, or the name of one in studies/', required: true}),
  }

  static override flags = {
    ...networkFlags,
    out: Flags.string({
      description: "File to write (default: the study's data.snapshot, else NAME.data.csv.gz in the current folder).",
    }),
    'allow-outside': Flags.boolean({
      description: 'Let the study read an events file outside its folder.',
      default: false,
    }),
  }

  async run(): Promise<void> {
    const {args, flags} = await this.parse(Snapshot)
    const spec = loadStudy(args.study, {allowOutside: flags['allow-outside']})
    const store = this.ctx.studyStore()
    const written = new Map(store.listSecurities().map((s) => [s.symbol, {source: s.source, written: s.lastFetch}]))
    const snap = await snapshotStudy(spec, store, {
      offline: this.ctx.offline,
      fetchMissing: this.ctx.fetchMissing,
      fetchFactors: this.ctx.fetchFactors,
      log: (m) => this.out.info(m),
      describe: (symbol) => written.get(symbol) ?? {source: null, written: null},
    })
    const file = path.resolve(flags.out ?? spec.data?.snapshot ?? `${spec.name}.data.csv.gz`)
    writeFileAtomic(file, snap.bytes, '--out')
    const result: SnapshotResult = {
      file,
      study: spec.name,
      asOf: snap.asOf,
      sha256: snap.sha256,
      bytes: snap.bytes.length,
      symbols: snap.symbols,
      ...(snap.factors.length > 0 ? {factors: snap.factors} : {}),
    }
    if (this.ctx.json) return this.out.printJson(result)
    const rows = snap.symbols.map((s) => [
      s.symbol,
      s.rows,
      s.covers ? `${s.covers.from}..${s.covers.to}` : 'all',
      s.source ?? '',
    ])
    for (const f of snap.factors)
      rows.push([`${f.set} (factors)`, f.rows, `${f.covers.from}..${f.covers.to}`, f.source ?? ''])
    this.out.line(plainTable(['symbol', 'rows', 'dates', 'source'], rows, this.out.width))
    this.out.line(
      `wrote ${path.relative(process.cwd(), file) || file} (${snap.bytes.length} bytes, data as of ${snap.asOf}, sha256 ${snap.sha256})`,
    )
  }
}
