/** Command-line flags and checks of their values shared by several commands. */
import {Flags} from './oclif.js'
import {InputError} from '../errors.js'
import {checkDateRange} from '../sources/cli-input.js'
import {parseModelList} from '../spec/model.js'
import type {StudySpec} from '../spec/types.js'

/** Today's date in UTC, YYYY-MM-DD. */
function todayUtc(): string {
  return new Date().toISOString().slice(0, 10)
}

/** --from/--to of `fetch`: ISO dates, from <= to, and --from not after today (Yahoo has no future bars). */
export function checkFetchRange(
  from: string | undefined,
  to: string | undefined,
  today: string = todayUtc(),
): {from?: string; to?: string} {
  const range = checkDateRange(from, to)
  if (range.from !== undefined && range.from > today)
    throw new InputError(`--from ${range.from} is in the future (today is ${today}); give a date up to today`)
  return range
}

/** Flags of the commands that run a study: where its data and files may come from. */
export const studyDataFlags = {
  live: Flags.boolean({
    description:
      "Ignore the study's pinned data snapshot (data: {snapshot}) and use the price store, fetching what it lacks unless --offline.",
    default: false,
  }),
  'allow-outside': Flags.boolean({
    description: 'Let the study read an events file or snapshot outside its own folder.',
    default: false,
  }),
}

/** Seconds to wait for one answer from Yahoo, unless --timeout says otherwise. */
export const DEFAULT_TIMEOUT_SECONDS = 20
/** Retries of a request, unless --retries says otherwise. */
export const DEFAULT_RETRIES = 3

/**
 * --timeout and --retries of every command that fetches from Yahoo (`fetch`, and the fetch-missing step of
 * `study run`, `index` and `report`); docs/cli-data.md states the worst-case wait they give.
 */
export const networkFlags = {
  timeout: Flags.integer({
    description: 'Seconds to wait for one answer from Yahoo.',
    default: DEFAULT_TIMEOUT_SECONDS,
    min: 1,
  }),
  retries: Flags.integer({
    description: 'Retries of a request after HTTP 429, 5xx or a timeout.',
    default: DEFAULT_RETRIES,
    min: 0,
    max: 10,
  }),
}

/** The stderr line told before a request is retried: the symbol, the reason, which retry and the delay. */
export function retryNotice(symbol: string, reason: string, attempt: number, retries: number, delayMs: number): string {
  return `${symbol}: ${reason}; retry ${attempt} of ${retries} in ${(delayMs / 1000).toFixed(1)} s`
}

/** --models of the commands that run a study (`study run`, `report`). */
export const modelsFlags = {
  models: Flags.string({
    description:
      "Models to run the study under, comma-separated, the primary one first (e.g. market,scholes-williams): the study's model is the first, and each group window's CAAR and tests under every model go in a robustness table; replaces the study's models.",
  }),
}

/** The study under --models: its models replaced by the flag's, its primary model their first. */
export function applyModelsFlag(spec: StudySpec, text: string | undefined): void {
  if (text === undefined) return
  const models = parseModelList(text, `--models ${text}`)
  spec.model = models[0]
  spec.models = models
}
