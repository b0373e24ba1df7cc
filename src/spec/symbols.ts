/** The securities a study names and the ones it studies: the one answer to "which symbols does this study read?". */
import type {StudySpec} from './types.js'

/** Every security the study names (group members and list-event symbols), each once, in file order. */
export function studySymbols(spec: StudySpec): string[] {
  const out = new Set<string>()
  for (const g of spec.groups) for (const s of g.symbols) out.add(s)
  for (const e of spec.events) if (e.symbol !== null) out.add(e.symbol)
  return [...out]
}

/** The securities a run studies: the groups' members around common events, the events' own symbols for list events. */
export function studiedSecurities(spec: StudySpec): string[] {
  if (spec.eventsKind === 'common') return [...new Set(spec.groups.flatMap((g) => g.symbols))]
  return [...new Set(spec.events.flatMap((e) => (e.symbol === null ? [] : [e.symbol])))]
}

/** The benchmark first, then every studied security: what must be in the store before a run. */
export function studyDataSymbols(spec: StudySpec): string[] {
  return [...new Set([spec.benchmark, ...studiedSecurities(spec)])]
}
