// The streaming JSON writer: byte-identical to JSON.stringify(value, null, 2) + '\n' (pretty) and to
// JSON.stringify(value) + '\n' (compact) on the bundled studies' results and on random nested values, with backpressure, and able to write a document longer than V8's
// longest string (which JSON.stringify cannot).
import path from 'node:path'
import {Writable} from 'node:stream'
import {beforeAll, describe, expect, it} from 'vitest'
import {jsonChunks, writeJson} from '../../src/render/json-stream.js'
import {loadStudy} from '../../src/spec/load.js'
import {PriceStore} from '../../src/store/store.js'
import {runStudy} from '../../src/study/run.js'
import {importBundledStudyData} from '../cli/run.js'
import {uniform} from '../engine/random.js'
import {tempDir} from '../helpers/cli.js'
import {haveSharedData, REPO} from '../helpers/shared.js'

const stringify = (v: unknown): string => `${JSON.stringify(v, null, 2)}\n`
const streamed = (v: unknown): string => [...jsonChunks(v)].join('')
const compactly = (v: unknown): string => `${JSON.stringify(v)}\n`
const streamedCompact = (v: unknown): string => [...jsonChunks(v, undefined, 'compact')].join('')

/** A random JSON-ish value: nested objects and arrays, odd numbers, escapes, values JSON leaves out. */
function randomValue(rand: () => number, depth: number): unknown {
  const pick = Math.floor(rand() * (depth > 4 ? 7 : 10))
  const leaves: unknown[] = [
    null,
    undefined,
    Number.NaN,
    -0,
    1e308 * 10,
    rand() * 1e6 - 5e5,
    Math.floor(rand() * 100),
    rand() < 0.5,
    `s${'"\\\n\t\u0001é😀'.slice(0, Math.floor(rand() * 9))}`,
    () => 1,
  ]
  if (pick < 7) return leaves[Math.floor(rand() * leaves.length)]
  if (pick === 7) return Array.from({length: Math.floor(rand() * 5)}, () => randomValue(rand, depth + 1))
  if (pick === 8) return new Date(Math.floor(rand() * 2e12))
  const o: Record<string, unknown> = {}
  for (let i = Math.floor(rand() * 6); i > 0; i--) o[`k${Math.floor(rand() * 50)}"x`] = randomValue(rand, depth + 1)
  return o
}

describe('jsonChunks', () => {
  it('matches JSON.stringify on edge values', () => {
    const cases: unknown[] = [
      null,
      0,
      'a',
      [],
      {},
      [[]],
      {a: {}},
      [undefined, () => 1, Symbol('x')],
      {a: undefined, b: () => 1, c: 1},
      {toJSON: () => ({x: 1})},
      {d: new Date(0), n: Object(3), s: Object('t'), b: Object(false)},
      {m: new Map([[1, 2]]), t: new Float64Array([1.5, Number.NaN])},
      [Number.POSITIVE_INFINITY, -0, 1e-7, 1e21],
    ]
    for (const v of cases) {
      expect(streamed(v), String(JSON.stringify(v))).toBe(stringify(v))
      expect(streamedCompact(v), String(JSON.stringify(v))).toBe(compactly(v))
    }
  })

  it('matches JSON.stringify on 500 random nested values', () => {
    const rand = uniform(20261201)
    for (let i = 0; i < 500; i++) {
      const v = {root: randomValue(rand, 0), list: [randomValue(rand, 1), randomValue(rand, 1)]}
      expect(streamed(v)).toBe(stringify(v))
      expect(streamedCompact(v)).toBe(compactly(v))
    }
  })

  it('throws on a circular value, as JSON.stringify does', () => {
    const a: Record<string, unknown> = {}
    a.self = {a}
    expect(() => streamed(a)).toThrow(TypeError)
  })

  it('hands on chunks of about 64 KB', () => {
    const v = Array.from({length: 20_000}, (_, i) => ({i, name: `row ${i}`}))
    const chunks = [...jsonChunks(v)]
    expect(chunks.length).toBeGreaterThan(5)
    for (const c of chunks.slice(0, -1)) expect(c.length).toBeLessThan(70_000)
  })
})

describe('writeJson', () => {
  it('waits for drain when the stream is full, and writes the same bytes', async () => {
    let text = ''
    let drains = 0
    const slow = new Writable({
      highWaterMark: 1024,
      write(chunk: Buffer, _enc, cb) {
        text += chunk.toString('utf8')
        setImmediate(cb)
      },
    })
    slow.on('drain', () => drains++)
    const v = Array.from({length: 5000}, (_, i) => ({i, x: [i, `é${i}`]}))
    await writeJson(slow, v)
    await new Promise<void>((r) => slow.end(r))
    expect(drains).toBeGreaterThan(1)
    expect(text).toBe(stringify(v))
  })

  it('stops, without waiting for a drain that never comes, when the reader goes away (| head)', async () => {
    let chunks = 0
    const closing = new Writable({
      highWaterMark: 1024,
      write(_chunk: Buffer, _enc, cb) {
        // the reader takes two chunks, then closes the pipe
        if (++chunks === 2) cb(Object.assign(new Error('write EPIPE'), {code: 'EPIPE'}))
        else setImmediate(cb)
      },
    })
    closing.on('error', () => {})
    const v = Array.from({length: 20_000}, (_, i) => ({i, x: `row ${i}`}))
    await writeJson(closing, v)
    expect(chunks).toBe(2)
    expect(closing.listenerCount('drain')).toBe(0)
  })

  it('writes a document longer than the longest string V8 can hold', async () => {
    // 600 references to one 1 MB string: about 600 MB of JSON from 1 MB of memory.
    const long = 'x'.repeat(1 << 20)
    const doc = {groups: [{name: 'g', ars: Array.from({length: 600}, () => long)}]}
    let bytes = 0
    const counting = new Writable({
      decodeStrings: false,
      write(chunk: string, _enc, cb) {
        bytes += chunk.length
        cb()
      },
    })
    await writeJson(counting, doc)
    // The same document with a one-character string, plus 599 × (the string's length - 1) per element.
    const small = stringify({groups: [{name: 'g', ars: Array.from({length: 600}, () => 'x')}]})
    expect(bytes).toBe(Buffer.byteLength(small) + 600 * (long.length - 1))
    // V8's longest string (2^29 - 24 characters on 64-bit), which JSON.stringify would have to build.
    expect(bytes).toBeGreaterThan(2 ** 29)
  }, 60_000)
})

describe.skipIf(!haveSharedData())("the bundled studies' results", () => {
  let cache = ''
  beforeAll(async () => {
    cache = tempDir()
    await importBundledStudyData(cache)
  }, 120_000)

  it.each(['deepseek-r1', 'covid-2020', 'nvda-earnings'])(
    '%s streams byte-identical to JSON.stringify, pretty and compact',
    async (name) => {
      const store = PriceStore.open(cache, {mode: 'read'})
      try {
        const result = await runStudy(loadStudy(path.join(REPO, 'studies', `${name}.yaml`)), store, {offline: true})
        expect(streamed(result)).toBe(stringify(result))
        expect(streamedCompact(result)).toBe(compactly(result))
      } finally {
        store.close()
      }
    },
    120_000,
  )
})

describe('jsonChunks entry hook', () => {
  it('tells each entry of a top-level array written entry by entry, and writes the same bytes', () => {
    const rows = Array.from({length: 3000}, (_, i) => ({i, name: `row ${i}`}))
    const v = {notes: ['a'], rows}
    const told: string[] = []
    const text = [...jsonChunks(v, (key, i, n) => told.push(`${key} ${i}/${n}`))].join('')
    expect(text).toBe(stringify(v))
    // `notes` is small enough to be written whole: no entries told
    expect(told).toHaveLength(3000)
    expect(told[0]).toBe('rows 0/3000')
    expect(told[2999]).toBe('rows 2999/3000')
  })
})
