/** Where a command's output goes and where it reads its environment: the process's, or captured by a test. */

/** A stream the command writes text to (process.stdout, or a test's buffer). */
export interface TextSink {
  write(text: string): unknown
  /** A Node stream's 'drain' event, awaited when write returned false (backpressure). */
  once?(event: 'drain', listener: () => void): unknown
  /** True when a person is watching (progress bars, colour, terminal charts). */
  isTTY?: boolean
  /** The terminal's width, when a TTY. */
  columns?: number
}

export interface CommandIo {
  /** Results only: the JSON document, the table, the CSV. */
  stdout: TextSink
  /** Progress, notes, warnings and (without --json) errors. */
  stderr: TextSink
  env: NodeJS.ProcessEnv
  /** True for a real run: the exit code goes to the process and an error ends it. */
  isProcess: boolean
  /** A fetch that stands in for the network (tests); unset: the testing hook or Yahoo itself. */
  yahooFetch?: typeof fetch
  /** A fetch that stands in for French's data library (tests); unset: AFTERSHOCK_FACTORS_FETCH or the network. */
  factorsFetch?: typeof fetch
}

/** The process's own streams and environment. */
export function processIo(): CommandIo {
  return {stdout: process.stdout, stderr: process.stderr, env: process.env, isProcess: true}
}

/** A sink that keeps what is written, for in-process runs. */
export class Capture implements TextSink {
  text = ''
  isTTY = false
  write(text: string): boolean {
    this.text += text
    return true
  }
}
