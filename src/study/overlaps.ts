/** List events of one security whose event windows overlap: their abnormal returns share days. */
import type {OverlapNote} from '../result.js'
import type {ResolvedEvent} from './events.js'
import {type Layout, windowSpan} from './layout.js'

/** Security-events of one symbol whose event windows (first window start .. last window end) overlap. */
export function findOverlaps(kept: ReadonlyArray<{event: ResolvedEvent; layout: Layout}>): OverlapNote[] {
  const bySymbol = new Map<string, Array<{id: string; from: number; to: number}>>()
  for (const {event, layout} of kept) {
    const [t1, t2] = windowSpan(layout)
    const s = event.spec.symbol as string
    const list = bySymbol.get(s) ?? []
    list.push({id: event.spec.id, from: event.day0 + t1, to: event.day0 + t2})
    bySymbol.set(s, list)
  }
  const out: OverlapNote[] = []
  for (const [symbol, spans] of bySymbol) {
    spans.sort((a, b) => a.from - b.from || a.id.localeCompare(b.id))
    const ids = new Set<string>()
    for (let i = 0; i < spans.length; i++) {
      for (let j = i + 1; j < spans.length && spans[j].from <= spans[i].to; j++) {
        ids.add(spans[i].id)
        ids.add(spans[j].id)
      }
    }
    if (ids.size > 0) {
      const evs = spans.map((s) => s.id).filter((id) => ids.has(id))
      out.push({
        symbol,
        events: evs,
        note: `${symbol}: the event windows of ${evs.join(', ')} overlap; their abnormal returns share days and are not independent`,
      })
    }
  }
  return out
}
