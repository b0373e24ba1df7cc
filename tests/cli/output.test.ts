// Output: --json documents stream onto stdout with backpressure; text wraps at the width it was given.
import {Writable} from 'node:stream'
import {describe, expect, it} from 'vitest'
import {Capture, type CommandIo} from '../../src/cli/io.js'
import {NOTES_SHOWN, Output} from '../../src/cli/output.js'

function ioWith(stdout: CommandIo['stdout']): CommandIo {
  return {stdout, stderr: new Capture(), env: {}, isProcess: false}
}

describe('Output', () => {
  // On a terminal JSON.stringify(value, null, 2), else (a pipe, a file) JSON.stringify(value); newline after both.
  it.each([
    [true, (v: unknown) => JSON.stringify(v, null, 2)],
    [false, (v: unknown) => JSON.stringify(v)],
  ])(
    'printJson on a TTY: %s, writes the document + newline in chunks, waiting when stdout is full',
    async (tty, text) => {
      const chunks: string[] = []
      let waits = 0
      const stdout = Object.assign(
        new Writable({
          decodeStrings: false,
          highWaterMark: 16 * 1024,
          write(chunk: string, _enc, cb) {
            chunks.push(chunk)
            setImmediate(cb)
          },
        }),
        {isTTY: tty},
      )
      stdout.on('drain', () => waits++)
      const value = {rows: Array.from({length: 20_000}, (_, i) => ({i, label: `row ${i}`, x: i / 7}))}
      await new Output(ioWith(stdout)).printJson(value)
      expect(chunks.join('')).toBe(`${text(value)}\n`)
      expect(chunks.length).toBeGreaterThan(10)
      expect(waits).toBeGreaterThan(0)
    },
  )

  it('notes: every note up to NOTES_SHOWN + 1, then the first NOTES_SHOWN and how many more', () => {
    const notesOf = (n: number): string[] => Array.from({length: n}, (_, i) => `note ${i + 1}`)
    const printed = (n: number): string[] => {
      const stderr = new Capture()
      new Output({stdout: new Capture(), stderr, env: {}, isProcess: false}).notes(notesOf(n))
      return stderr.text.split('\n').filter((l) => l !== '')
    }
    expect(printed(0)).toEqual([])
    expect(printed(NOTES_SHOWN + 1)).toEqual(notesOf(NOTES_SHOWN + 1).map((n) => `note: ${n}`))
    const many = printed(50_000)
    expect(many.slice(0, NOTES_SHOWN)).toEqual(notesOf(NOTES_SHOWN).map((n) => `note: ${n}`))
    expect(many.slice(NOTES_SHOWN)).toEqual([
      `note: ${(50_000 - NOTES_SHOWN).toLocaleString('en-US')} more notes not shown; --json lists them all (jq '.notes[]')`,
    ])
  })

  it('paragraph wraps at the width, and not without one', () => {
    const text = 'one two three four five six seven eight nine ten'
    const narrow = new Capture()
    new Output(ioWith(narrow), 20).paragraph(text)
    expect(narrow.text).toBe('one two three four\n  five six seven\n  eight nine ten\n')
    const wide = new Capture()
    new Output(ioWith(wide)).paragraph(text)
    expect(wide.text).toBe(`${text}\n`)
  })
})
