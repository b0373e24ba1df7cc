/** ISO calendar dates (`YYYY-MM-DD`) as plain strings: they sort and compare as text. */

/** True for a real calendar date written `YYYY-MM-DD` (rejects 2025-02-30); by character, it runs on every row. */
export function isIsoDate(s: string): boolean {
  return s.length === 10 && isoDateKey(s, 0) >= 0
}

/**
 * The date written `YYYY-MM-DD` at s[start, start + 10) as the number YYYYMMDD (it orders as the date does), or -1
 * when those ten characters are not a real calendar date. Read by character code: no substring.
 */
export function isoDateKey(s: string, start: number): number {
  if (s.charCodeAt(start + 4) !== 45 || s.charCodeAt(start + 7) !== 45) return -1
  return calendarKey(
    digitsAt(s, start, start + 4),
    digitsAt(s, start + 5, start + 7),
    digitsAt(s, start + 8, start + 10),
  )
}

/** The date y-m-d as the number YYYYMMDD, or -1 when it is no calendar date (any part negative included). */
export function calendarKey(y: number, m: number, d: number): number {
  if (y < 0 || m < 1 || m > 12 || d < 1) return -1
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0)
  const last = m === 2 ? (leap ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31
  return d <= last ? y * 10000 + m * 100 + d : -1
}

/** The number the ASCII digits s[start, end) write, or -1 when one of them is not a digit (or is missing). */
function digitsAt(s: string, start: number, end: number): number {
  let n = 0
  for (let i = start; i < end; i++) {
    const d = s.charCodeAt(i) - 48
    if (!(d >= 0 && d <= 9)) return -1
    n = n * 10 + d
  }
  return n
}

/** The date `n` calendar days after `iso` (negative n goes back). */
export function addDays(iso: string, n: number): string {
  const d = new Date(iso + 'T00:00:00Z')
  d.setUTCDate(d.getUTCDate() + n)
  return d.toISOString().slice(0, 10)
}

/** Today's date in UTC. */
export function todayIso(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10)
}

/** Unix seconds of 00:00 UTC on an ISO date. */
export function epochSeconds(iso: string): number {
  return Math.floor(Date.parse(iso + 'T00:00:00Z') / 1000)
}

const formatters = new Map<string, Intl.DateTimeFormat>()

/** The calendar date of an instant in a time zone (e.g. a bar's timestamp in America/New_York). */
export function dateInZone(epochMs: number, timeZone: string): string {
  let fmt = formatters.get(timeZone)
  if (!fmt) {
    // building a formatter costs ~0.5 ms: one per zone
    fmt = new Intl.DateTimeFormat('en-CA', {timeZone, year: 'numeric', month: '2-digit', day: '2-digit'})
    formatters.set(timeZone, fmt)
  }
  const parts = fmt.formatToParts(new Date(epochMs))
  const get = (t: string): string => parts.find((p) => p.type === t)?.value ?? ''
  return `${get('year')}-${get('month')}-${get('day')}`
}
