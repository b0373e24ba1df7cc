/**
 * How much of a study result `study run --json` writes (`--detail`, docs/cli-data.md "Less output"):
 * - days (the default): everything.
 * - securities: no per-day rows: `securities[].ar` left out; `groups[].daily`, `volume.groups[].daily` and
 *   `index.series` written as empty arrays.
 * - summary: as securities, and no per-security rows: `securities`, `volatility.securities`, `value.rows` and
 *   `index.securities` written as empty arrays.
 * A trimmed document says so in `detail` (absent at days), so a reader can tell an empty array from a cut one.
 * The views share the result's rows (shallow copies): nothing is copied per day.
 */
import type {GroupResult, SecurityResult, StudyResult} from '../result.js'

export const DETAILS = ['summary', 'securities', 'days'] as const
export type Detail = (typeof DETAILS)[number]

/** The result as written at `detail`. */
export function studyAtDetail(result: StudyResult, detail: Detail): StudyResult {
  if (detail === 'days') return result
  const {schemaVersion, tool, ...rest} = result
  const view: StudyResult = {
    schemaVersion,
    tool,
    detail,
    ...rest,
    groups: result.groups.map(withoutDaily),
    securities: detail === 'summary' ? [] : result.securities.map(withoutAr),
  }
  if (result.volume) view.volume = {...result.volume, groups: result.volume.groups.map((g) => ({...g, daily: []}))}
  if (result.index) {
    view.index = {...result.index, series: []}
    if (detail === 'summary') view.index.securities = []
  }
  if (detail === 'summary' && result.volatility) view.volatility = {...result.volatility, securities: []}
  if (detail === 'summary' && result.value) view.value = {...result.value, rows: []}
  return view
}

function withoutDaily(g: GroupResult): GroupResult {
  return {...g, daily: []}
}

/**
 * The security row without its per-day AR rows (the key stays in place but is left out of the JSON). Copied key
 * by key: `ar` may be a getter that builds its rows (src/study/ar-days.ts), and a spread would call it.
 */
export function withoutAr(s: SecurityResult): SecurityResult {
  if (!Object.hasOwn(s, 'ar')) return s
  const view: Record<string, unknown> = {}
  for (const k of Object.keys(s)) view[k] = k === 'ar' ? undefined : s[k as keyof SecurityResult]
  return view as unknown as SecurityResult
}
