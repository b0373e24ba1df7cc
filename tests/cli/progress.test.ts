// Progress on stderr: nothing unless stderr is a terminal, nothing for a short run, and a bar naming the step
// once the run has lasted a moment; nothing after stop.
import {describe, expect, it} from 'vitest'
import {Progress} from '../../src/cli/progress.js'

/** A stand-in for a terminal's stderr that keeps what is written. */
function terminal(isTTY: boolean) {
  return {
    isTTY,
    columns: 80,
    text: '',
    write(s: string) {
      this.text += s
      return true
    },
  }
}

describe('Progress', () => {
  it('is not there when stderr is not a terminal', async () => {
    expect(await Progress.on(terminal(false), 0)).toBeUndefined()
  })

  it('draws nothing before the run has lasted the delay', async () => {
    const err = terminal(true)
    const p = await Progress.on(err, 60_000)
    p?.report('estimating', 1, 10)
    p?.stop()
    expect(err.text).toBe('')
  })

  it('draws the step and the count, then stops and stays quiet', async () => {
    const err = terminal(true)
    const p = await Progress.on(err, 0)
    expect(p).toBeDefined()
    p?.report('reading prices', 0, 2000)
    p?.report('estimating', 3, 8)
    p?.stop()
    expect(err.text).toMatch(/reading prices \[.*\] 0\/2000/)
    const after = err.text.length
    p?.report('estimating', 8, 8)
    expect(err.text.length).toBe(after)
  })
})
