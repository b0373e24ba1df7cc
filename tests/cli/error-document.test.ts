import {describe, expect, it} from 'vitest'
import {errorText, reportError} from '../../src/cli/error-document.js'
import {AftershockError, InputError, MissingDataError} from '../../src/errors.js'
import {StudyValidationError} from '../../src/spec/issues.js'

describe('reportError', () => {
  it('gives the exit code and code of each kind of error', () => {
    expect(reportError(new MissingDataError('no NVDA'))).toEqual({
      exitCode: 2,
      document: {error: {code: 'missing-data', message: 'no NVDA'}},
    })
    expect(reportError(new AftershockError('store gone')).exitCode).toBe(1)
    expect(reportError(new TypeError('x is undefined'))).toEqual({
      exitCode: 1,
      document: {error: {code: 'internal', message: 'x is undefined'}},
    })
    const parse = Object.assign(new Error('Nonexistent flag: --bogus'), {oclif: {exit: 2}})
    expect(reportError(parse).document.error.code).toBe('usage')
  })

  it('names the file and line of a FILE:LINE: message', () => {
    expect(reportError(new InputError('data/X.csv:12: bad date')).document.error).toMatchObject({
      file: 'data/X.csv',
      line: 12,
    })
    expect(reportError(new InputError('--from 2025-1-2: expected a date')).document.error).not.toHaveProperty('file')
  })

  it('names the file, line and field of the first problem of a study file', () => {
    const err = new StudyValidationError([
      {file: 's.yaml', line: 3, path: 'model', message: 'unknown model'},
      {file: 's.yaml', line: 9, path: 'groups', message: 'no groups'},
    ])
    expect(reportError(err).document.error).toMatchObject({
      code: 'invalid-study',
      file: 's.yaml',
      line: 3,
      field: 'model',
    })
  })

  it('prints the error on one line per message line, control characters escaped', () => {
    expect(errorText(reportError(new InputError('x.csv:2: "\u001b[2J"')))).toBe('Error: x.csv:2: "\\x1b[2J"\n')
  })
})
