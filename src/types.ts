/** One daily bar as stored. Prices in the security's currency; null where the source has no value. */
export interface Bar {
  /** Trading date, ISO `YYYY-MM-DD` (exchange-local). */
  date: string
  open: number | null
  high: number | null
  low: number | null
  /** Raw close (split-adjusted, not dividend-adjusted). */
  close: number | null
  /** Close adjusted for splits and dividends. */
  adjClose: number | null
  volume: number | null
  /** Cash dividend paid with ex-date on this day, if any. */
  dividend?: number | null
  /** Split ratio (numerator / denominator) effective on this day, if any. */
  split?: number | null
}

export type PriceField = 'adjClose' | 'close'
