/** The report's comparison of a study's pinned snapshot with live data (`report --compare-live`). */
import type {LiveComparison} from '../result.js'
import {col, type Section, keyColumn} from './model.js'

export function liveComparisonSection(c: LiveComparison): Section {
  const moved = c.windows.filter((w) => w.change !== null && Math.abs(w.change) >= 0.00005).length
  return {
    id: 'live-comparison',
    title: 'Snapshot and live data',
    intro:
      `The study's numbers on its pinned snapshot (${c.snapshot.file}, data as of ${c.snapshot.asOf}) and on live ` +
      `data (as of ${c.live.asOf}): ${moved} of ${c.windows.length} CAARs moved by 0.005 percentage points or more.`,
    tables: [
      {
        id: 'live-caar',
        caption: 'CAAR per group, event and window',
        columns: [
          keyColumn.group(),
          keyColumn.event(),
          keyColumn.window(),
          col('snapshot', 'Snapshot', 'percent'),
          col('live', 'Live', 'percent'),
          col('change', 'Change', 'percent'),
        ],
        rows: c.windows.map((w) => ({...w})),
      },
      {
        id: 'live-prices',
        caption: 'Why prices differ',
        columns: [
          keyColumn.symbol(),
          col('compared', 'Days compared', 'integer'),
          col('differing', 'Days differing', 'integer'),
          col('why', 'Why', 'text', {wrap: 60}),
        ],
        rows: c.prices.map((p) => ({symbol: p.symbol, compared: p.compared, differing: p.differing, why: p.why})),
      },
    ],
  }
}
