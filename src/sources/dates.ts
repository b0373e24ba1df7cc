/** ISO calendar dates (`YYYY-MM-DD`) as plain strings: they sort and compare as text. */

/** True for a real calendar date written `YYYY-MM-DD` (rejects 2025-02-30). */
export function isIsoDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false
  const d = new Date(s + 'T00:00:00Z')
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s
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
