/** Claims of the study file: expected ± tolerance against the measured value; a claim holds when within. */
import type {ClaimResult} from '../result.js'
import {col, type ColumnType, type Section, keyColumn} from './model.js'

/** The unit a claim's metric is measured in: dollars, index points or a variance ratio, or a return or share. */
export function claimUnit(metric: string): ColumnType {
  if (metric === 'valueChange' || metric === 'abnormalValueChange') return 'money'
  if (metric === 'indexLevel' || metric === 'volatilityRatio') return 'number'
  if (metric === 'volatilityRiseShare') return 'share'
  return 'percent'
}

export function claimsSection(claims: readonly ClaimResult[]): Section | null {
  if (claims.length === 0) return null
  const held = claims.filter((c) => c.holds).length
  return {
    id: 'claims',
    title: 'Claims',
    intro: `Claims: ${held} of ${claims.length} hold (|measured − expected| ≤ tolerance).`,
    tables: [
      {
        id: 'claim',
        measurePrefix: 'id',
        columns: [
          col('id', 'Id', 'text', {hidden: true}),
          col('text', 'Claim', 'text', {wrap: 40}),
          col('metric', 'Metric', 'text'),
          col('symbol', 'Subject', 'text', {dim: 'symbol'}),
          keyColumn.event(),
          keyColumn.window(),
          col('unit', 'Unit', 'text', {hidden: true}),
          col('expected', 'Expected', 'number', {typeFrom: 'unit'}),
          col('tolerance', '±', 'number', {typeFrom: 'unit', unsigned: true}),
          col('measured', 'Measured', 'number', {typeFrom: 'unit'}),
          col('holds', 'Holds', 'boolean', {words: ['holds', 'FAILS']}),
          col('note', 'Note', 'text', {wrap: 30}),
        ],
        rows: claims.map((c) => ({
          id: c.id,
          text: c.text,
          metric: c.metric,
          symbol: c.subject,
          event: c.event || null,
          window: c.window,
          unit: claimUnit(c.metric),
          expected: c.expected,
          tolerance: c.tolerance,
          measured: c.measured,
          holds: c.holds,
          note: c.note ?? undefined,
        })),
      },
    ],
  }
}
