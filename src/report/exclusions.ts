/** Securities left out of a group's averages and tests, with the reason. */
import type {StudyResult} from '../result.js'
import {col, type Section, keyColumn} from './model.js'

export function exclusionsSection(result: StudyResult): Section | null {
  const ex = result.securities.filter((s) => s.excluded)
  if (ex.length === 0) return null
  return {
    id: 'excluded',
    title: 'Excluded securities',
    tables: [
      {
        id: 'security',
        columns: [keyColumn.symbol(), keyColumn.group(), keyColumn.event(), col('excluded', 'Reason', 'text')],
        rows: ex.map((s) => ({symbol: s.symbol, group: s.group, event: s.event, excluded: s.excluded})),
      },
    ],
  }
}
