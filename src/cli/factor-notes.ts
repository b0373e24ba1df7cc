/** The stderr notes of `factors import` and `factors fetch`: the vintage, revisions, missing values. */
import type {Output} from './output.js'
import type {FactorsResult} from './results.js'

export function reportFactorWrites(out: Output, {results}: FactorsResult): void {
  for (const r of results) {
    if (r.vintageLine !== null) out.info(`${r.set}: ${r.vintageLine}`)
    if (r.replaced) {
      const from = r.previousVintage === null ? '' : ` (was vintage ${r.previousVintage})`
      out.info(
        `${r.set}: replaced the stored set${from}: ${r.changed} value(s) changed, ${r.added} added, ${r.removed} removed`,
      )
    }
    if (r.missing > 0) out.info(`${r.set}: ${r.missing} value(s) marked missing (-99.99 or -999), stored as missing`)
  }
}
