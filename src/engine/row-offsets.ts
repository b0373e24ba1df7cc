/**
 * Where each row of a panel reads its returns and its benchmark returns: the layouts of EventPanel.returns (n × days,
 * or rows of one shared buffer at `returnsOffsets`) and of EventPanel.market (shared row, n × days, or one
 * calendar-long series at `marketOffsets`).
 */
import type {EventPanel} from './types.js'

/**
 * Index in panel.returns of row i's column 0: returnsOffsets[i] when the rows are read in place from one shared
 * buffer, else i × days. Row i's returns are returns[off..off + days).
 */
export function returnsOffset(panel: EventPanel, i: number): number {
  const offsets = panel.returnsOffsets
  return offsets ? offsets[i] : i * panel.days
}

/**
 * Index in panel.market of row i's column 0: marketOffsets[i] for one calendar-long series, else 0 for a shared
 * row, else i × days for one row per security-event. Row i's benchmark is market[off..off + days).
 */
export function marketOffset(panel: EventPanel, i: number): number {
  const offsets = panel.marketOffsets
  if (offsets) return offsets[i]
  return panel.market.length === panel.days ? 0 : i * panel.days
}
