/**
 * CAAR and tests: per group × event, each window's CAAR, N and the tests of the battery, each statistic starred from its
 * own p (significance.ts). The summary draws one table per group with the windows as columns; the full level
 * has one table of all windows and one of all days (AAR), with every test's statistic, p and N.
 */
import {TEST_NAMES, type TestBattery} from '../engine/types.js'
import type {GroupResult, StudyResult} from '../result.js'
import {col, type Column, type Level, type Row, type Section, type Table, keyColumn} from './model.js'
import {STARS_LEGEND} from './significance.js'
import {TEST_LABELS} from './test-labels.js'

/** Statistic (starred), p and N of each test. */
export function testColumns(): Column[] {
  return TEST_NAMES.flatMap((name) => [
    col(`${name}.stat`, TEST_LABELS[name].long, 'stat', {p: `${name}.p`}),
    col(`${name}.p`, `${TEST_LABELS[name].short} p`, 'p-value', {hidden: true}),
    col(`${name}.n`, `${TEST_LABELS[name].short} N`, 'integer', {hidden: true}),
  ])
}

/** The cells of testColumns for a battery. */
export function testCells(tests: TestBattery): Row {
  const row: Row = {}
  for (const name of TEST_NAMES) {
    row[`${name}.stat`] = tests[name].stat
    row[`${name}.p`] = tests[name].p
    row[`${name}.n`] = tests[name].n
  }
  return row
}

/** Whether any group window carries a bootstrap p (the study asked for one). */
function hasBootstrap(result: StudyResult): boolean {
  return result.groups.some((g) => g.windows.some((w) => w.bootstrap))
}

function windowColumns(bootstrap: boolean): Column[] {
  return [
    keyColumn.window(),
    keyColumn.group({hidden: true}),
    keyColumn.event({hidden: true}),
    col('date', 'To', 'date', {dim: 'date', hidden: true}),
    col('days', 'Days', 'text', {display: true, subhead: true}),
    col('caar', 'CAAR', 'percent'),
    col('n', 'N', 'integer'),
    ...testColumns(),
    ...(bootstrap ? [col('bootstrap.p', 'Bootstrap p (CS t)', 'p-value')] : []),
  ]
}

function windowRows(g: GroupResult): Row[] {
  return g.windows.map((w) => ({
    window: w.window,
    group: g.group,
    event: g.event,
    date: w.to,
    days: w.from && w.to ? (w.from === w.to ? w.from : `${w.from}..${w.to}`) : '',
    caar: w.caar,
    n: w.n,
    ...testCells(w.tests),
    'bootstrap.p': w.bootstrap?.p ?? null,
  }))
}

/** "NVIDIA (nvidia), event r1-release: N = 1, 2 excluded". */
export function groupCaption(g: GroupResult): string {
  const name = g.label ? `${g.label} (${g.group})` : g.group
  return `${name}, event ${g.event}: N = ${g.n}${g.excluded > 0 ? `, ${g.excluded} excluded` : ''}`
}

function groupTable(g: GroupResult, bootstrap: boolean): Table {
  return {
    id: `caar:${g.group}:${g.event}`,
    caption: groupCaption(g),
    columns: windowColumns(bootstrap),
    rows: windowRows(g),
    layout: 'columns',
    notes: g.windows.length === 0 ? ['no estimable security: no averages or tests'] : [],
  }
}

/** The full level: group sizes, every window and every day of every group. */
function fullTables(result: StudyResult): Table[] {
  const dims = [keyColumn.group(), keyColumn.event()]
  return [
    {
      id: 'group',
      columns: [...dims, col('n', 'N', 'integer'), col('excluded', 'Excluded', 'integer')],
      rows: result.groups.map((g) => ({group: g.group, event: g.event, n: g.n, excluded: g.excluded})),
    },
    {id: 'group-window', columns: windowColumns(hasBootstrap(result)), rows: result.groups.flatMap(windowRows)},
    {
      id: 'group-day',
      columns: [
        ...dims,
        col('t', 'Day', 'day', {dim: 't'}),
        col('date', 'Date', 'date', {dim: 'date'}),
        col('n', 'N', 'integer'),
        col('aar', 'AAR', 'percent'),
        ...testColumns(),
      ],
      rows: result.groups.flatMap((g) =>
        g.daily.map((d) => ({
          group: g.group,
          event: g.event,
          t: d.t,
          date: d.date,
          n: d.n,
          aar: d.aar,
          ...testCells(d.tests),
        })),
      ),
    },
  ]
}

export function caarSection(result: StudyResult, level: Level): Section {
  return {
    id: 'caar',
    title: 'Cumulative average abnormal returns (CAAR) and tests',
    intro:
      'Per group and event: CAAR = mean over securities of the CAR over each window; the tests of the battery with their statistics.',
    tables: level === 'full' ? fullTables(result) : result.groups.map((g) => groupTable(g, hasBootstrap(result))),
    notes: [STARS_LEGEND],
  }
}
