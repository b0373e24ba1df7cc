/**
 * The cells of one price-CSV line read the general way (src/sources/csv.ts): any line, quoted cells included,
 * each cell trimmed as String.prototype.trim trims.
 */
import {splitCsvLine} from './csv-line.js'
import {readNumber} from './csv-number.js'

/** The characters String.prototype.trim removes: JavaScript's white space and line terminators. */
export function isSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13)
  if (c < 0xa0) return false
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  )
}

/**
 * The cells of one line, trimmed, without a string per cell: their bounds in the line, or (a line with quotes)
 * the cells splitCsvLine gives.
 */
export class Cells {
  private line = ''
  private n = 0
  private quoted: string[] | null = null
  private readonly bounds: Int32Array

  constructor(fields: number) {
    this.bounds = new Int32Array(fields + 1)
  }

  /** Reads a line; returns its number of fields. */
  split(line: string): number {
    this.line = line
    if (line.includes('"')) {
      this.quoted = splitCsvLine(line)
      return this.quoted.length
    }
    this.quoted = null
    const b = this.bounds
    let n = 1
    b[0] = 0
    for (let i = line.indexOf(','); i >= 0; i = line.indexOf(',', i + 1)) {
      if (n < b.length) b[n] = i + 1
      n++
    }
    this.n = n
    return n
  }

  private start = 0
  private end = 0
  private src = ''

  /** Sets start, end and src to cell k, trimmed. */
  private at(k: number): void {
    let s: number
    let e: number
    if (this.quoted) {
      this.src = this.quoted[k]
      s = 0
      e = this.src.length
    } else {
      this.src = this.line
      s = this.bounds[k]
      e = k + 1 < this.n ? this.bounds[k + 1] - 1 : this.line.length
    }
    while (s < e && isSpace(this.src.charCodeAt(s))) s++
    while (e > s && isSpace(this.src.charCodeAt(e - 1))) e--
    this.start = s
    this.end = e
  }

  text(k: number): string {
    this.at(k)
    return this.src.slice(this.start, this.end)
  }

  /** Empty, or `null` in any case (Yahoo's missing value). */
  isEmpty(k: number): boolean {
    this.at(k)
    const {src, start, end} = this
    if (end === start) return true
    return end - start === 4 && src.slice(start, end).toLowerCase() === 'null'
  }

  number(k: number, out: {decimals: number}): number {
    this.at(k)
    return readNumber(this.src, this.start, this.end, out)
  }
}
