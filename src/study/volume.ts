/** The abnormal volume section of a result (docs/methods.md, "Abnormal volatility and volume"). */
import {abnormalVolumeRows} from '../engine/index.js'
import type {VolumeResult} from '../result.js'
import {cleanTest} from './clean.js'
import {windowSpan} from './layout.js'
import type {PanelRun} from './panel-run.js'

/** The series of a security without volume: every day missing. */
const EMPTY = new Float64Array(0)

/**
 * The volume section, where volume exists: abnormalVolume per engine run over the span of the event
 * windows (AV_it = ln(1 + V_it) - mean over E_i; cross-sectional t and sign per day). Absent when no
 * security of the study has volume.
 */
export function studyVolume(inputs: PanelRun[], minObservations: number): VolumeResult | undefined {
  if (inputs.length === 0 || !inputs.some((x) => x.volume.some((v) => v !== null))) return undefined
  const out: VolumeResult = {window: windowSpan(inputs[0].layout), groups: [], notes: []}
  const without = new Set<string>()
  for (const x of inputs) {
    x.members.forEach((m, i) => {
      if (x.volume[i] === null) without.add(m.symbol)
    })
    // Each row read in its own series at its day 0 (no n × days copy of the volumes).
    const starts = new Int32Array(x.members.length)
    x.members.forEach((m, i) => {
      starts[i] = m.day0 - x.volumeStart[i] + x.firstRel
    })
    const v = abnormalVolumeRows(
      {
        n: x.members.length,
        days: x.lastRel - x.firstRel + 1,
        firstRel: x.firstRel,
        series: x.volume.map((s) => s ?? EMPTY),
        starts,
      },
      {estimation: x.layout.estimation, window: windowSpan(x.layout), minObservations, include: x.engine.included},
    )
    const daily: VolumeResult['groups'][number]['daily'] = []
    for (const d of v.daily) {
      if (d.n === 0 || d.meanAv === null || !Number.isFinite(d.meanAv)) continue
      daily.push({
        t: d.t,
        date: x.dateOf(d.t),
        n: d.n,
        meanAv: d.meanAv,
        crossSectionalT: cleanTest(d.crossSectionalT),
        sign: cleanTest(d.sign),
      })
    }
    const n = v.exclusions.filter((e) => e === null).length
    if (n > 0) out.groups.push({group: x.group, event: x.event, n, daily})
  }
  if (without.size > 0)
    out.notes.push(`no volume in the store for ${[...without].sort().join(', ')}; left out of abnormal volume`)
  return out.groups.length > 0 ? out : undefined
}
