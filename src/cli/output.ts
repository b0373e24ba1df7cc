import {escapeControl} from '../errors.js'
import type {EntryHook, JsonLayout} from '../render/json-stream.js'
import {wrapText} from '../render/text-width.js'
import type {CommandIo, TextSink} from './io.js'

/**
 * How a JSON document is laid out on `stdout`: two-space indented on a terminal, on one line otherwise (a pipe or
 * a file: a third smaller, quicker to write and to parse), as gh does. docs/cli-data.md "Errors and --json".
 */
export function jsonLayoutOn(stdout: TextSink): JsonLayout {
  return stdout.isTTY ? 'pretty' : 'compact'
}

/** Notes a command prints on stderr before it only counts the rest. */
export const NOTES_SHOWN = 20

/**
 * A command's output: results on stdout (one JSON document under --json, else text), everything else on
 * stderr with control characters escaped, so text from input files cannot drive the terminal. The JSON writer
 * loads on first use: a run that prints a table does not load it.
 */
export class Output {
  /**
   * @param width columns that text and tables are fitted to (undefined: no limit, as for a pipe)
   */
  constructor(
    readonly io: CommandIo,
    readonly width?: number,
  ) {}

  /** Lines of result text on stdout, each wrapped at the width. */
  paragraph(text: string): void {
    this.line(wrapText(text, this.width))
  }

  /** Result text on stdout, as given (a rendered table or CSV). */
  write(text: string): void {
    this.io.stdout.write(text)
  }

  /** One line of result text on stdout. */
  line(text: string): void {
    this.io.stdout.write(text + '\n')
  }

  /**
   * One JSON document on stdout with a final newline, laid out by jsonLayoutOn. Streamed chunk by chunk (with
   * backpressure), so a result larger than the longest string V8 can hold is still printed. `onEntry` is told
   * each entry of a top-level array as it is written (progress).
   */
  async printJson(value: unknown, onEntry?: EntryHook): Promise<void> {
    const {writeJson} = await import('../render/json-stream.js')
    return writeJson(this.io.stdout, value, onEntry, jsonLayoutOn(this.io.stdout))
  }

  /** Pieces of result text on stdout (JSON lines, CSV lines), in chunks of about 64 KB, with backpressure. */
  async printPieces(pieces: Iterable<string>): Promise<void> {
    const {writePieces} = await import('../render/json-stream.js')
    return writePieces(this.io.stdout, pieces)
  }

  /** Progress and warnings: stderr, escaped. */
  info(message: string): void {
    this.io.stderr.write(escapeControl(message) + '\n')
  }

  /** A note about the result (a shifted date, a fallback): stderr, escaped. */
  note(message: string): void {
    this.info(`note: ${message}`)
  }

  /**
   * A result's notes on stderr: the first NOTES_SHOWN, then how many more there are (a study of 100,000 events
   * may leave thousands out, one note each; every note stays in the result, which --json prints whole).
   */
  notes(notes: readonly string[]): void {
    const shown = notes.length > NOTES_SHOWN + 1 ? NOTES_SHOWN : notes.length
    for (let i = 0; i < shown; i++) this.note(notes[i])
    const more = notes.length - shown
    if (more > 0)
      this.note(`${more.toLocaleString('en-US')} more notes not shown; --json lists them all (jq '.notes[]')`)
  }
}
