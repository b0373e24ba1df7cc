// Factor files into the store: every file parsed before any is written, so one bad file leaves the store as it was.
import {writeFileSync} from 'node:fs'
import path from 'node:path'
import {afterEach, describe, expect, it} from 'vitest'
import {importFactorFiles} from '../../src/sources/factor-import.js'
import {PriceStore} from '../../src/store/store.js'
import {tempDir} from '../helpers/cli.js'

const open: PriceStore[] = []
afterEach(() => {
  for (const s of open.splice(0)) s.close()
})

function setup(files: Record<string, string>): {store: PriceStore; dir: string} {
  const dir = tempDir('aftershock-factors-')
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text)
  const store = PriceStore.open(path.join(dir, 'cache'))
  open.push(store)
  return {store, dir}
}

const MOM = 'date,mom\n2025-01-27,-3.28\n2025-01-28,1.86\n'
const FF3 = 'date,mkt_rf,smb,hml,rf\n2025-01-27,-1.49,-0.67,2.50,0.02\n'

describe('importFactorFiles', () => {
  it('stores each set and reports its columns, range, rows and counts', () => {
    const {store, dir} = setup({'mom-daily.csv': MOM, 'ff3-daily.csv': FF3})
    const r = importFactorFiles(store, [path.join(dir, 'mom-daily.csv'), path.join(dir, 'ff3-daily.csv')], {at: 'T'})
    expect(r.map((s) => [s.set, s.rows, s.firstDate, s.lastDate, s.source])).toEqual([
      ['mom', 2, '2025-01-27', '2025-01-28', 'mom-daily.csv'],
      ['ff3', 1, '2025-01-27', '2025-01-27', 'ff3-daily.csv'],
    ])
    expect(store.factors.list().map((s) => s.name)).toEqual(['ff3', 'mom'])
  })

  it('one bad file: nothing is written, the error names the file and line', () => {
    const {store, dir} = setup({'mom-daily.csv': MOM, 'ff3-daily.csv': 'date,mkt_rf\n2025-01-27,abc\n'})
    expect(() => importFactorFiles(store, [path.join(dir, 'mom-daily.csv'), path.join(dir, 'ff3-daily.csv')])).toThrow(
      /ff3-daily\.csv:2: column 2: "abc" is not a number/,
    )
    expect(store.factors.list()).toEqual([])
  })

  it('two files of one set, --set with several files, a missing file: bad input', () => {
    const {store, dir} = setup({'mom-daily.csv': MOM, 'x.csv': MOM})
    const a = path.join(dir, 'mom-daily.csv')
    const b = path.join(dir, 'x.csv')
    expect(() => importFactorFiles(store, [a, b], {set: 'mom'})).toThrow(/--set names the set of one file; 2 files/)
    expect(() => importFactorFiles(store, [a, a])).toThrow(/holds set mom, as .* does/)
    expect(() => importFactorFiles(store, [path.join(dir, 'nope.csv')])).toThrow(/nope\.csv: no such file/)
    expect(importFactorFiles(store, [b], {set: 'mine'})[0].set).toBe('mine')
  })
})
