// One price file read into columns: the same rows, skipped count and rounding the CSV parser gives, and a bad or
// unreadable file comes back with the parser's own message instead of throwing.
import {writeFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {parsePriceCsv} from '../../src/sources/csv.js'
import {readPriceFile} from '../../src/sources/price-file.js'
import {pricesOfColumns} from '../../src/store/price-columns.js'
import {tempDir} from '../helpers/cli.js'

const HEADER = 'date,open,high,low,close,adj_close,volume'

function file(text: string): string {
  const f = path.join(tempDir(), 'X.csv')
  writeFileSync(f, text)
  return f
}

describe('readPriceFile', () => {
  it('gives the parsed rows as columns, with the skipped rows and the rounding', () => {
    const text = `${HEADER}\n2025-01-03,1,2,0.5,1.5,1.25,100\n2025-01-02,null,null,null,null,null,null\n2025-01-06,2,3,1,2.25,2,\n`
    const f = file(text)
    const p = readPriceFile(f)
    const want = parsePriceCsv(text, f)
    expect(p.error).toBeUndefined()
    expect(pricesOfColumns(p.columns!)).toEqual(want.bars)
    expect([p.skipped, p.rounding]).toEqual([want.skipped, want.rounding])
  })

  it("returns a bad file's message, as the parser words it", () => {
    const f = file(`${HEADER}\n2025-01-02,1,2,0.5,x,1,1\n`)
    const p = readPriceFile(f)
    expect(p.columns).toBeNull()
    expect(p.error).toBe(
      (() => {
        try {
          parsePriceCsv(`${HEADER}\n2025-01-02,1,2,0.5,x,1,1\n`, f)
        } catch (err) {
          return (err as Error).message
        }
      })(),
    )
    expect(p.error).toMatch(/X\.csv:2: /)
  })

  it('says when no row has a price, or the file cannot be read', () => {
    expect(readPriceFile(file(`${HEADER}\n2025-01-02,,,,,,\n`)).error).toMatch(
      /X\.csv: all 1 data rows lack a price \(every cell empty or null\); nothing to import$/,
    )
    expect(readPriceFile(file(`${HEADER}\n`)).error).toMatch(/X\.csv: no data rows below the header$/)
    expect(readPriceFile('/nonexistent/Y.csv').error).toMatch(/^\/nonexistent\/Y\.csv: cannot read: /)
  })
})
