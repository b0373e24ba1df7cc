// study run's scalable outputs in-process, loaded into DuckDB as another tool would: --jsonl (read_json_auto),
// --csv-dir (read_csv_auto, with and without _columns.csv), --detail; numbers typed as numbers, and a sum over a
// numeric column equal to the sum over the --json result.
import {DuckDBInstance} from '@duckdb/node-api'
import {readdirSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import type {ErrorDocument} from '../../src/cli/error-document.js'
import {EXIT} from '../../src/errors.js'
import type {StudyResult} from '../../src/result.js'
import {tempDir} from '../helpers/cli.js'
import {jsonOf, run, schemaErrors} from './run.js'

let duck: Awaited<ReturnType<DuckDBInstance['connect']>> | undefined

/** Runs SQL in an in-memory DuckDB; the rows as arrays. */
async function sql(query: string): Promise<unknown[][]> {
  duck ??= await (await DuckDBInstance.create(':memory:')).connect()
  return (await duck.runAndReadAll(query)).getRows() as unknown[][]
}

/** Column name -> DuckDB type of a SELECT. */
async function types(from: string): Promise<Map<string, string>> {
  return new Map((await sql(`DESCRIBE SELECT * FROM ${from}`)).map((r) => [String(r[0]), String(r[1])]))
}

const NUMERIC = new Set(['DOUBLE', 'BIGINT'])
const quote = (file: string): string => `'${file.replace(/'/g, "''")}'`

let full: StudyResult
/** Sum of every estimated security-window CAR of the --json result. */
let carSum = 0
beforeAll(async () => {
  const r = await run(['study', 'run', 'deepseek-r1', '--json'])
  expect(r.code, r.stderr).toBe(0)
  full = jsonOf<StudyResult>(r, 'study-result')
  for (const s of full.securities) for (const w of s.windows ?? []) carSum += w.car
})

describe('study run --jsonl', () => {
  it('writes one valid line per security row, which DuckDB reads typed, with the same CAR sum', async () => {
    const r = await run(['study', 'run', 'deepseek-r1', '--jsonl'])
    expect(r.code, r.stderr).toBe(0)
    const lines = r.stdout.trimEnd().split('\n')
    expect(lines).toHaveLength(full.securities.length)
    for (const l of lines) expect(schemaErrors('study-security-line', JSON.parse(l))).toEqual([])
    expect(JSON.parse(lines[0]).ar).toBeUndefined()
    const file = path.join(tempDir(), 'securities.jsonl')
    writeFileSync(file, r.stdout)
    const t = await types(`read_json_auto(${quote(file)})`)
    expect(t.get('symbol')).toBe('VARCHAR')
    expect(t.get('beta')).toBe('DOUBLE')
    expect(t.get('n')).toBe('BIGINT')
    expect(t.get('windows')).toMatch(/^STRUCT\(.*car DOUBLE.*\)\[\]$/)
    const [[sum, count]] = await sql(
      `SELECT sum(w.car), count(*) FROM (SELECT unnest(windows) AS w FROM read_json_auto(${quote(file)}))`,
    )
    expect(Number(count)).toBe(full.securities.reduce((n, s) => n + (s.windows?.length ?? 0), 0))
    expect(sum as number).toBeCloseTo(carSum, 12)
  })

  it('--detail days adds the per-day AR rows; summary has no rows to write (exit 2)', async () => {
    const days = await run(['study', 'run', 'deepseek-r1', '--jsonl', '--detail', 'days'])
    expect(days.code, days.stderr).toBe(0)
    const first = JSON.parse(days.stdout.split('\n')[0])
    const s = full.securities.find((x) => x.symbol === first.symbol && x.event === first.event && x.ar)
    expect(first.ar).toEqual(s?.ar)
    const summary = await run(['study', 'run', 'deepseek-r1', '--jsonl', '--detail', 'summary'])
    expect(summary.code).toBe(EXIT.usage)
    expect(summary.stdout).toBe('')
    expect(summary.stderr).toMatch(/--detail summary: --jsonl writes security rows/)
  })
})

describe('study run --json --detail', () => {
  it.each(['summary', 'securities', 'days'] as const)('%s: one document valid against the schema', async (d) => {
    const r = await run(['study', 'run', 'deepseek-r1', '--json', '--detail', d])
    expect(r.code, r.stderr).toBe(0)
    const doc = jsonOf<StudyResult>(r, 'study-result')
    expect(doc.detail).toBe(d === 'days' ? undefined : d)
    expect(doc.securities.length).toBe(d === 'summary' ? 0 : full.securities.length)
    expect(doc.groups.map((g) => g.windows)).toEqual(full.groups.map((g) => g.windows))
    if (d === 'days') expect(doc).toEqual(full)
  })

  it('--detail without --json or --jsonl is bad input; a bad level under --json is one error document', async () => {
    const plain = await run(['study', 'run', 'deepseek-r1', '--detail', 'summary'])
    expect(plain.code).toBe(EXIT.usage)
    expect(plain.stderr).toMatch(/only --json and --jsonl have detail levels/)
    const bad = await run(['study', 'run', 'deepseek-r1', '--json', '--detail', 'everything'])
    expect(bad.code).toBe(EXIT.usage)
    expect(jsonOf<ErrorDocument>(bad, 'error').error.code).toBe('usage')
  })
})

describe('study run --csv-dir', () => {
  const dir = path.join(tempDir(), 'tables')
  let stdout = ''
  beforeAll(async () => {
    const r = await run(['study', 'run', 'deepseek-r1', '--json', '--csv-dir', dir])
    expect(r.code, r.stderr).toBe(0)
    stdout = r.stdout
    expect(r.stderr).toMatch(/wrote \d+ CSV files to /)
  })

  it('keeps stdout the one --json document, and leaves no temporary file', () => {
    expect(JSON.parse(stdout)).toEqual(full)
    expect(readdirSync(dir).filter((f) => !f.endsWith('.csv'))).toEqual([])
    expect(readdirSync(dir)).toContain('_columns.csv')
  })

  it('every column DuckDB finds values in has the type _columns.csv names (numbers DOUBLE or BIGINT)', async () => {
    const declared = (await sql(`SELECT * FROM read_csv_auto(${quote(path.join(dir, '_columns.csv'))})`)) as string[][]
    const tables = [...new Set(declared.map((d) => d[0]))]
    expect(tables.length).toBeGreaterThan(10)
    for (const table of tables) {
      const file = quote(path.join(dir, `${table}.csv`))
      const found = await types(`read_csv_auto(${file})`)
      const cols = declared.filter((d) => d[0] === table)
      const [counts] = await sql(
        `SELECT ${cols.map((d) => `count("${d[1]}")`).join(', ')} FROM read_csv_auto(${file}, all_varchar = true)`,
      )
      for (const [i, [, column, type]] of cols.entries()) {
        if (Number(counts[i]) === 0) continue
        const got = found.get(column)
        if (type === 'DOUBLE' || type === 'BIGINT')
          expect(NUMERIC.has(String(got)), `${table}.${column}: ${got}`).toBe(true)
        // Text may look like numbers to a sniffer (an id "2024"): that is what _columns.csv is for.
        else if (type !== 'VARCHAR') expect(got, `${table}.${column}`).toBe(type)
      }
    }
  })

  it('read with the declared types, every column has its type, even one with no values', async () => {
    const declared = (await sql(`SELECT * FROM read_csv_auto(${quote(path.join(dir, '_columns.csv'))})`)) as string[][]
    const cols = declared.filter((d) => d[0] === 'index-series')
    const spec = cols.map(([, c, t]) => `'${c}': '${t}'`).join(', ')
    const t = await types(`read_csv(${quote(path.join(dir, 'index-series.csv'))}, header = true, columns = {${spec}})`)
    for (const [, c, type] of cols) expect(t.get(c), c).toBe(type)
  })

  it('the security-window CARs sum to the sum over the --json result', async () => {
    const file = quote(path.join(dir, 'security-window.csv'))
    const [[sum, n]] = await sql(`SELECT sum(car), count(car) FROM read_csv_auto(${file})`)
    expect((await types(`read_csv_auto(${file})`)).get('car')).toBe('DOUBLE')
    expect(Number(n)).toBe(full.securities.reduce((k, s) => k + (s.windows?.length ?? 0), 0))
    expect(sum as number).toBeCloseTo(carSum, 12)
  })

  it('a folder that cannot be written is exit 2 naming --csv-dir, one error document under --json', async () => {
    const file = path.join(tempDir(), 'not-a-folder')
    writeFileSync(file, 'x')
    const r = await run(['study', 'run', 'deepseek-r1', '--json', '--csv-dir', file])
    expect(r.code).toBe(EXIT.usage)
    const doc = jsonOf<ErrorDocument>(r, 'error')
    expect(doc.error.message).toMatch(/^--csv-dir .*not-a-folder/)
    expect(readFileSync(file, 'utf8')).toBe('x')
  })
})
