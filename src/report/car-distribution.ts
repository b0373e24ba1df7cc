/** The distribution of CARs per group window: quantiles, skewness and excess kurtosis (docs/methods.md). */
import type {StudyResult} from '../result.js'
import {col, type Section, keyColumn} from './model.js'

export function carDistributionSection(result: StudyResult): Section | null {
  const rows = result.groups.flatMap((g) =>
    g.windows.flatMap((w) =>
      w.distribution
        ? [
            {
              group: g.group,
              event: g.event,
              window: w.window,
              n: w.distribution.n,
              ...w.distribution.quantiles,
              skewness: w.distribution.skewness,
              excessKurtosis: w.distribution.excessKurtosis,
            },
          ]
        : [],
    ),
  )
  if (rows.length === 0) return null
  return {
    id: 'car-distribution',
    title: 'Distribution of CARs',
    intro:
      "Each group window's CARs across its securities: quantiles (5% .. 95%), sample skewness and excess kurtosis (null below 3 and 4 securities).",
    tables: [
      {
        id: 'car-distribution',
        columns: [
          keyColumn.group(),
          keyColumn.event(),
          keyColumn.window(),
          col('n', 'N', 'integer'),
          col('p5', '5%', 'percent'),
          col('p25', '25%', 'percent'),
          col('p50', 'Median', 'percent'),
          col('p75', '75%', 'percent'),
          col('p95', '95%', 'percent'),
          col('skewness', 'Skewness', 'number', {digits: 2}),
          col('excessKurtosis', 'Excess kurtosis', 'number', {digits: 2}),
        ],
        rows,
      },
    ],
  }
}
