/**
 * Errors that carry the CLI's exit code. Exit codes (documented in the README):
 * 0 success, 1 failure, 2 bad usage or input, 3 partial success.
 */
export const EXIT = {ok: 0, failure: 1, usage: 2, partial: 3} as const

export class AftershockError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.failure,
  ) {
    super(message)
    this.name = 'AftershockError'
  }
}

/** Bad input: a file, line or field that the user must fix. Exit code 2. */
export class InputError extends AftershockError {
  constructor(message: string) {
    super(message, EXIT.usage)
    this.name = 'InputError'
  }
}

/** Data that is not in the store and may not be fetched (offline). Exit code 1. */
export class MissingDataError extends AftershockError {
  constructor(message: string) {
    super(message, EXIT.failure)
    this.name = 'MissingDataError'
  }
}
