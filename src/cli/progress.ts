/**
 * Progress of a long run on stderr: a bar naming the step (reading prices, estimating, writing) and how far it
 * is. Drawn only when stderr is a terminal someone watches, and only once the run has lasted a moment, so short
 * runs, pipes, files and CI logs get nothing; never on stdout.
 */
import type {SingleBar} from 'cli-progress'
import type {TextSink} from './io.js'

/** How long a run goes before the bar appears (ms). */
const SHOW_AFTER_MS = 700

export type ProgressReport = (step: string, done: number, total: number) => void

export class Progress {
  private bar: SingleBar | undefined
  private readonly started = Date.now()
  private step = ''
  private stopped = false

  /** @param stream stderr; `Bar` is cli-progress's SingleBar (loaded only when stderr is a terminal). */
  private constructor(
    private readonly stream: TextSink,
    private readonly Bar: typeof SingleBar,
    private readonly showAfterMs: number,
  ) {}

  /** A progress reporter on `stderr`, or undefined when stderr is not a terminal. */
  static async on(stderr: TextSink, showAfterMs = SHOW_AFTER_MS): Promise<Progress | undefined> {
    if (!stderr.isTTY) return undefined
    const {SingleBar} = await import('cli-progress')
    return new Progress(stderr, SingleBar, showAfterMs)
  }

  /** `done` of `total` of `step`; the bar appears once the run has lasted SHOW_AFTER_MS. */
  readonly report: ProgressReport = (step, done, total) => {
    if (this.stopped || (!this.bar && Date.now() - this.started < this.showAfterMs)) return
    if (!this.bar) {
      this.bar = new this.Bar({
        stream: this.stream as NodeJS.WritableStream,
        format: '{step} [{bar}] {value}/{total}',
        hideCursor: true,
        clearOnComplete: true,
      })
      this.bar.start(total, done, {step})
      this.step = step
      return
    }
    if (step !== this.step) {
      this.step = step
      this.bar.setTotal(total)
    }
    this.bar.update(done, {step})
  }

  /** Takes the bar off the terminal (before notes are printed). */
  stop(): void {
    this.stopped = true
    this.bar?.stop()
    this.bar = undefined
  }
}
