/**
 * Is the data a study needs in the store? Symbols it lacks are fetched first when the run may use the network
 * (the caller injects the fetch); what is still missing is an error naming the study's field and the fix
 * (MissingDataError, exit 2).
 */
import {MissingDataError} from '../errors.js'
import type {StudySpec} from '../spec/types.js'
import type {BarSource} from '../store/bar-source.js'

/** Fetches symbols into the store (online only); one result per symbol. */
export type FetchMissing = (symbols: string[]) => Promise<Array<{symbol: string; ok: boolean; error?: string}>>

export interface DataOptions {
  /** Never touch the network: symbols missing from the store are an error. */
  offline: boolean
  fetchMissing?: FetchMissing
  log?: (message: string) => void
}

/** How to get a missing symbol, as every message says it. */
export function fetchHint(symbols: readonly string[]): string {
  return `import it with \`npx aftershock import FILE.csv\` or fetch it with \`npx aftershock fetch ${symbols.join(' ')}\``
}

/** How a study is named in messages: its file, else its name. */
export function studyLabel(spec: StudySpec): string {
  return spec.file ?? `study ${spec.name}`
}

/**
 * Makes sure the store holds `symbols` (the benchmark first): fetches what it lacks when online, then throws
 * InputError naming the benchmark or each group field that names a missing symbol.
 */
export async function ensureData(
  spec: StudySpec,
  symbols: readonly string[],
  source: BarSource,
  opts: DataOptions,
): Promise<void> {
  let missing = symbols.filter((s) => !source.hasSymbol(s))
  const snapshot = source.provenance?.()
  if (snapshot && missing.length > 0) {
    throw new MissingDataError(
      `${snapshot.file}: the data snapshot has no prices for ${missing.join(', ')}, which ${studyLabel(spec)} reads; write it anew with \`aftershock snapshot ${spec.name}\`, or run with --live`,
    )
  }
  if (missing.length > 0 && !opts.offline && opts.fetchMissing) {
    opts.log?.(`fetching ${missing.length} symbol(s) the store lacks: ${missing.join(', ')}`)
    const summary = await opts.fetchMissing(missing)
    for (const s of summary) if (!s.ok) opts.log?.(`fetch ${s.symbol} failed: ${s.error ?? 'unknown error'}`)
    missing = symbols.filter((s) => !source.hasSymbol(s))
  }
  if (missing.length === 0) return
  const where = studyLabel(spec)
  const offline = opts.offline ? ' (offline)' : ''
  if (missing.includes(spec.benchmark)) {
    throw new MissingDataError(
      `${where}: benchmark: ${spec.benchmark} is not in the price store${offline}; ${fetchHint([spec.benchmark])}, or name a benchmark the store holds`,
    )
  }
  const lines = missing.map((s) => {
    if (spec.eventsKind === 'list') return `events: ${s} is not in the price store`
    const gs = spec.groups.filter((g) => g.symbols.includes(s))
    return gs.map((g) => `groups.${g.id}.symbols[${g.symbols.indexOf(s)}]: ${s} is not in the price store`).join('\n')
  })
  throw new MissingDataError(
    `${where}:\n${lines.join('\n')}\n${fetchHint(missing)}${opts.offline ? ' (offline: nothing was fetched)' : ''}, or remove the symbol from the study`,
  )
}
