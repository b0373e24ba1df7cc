// The engine is usable as a library: the package entry runs a study without the CLI.
import {describe, expect, it} from 'vitest'
import path from 'node:path'
import {COVID_DIR, REPO, haveSharedData} from './helpers/shared.js'
import {tempDir} from './helpers/cli.js'

const entry = path.join(REPO, 'dist', 'index.js')

describe.runIf(haveSharedData())('package entry (dist/index.js)', () => {
  it('imports CSVs, runs the covid-2020 study and renders it, all in-process', async () => {
    const lib = await import(entry)
    const store = lib.PriceStore.open(tempDir())
    try {
      const summaries = lib.importPaths(store, [COVID_DIR])
      expect(summaries.filter((s: {ok: boolean}) => s.ok)).toHaveLength(8)
      const spec = lib.loadStudy('covid-2020', {cwd: REPO})
      const result = await lib.runStudy(spec, store, {offline: true})
      expect(result.schemaVersion).toBe(lib.SCHEMA_VERSION)
      expect(result.groups).toHaveLength(1)
      const g = result.groups[0]
      expect(g.group).toBe('stay-at-home')
      expect(g.windows[0].window).toEqual([0, 4])
      expect(Number.isFinite(g.windows[0].caar)).toBe(true)
      expect(lib.renderStudyTable(result)).toContain('stay-at-home')
      expect(lib.renderStudyCsv(result).split('\n')[0]).toBe(
        'section,group,symbol,event,window,t,date,measure,value,text',
      )
    } finally {
      store.close()
    }
  })

  it('exposes the pure engine', async () => {
    const lib = await import(entry)
    expect(lib.engine.studentTQuantile(0.975, 10)).toBeCloseTo(2.228138851986, 10)
    expect(typeof lib.engine.runEventStudy).toBe('function')
  })
})
