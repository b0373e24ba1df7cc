/** Where each row of a panel reads its benchmark returns in `panel.market` (the three layouts of EventPanel.market). */
import type {EventPanel} from './types.js'

/**
 * Index in panel.market of row i's column 0: marketOffsets[i] for one calendar-long series, else 0 for a shared
 * row, else i × days for one row per security-event. Row i's benchmark is market[off..off + days).
 */
export function marketOffset(panel: EventPanel, i: number): number {
  const offsets = panel.marketOffsets
  if (offsets) return offsets[i]
  return panel.market.length === panel.days ? 0 : i * panel.days
}
