/**
 * Errors that carry the CLI's exit code. The exit codes and their meanings are listed once, in EXIT_MEANINGS;
 * docs/cli-data.md holds the same table (a test compares the two).
 */
export const EXIT = {ok: 0, failure: 1, usage: 2, partial: 3} as const

export type ExitCode = (typeof EXIT)[keyof typeof EXIT]

/** What each exit code means, as the docs' exit-code table says it. */
export const EXIT_MEANINGS: Readonly<Record<ExitCode, string>> = {
  0: 'success',
  1: 'failure: nothing could be done (every symbol failed to fetch, no price store, a store damaged or unusable, an unusable cache path, `report --fail-on-claims` with a claim that no longer holds, an unexpected error)',
  2: 'bad usage or input: unknown flag, bad date or symbol, invalid study file, a rejected CSV file (every file rejected, or one that disagrees with the store), a `report --out` path that cannot be used (a file where a folder must be, a folder where a file must be, an unwritable folder), `fetch --offline` and `factors fetch --offline`, and data the command or study names that the store lacks (import or fetch it first)',
  3: 'partial success: some symbols fetched or some files imported, others failed, or a fetch kept the stored history (see the summary and stderr)',
}

/** The `code` of the JSON error document: what kind of error, beside the exit code. */
export type ErrorCode = 'failure' | 'bad-input' | 'missing-data' | 'invalid-study' | 'usage' | 'internal'

/** Where in the user's input an error lies, when known. */
export interface ErrorPlace {
  file?: string
  line?: number
  field?: string
}

export class AftershockError extends Error {
  readonly code: ErrorCode
  constructor(
    message: string,
    readonly exitCode: number = EXIT.failure,
    code?: ErrorCode,
  ) {
    super(message)
    this.name = 'AftershockError'
    this.code = code ?? (exitCode === EXIT.usage ? 'bad-input' : 'failure')
  }
}

/** Bad input: a file, line or field that the user must fix. Exit code 2. */
export class InputError extends AftershockError {
  constructor(message: string) {
    super(message, EXIT.usage, 'bad-input')
    this.name = 'InputError'
  }
}

/**
 * Data that a command or study names and the store lacks (offline, or the fetch failed). Like any input the
 * user must fix (import or fetch it, or name other data), exit code 2.
 */
export class MissingDataError extends AftershockError {
  constructor(message: string) {
    super(message, EXIT.usage, 'missing-data')
    this.name = 'MissingDataError'
  }
}

// C0 and C1 control characters and DEL, except newline and tab: they would let text from a file (an ANSI or
// OSC escape sequence in a CSV cell, bytes of a binary file) drive the terminal.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g

/** Text safe to print on a terminal: control characters become visible escapes (`\x1b`, `\u009b`). */
export function escapeControl(text: string): string {
  return text.replace(CONTROL, (c) => {
    const n = c.charCodeAt(0)
    return n <= 0xff ? `\\x${n.toString(16).padStart(2, '0')}` : `\\u${n.toString(16).padStart(4, '0')}`
  })
}
