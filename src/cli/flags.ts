/** Checks of command-line values shared by several commands. */
import {Flags} from '@oclif/core'
import {InputError} from '../errors.js'
import {checkDateRange} from '../sources/cli-input.js'

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
