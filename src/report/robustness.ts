/**
 * Model robustness (docs/methods.md, "Model robustness"): each group window's CAAR under every model of the
 * study, with the p of the cross-sectional t (a group of one: its own t test) starred by the one significance
 * rule, and a line for each finding test whose conclusion at 5% changes between the models. The CSV (full
 * level) has every model's N, CAAR and whole battery, and the changes.
 */
import {robustnessModels, windowKey} from '../analysis/model-robustness.js'
import type {TestName} from '../engine/types.js'
import type {RobustnessChange, RobustnessRow, StudyResult} from '../result.js'
import {testCells, testColumns} from './caar.js'
import {fmtNumber, fmtWindow, listed} from './format.js'
import {type Column, col, type Level, type Row, type Section, type Table, keyColumn} from './model.js'
import {STARS_LEGEND} from './significance.js'
import {TEST_LABELS} from './test-labels.js'

/** The test whose p the summary table shows per model. */
export const ROBUSTNESS_TEST: TestName = 'crossSectionalT'

/** Group and event names of the lines: the group's label, the event when the study has more than one. */
function namer(result: StudyResult): (x: {group: string; event: string; window: readonly [number, number]}) => string {
  const labels = new Map(result.groups.map((g) => [g.group, g.label ?? g.group]))
  const events = new Set((result.robustness ?? []).map((r) => r.event))
  return (x) => `${labels.get(x.group) ?? x.group}${events.size > 1 ? `, ${x.event}` : ''} ${fmtWindow(x.window)}`
}

/** "Power producers, r1-selloff [0,0]: Cross-sectional t rejects at 5% under market and ff3, not under carhart (p 0.081)". */
export function changeLine(x: RobustnessChange, name: (x: RobustnessChange) => string): string {
  const not = x.notRejecting.map((m) => `${m.model} (p ${fmtNumber(m.p, 3)})`)
  return `${name(x)}: ${TEST_LABELS[x.test].long} rejects at 5% under ${listed(x.rejecting)}, not under ${listed(not)}`
}

/** The change lines, or the one line saying that no conclusion changes. */
export function changeLines(result: StudyResult): string[] {
  const changes = result.robustnessChanges ?? []
  const name = namer(result)
  if (changes.length > 0) return changes.map((x) => changeLine(x, name))
  const models = robustnessModels(result.robustness ?? [])
  return [
    `No conclusion at 5% changes between ${listed(models)}: each finding test rejects under all of them or under none, in every group window.`,
  ]
}

/** Summary: one table per event, a row per group window, per model its CAAR and the starred p of ROBUSTNESS_TEST. */
function summaryTables(rows: readonly RobustnessRow[]): Table[] {
  const models = robustnessModels(rows)
  const perModel = models.flatMap((m): Column[] => [
    col(`${m}.caar`, `CAAR ${m}`, 'percent'),
    col(`${m}.p`, `p ${m}`, 'p-value', {p: `${m}.p`}),
  ])
  const events = [...new Set(rows.map((r) => r.event))]
  return events.map((event) => {
    const byWindow = new Map<string, Row>()
    for (const r of rows.filter((x) => x.event === event)) {
      const k = windowKey(r)
      const row = byWindow.get(k) ?? {group: r.group, event: r.event, window: r.window}
      row[`${r.model}.caar`] = r.caar
      row[`${r.model}.p`] = r.tests[ROBUSTNESS_TEST].p
      byWindow.set(k, row)
    }
    return {
      id: `robustness:${event}`,
      caption: events.length > 1 ? `Event ${event}` : undefined,
      columns: [keyColumn.group(), keyColumn.event({hidden: true}), keyColumn.window(), ...perModel],
      rows: [...byWindow.values()],
    }
  })
}

/** Full level: every model's N, CAAR and battery (measures prefixed with the model), and the changes. */
function fullTables(result: StudyResult, rows: readonly RobustnessRow[]): Table[] {
  const name = namer(result)
  return [
    {
      id: 'robustness',
      measurePrefix: 'model',
      columns: [
        col('model', 'Model', 'text'),
        keyColumn.group(),
        keyColumn.event(),
        keyColumn.window(),
        col('n', 'N', 'integer'),
        col('caar', 'CAAR', 'percent'),
        ...testColumns(),
      ],
      rows: rows.map((r) => ({
        model: r.model,
        group: r.group,
        event: r.event,
        window: r.window,
        n: r.n,
        caar: r.caar,
        ...testCells(r.tests),
      })),
    },
    {
      id: 'robustness-change',
      measurePrefix: 'test',
      columns: [
        col('test', 'Test', 'text'),
        keyColumn.group(),
        keyColumn.event(),
        keyColumn.window(),
        col('change', 'Change', 'text'),
      ],
      rows: (result.robustnessChanges ?? []).map((x) => ({
        test: x.test,
        group: x.group,
        event: x.event,
        window: x.window,
        change: changeLine(x, name),
      })),
    },
  ]
}

export function robustnessSection(result: StudyResult, level: Level): Section | null {
  const rows = result.robustness ?? []
  if (rows.length === 0) return null
  const test = TEST_LABELS[ROBUSTNESS_TEST].long.toLowerCase()
  return {
    id: 'robustness',
    title: 'Model robustness',
    intro: `Each group window's CAAR under every model of the study (the first is the primary model of the tables above) and the p of the ${test} (a group of one: its own t test); below, where a finding test's conclusion at 5% changes between the models.`,
    tables: level === 'full' ? fullTables(result, rows) : summaryTables(rows),
    notes: level === 'full' ? [] : [...changeLines(result), STARS_LEGEND],
  }
}
