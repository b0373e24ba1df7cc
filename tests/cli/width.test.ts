// Human output fitted to the terminal's width (--width, a TTY's columns, $COLUMNS): at 80 columns every line of
// the study, index and data tables fits, with the same numbers; without a width (a pipe) nothing changes.
import {describe, expect, it} from 'vitest'
import {terminalWidth} from '../../src/cli/context.js'
import {Capture} from '../../src/cli/io.js'
import {displayWidth} from '../../src/render/text-width.js'
import {tempDir} from '../helpers/cli.js'
import {haveSharedData, PRICES_DIR} from '../helpers/shared.js'
import {run} from './run.js'

/** How often each number occurs in a text. */
function numbers(text: string): Map<string, number> {
  const m = new Map<string, number>()
  for (const n of text.match(/\d+(?:\.\d+)?/g) ?? []) m.set(n, (m.get(n) ?? 0) + 1)
  return m
}

/** The numbers of `wide` that `narrow` shows fewer times (a vertical layout repeats labels, so it may show more). */
function lost(wide: string, narrow: string): string[] {
  const have = numbers(narrow)
  return [...numbers(wide)].filter(([n, k]) => (have.get(n) ?? 0) < k).map(([n]) => n)
}

describe('terminalWidth', () => {
  const io = (isTTY: boolean, columns: number | undefined, env: Record<string, string> = {}) => {
    const stdout = Object.assign(new Capture(), {isTTY, columns})
    return {stdout, stderr: new Capture(), env, isProcess: false}
  }
  it('--width, else the columns of a terminal, else $COLUMNS, else no limit', () => {
    expect(terminalWidth({io: io(true, 100), width: 60})).toBe(60)
    expect(terminalWidth({io: io(true, 100, {COLUMNS: '70'})})).toBe(100)
    expect(terminalWidth({io: io(false, undefined, {COLUMNS: '70'})})).toBe(70)
    expect(terminalWidth({io: io(false, undefined)})).toBeUndefined()
    expect(terminalWidth({io: io(false, undefined, {COLUMNS: 'wide'})})).toBeUndefined()
  })
})

describe.skipIf(!haveSharedData())('output at 80 columns', () => {
  const cacheDir = tempDir()
  const cases = [
    ['study', 'run', 'deepseek-r1', '--offline'],
    ['study', 'run', 'deepseek-r1', '--offline', '--models', 'market,scholes-williams,mean-adjusted'],
    ['index', 'deepseek-r1', '--offline'],
    ['cache', 'info'],
    ['study', 'list'],
  ]

  it.each(cases.map((c) => [c.join(' '), c]))(
    '%s: every line at most 80 columns, the same numbers, unchanged without a width',
    async (_name, argv) => {
      if ((await run(['cache', 'info'], {cacheDir})).code !== 0)
        expect((await run(['import', PRICES_DIR], {cacheDir})).code).toBe(0)
      const wide = await run(argv as string[], {cacheDir})
      expect(wide.code, wide.stderr).toBe(0)
      const narrow = await run([...(argv as string[]), '--width', '80'], {cacheDir})
      expect(narrow.code, narrow.stderr).toBe(0)
      const tooWide = narrow.stdout.split('\n').filter((l) => displayWidth(l) > 80)
      expect(tooWide).toEqual([])
      expect(lost(wide.stdout, narrow.stdout)).toEqual([])
      // a width wider than every line changes nothing, and neither does $COLUMNS of that size
      expect((await run([...(argv as string[]), '--width', '1000'], {cacheDir})).stdout).toBe(wide.stdout)
      expect((await run(argv as string[], {cacheDir, env: {COLUMNS: '1000'}})).stdout).toBe(wide.stdout)
      if (argv[0] === 'study' && argv[1] === 'run')
        expect(wide.stdout.split('\n').filter((l) => displayWidth(l) > 80).length).toBeGreaterThan(100)
    },
    120_000,
  )
})
