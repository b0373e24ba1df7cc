/** Integer day numbers: days since 1970-01-01 (UTC) of an ISO date `YYYY-MM-DD`, for packed and aligned series. */

const MS_PER_DAY = 86_400_000

/** Day numbers before and after any stored day: the bounds of a read over a symbol's whole history. */
export const FIRST_DAY = -(2 ** 31)
export const LAST_DAY = 2 ** 31 - 1

/** Day number of a valid ISO date (the caller has checked it; the fields are read by position, no regex). */
export function dayNumber(iso: string): number {
  const y =
    (iso.charCodeAt(0) - 48) * 1000 +
    (iso.charCodeAt(1) - 48) * 100 +
    (iso.charCodeAt(2) - 48) * 10 +
    (iso.charCodeAt(3) - 48)
  const m = (iso.charCodeAt(5) - 48) * 10 + (iso.charCodeAt(6) - 48)
  const d = (iso.charCodeAt(8) - 48) * 10 + (iso.charCodeAt(9) - 48)
  if (y >= 100) return Date.UTC(y, m - 1, d) / MS_PER_DAY
  // Date.UTC reads years 0-99 as 1900-1999
  const t = new Date(0)
  t.setUTCFullYear(y, m - 1, d)
  return t.getTime() / MS_PER_DAY
}

/** The ISO date of a day number. */
export function isoOfDay(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10)
}
