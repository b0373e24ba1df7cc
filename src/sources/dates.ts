/** ISO calendar dates (`YYYY-MM-DD`) as plain strings: they sort and compare as text. */

const DIGIT_AT = [0, 1, 2, 3, 5, 6, 8, 9]

/** True for a real calendar date written `YYYY-MM-DD` (rejects 2025-02-30); by character, it runs on every row. */
export function isIsoDate(s: string): boolean {
  if (s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return false
  for (const i of DIGIT_AT) {
    const c = s.charCodeAt(i)
    if (c < 48 || c > 57) return false
  }
  const y = Number(s.slice(0, 4))
  const m = Number(s.slice(5, 7))
  const d = Number(s.slice(8, 10))
  if (m < 1 || m > 12 || d < 1) return false
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0)
  return d <= (m === 2 ? (leap ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31)
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
