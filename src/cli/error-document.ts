/**
 * An error as the CLI reports it: its exit code, and under --json one document on stdout,
 * `{"error": {"code", "message", "file"?, "line"?, "field"?}}` (schema/error.schema.json).
 */
import {AftershockError, type ErrorCode, type ErrorPlace, EXIT, escapeControl} from '../errors.js'

export interface ErrorDocument {
  error: {code: ErrorCode; message: string} & ErrorPlace
}

export interface ReportedError {
  exitCode: number
  document: ErrorDocument
}

interface Issue {
  file?: unknown
  line?: unknown
  path?: unknown
}

/** `FILE:LINE: reason`, the form of a rejected CSV row or a study file problem. */
const FILE_LINE = /^([^\s:][^:\n]*):(\d+): /

/** The place of the first problem of a study file (its `issues`), else a `FILE:LINE:` prefix of the message. */
function placeOf(err: AftershockError): ErrorPlace {
  const issues = (err as {issues?: Issue[]}).issues
  const first = Array.isArray(issues) ? issues[0] : undefined
  if (first) {
    const place: ErrorPlace = {}
    if (typeof first.file === 'string') place.file = first.file
    if (typeof first.line === 'number') place.line = first.line
    if (typeof first.path === 'string' && first.path !== '') place.field = first.path
    return place
  }
  const m = FILE_LINE.exec(err.message)
  return m ? {file: m[1], line: Number(m[2])} : {}
}

/** The exit code and JSON document of any error a command throws. */
export function reportError(err: unknown): ReportedError {
  if (err instanceof AftershockError) {
    const isStudy = Array.isArray((err as {issues?: unknown}).issues)
    const code: ErrorCode = isStudy ? 'invalid-study' : err.code
    return {exitCode: err.exitCode, document: {error: {code, message: err.message, ...placeOf(err)}}}
  }
  const e = err as {message?: unknown; oclif?: {exit?: number}}
  const message = typeof e?.message === 'string' ? e.message : String(err)
  // oclif's own parse errors (unknown flag, missing argument, bad flag value) are bad usage
  if (e?.oclif) return {exitCode: EXIT.usage, document: {error: {code: 'usage', message}}}
  return {exitCode: EXIT.failure, document: {error: {code: 'internal', message}}}
}

/** The error as a terminal line: `Error: message`, control characters escaped. */
export function errorText(err: ReportedError): string {
  return `Error: ${escapeControl(err.document.error.message)}\n`
}
