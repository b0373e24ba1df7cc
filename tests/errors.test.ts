import {describe, expect, it} from 'vitest'
import {AftershockError, EXIT, escapeControl, InputError, MissingDataError} from '../src/errors.js'

describe('escapeControl', () => {
  it('makes ANSI and OSC sequences, bells and carriage returns visible', () => {
    expect(escapeControl('a\u001b[31mred\u001b[0m')).toBe('a\\x1b[31mred\\x1b[0m')
    expect(escapeControl('\u001b]0;title\u0007')).toBe('\\x1b]0;title\\x07')
    expect(escapeControl('over\rwrite')).toBe('over\\x0dwrite')
    expect(escapeControl('c1 \u009b csi, del \u007f')).toBe('c1 \\x9b csi, del \\x7f')
  })

  it('keeps newlines, tabs and printable text (accents, symbols) as they are', () => {
    const text = 'line 1\n\tKolari-Pynnönen ± 5% → ok'
    expect(escapeControl(text)).toBe(text)
  })
})

describe('error classes', () => {
  it('carry the exit code and the code of the JSON error document', () => {
    expect(new InputError('x')).toMatchObject({exitCode: EXIT.usage, code: 'bad-input'})
    expect(new MissingDataError('x')).toMatchObject({exitCode: EXIT.usage, code: 'missing-data'})
    expect(new AftershockError('x')).toMatchObject({exitCode: EXIT.failure, code: 'failure'})
  })
})
