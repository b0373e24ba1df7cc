/** Validation of command-line values shared by the data commands. */
import {InputError} from '../errors.js'
import {isIsoDate} from './dates.js'

/** Checks --from/--to: ISO dates, from <= to. Returns them unchanged. */
export function checkDateRange(from: string | undefined, to: string | undefined): {from?: string; to?: string} {
  for (const [flag, v] of [
    ['--from', from],
    ['--to', to],
  ] as const) {
    if (v !== undefined && !isIsoDate(v)) throw new InputError(`${flag} ${v}: expected a date YYYY-MM-DD`)
  }
  if (from !== undefined && to !== undefined && from > to) throw new InputError(`--from ${from} is after --to ${to}`)
  return {from, to}
}
