/** What the sections computed after the engine (volatility, volume) need of one engine run. */
import type {EngineResult, EventPanel} from '../engine/types.js'
import type {Layout} from './layout.js'

/** One engine run (a group × event, or a group of list events), with what the sections after it need. */
export interface PanelRun {
  group: string
  event: string
  members: Array<{symbol: string; event: string; day0: number}>
  panel: EventPanel
  engine: EngineResult
  layout: Layout
  /** Calendar-aligned volume per panel row (null when the security has none). */
  volume: Array<Float64Array | null>
  /** The calendar index of each row's volume[0] (0 when it covers the whole calendar). */
  volumeStart: number[]
  firstRel: number
  lastRel: number
  dateOf: (t: number) => string | null
}
