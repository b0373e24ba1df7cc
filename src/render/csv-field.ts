/**
 * CSV fields: RFC 4180 quoting and windows as "t1..t2". Apart from csv.ts (and the report sections it loads), so
 * the --jsonl lines, which write windows the same way, load only this.
 */

/** "t1..t2": no comma, so the field needs no quoting. */
export function csvWindow(w: readonly [number, number]): string {
  return `${w[0]}..${w[1]}`
}

/** RFC 4180 quoting: fields with a comma, quote or line break are quoted, quotes doubled. */
export function csvField(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return ''
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : ''
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v
}
