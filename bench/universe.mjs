// A seeded synthetic universe for the scale bench: one benchmark (MKT) and N securities over D trading days
// (weekdays from 2019-01-02), each with a known alpha, beta and idiosyncratic volatility, and planted abnormal
// returns on its event days. Written as price CSVs (date,open,high,low,close,adj_close,volume), two list-events
// studies (market model, estimation -260..-11, windows [0,0], [-1,1], [0,4]; events.csv beside study.yaml): `list`
// with the planted events (10 per security: 20,000) and `many` with 5 times as many (50 per security: 100,000,
// every fifth of them a planted one); `edges` with the list events and as many again that the data cannot cover (an
// estimation window before the first day, or an event window past the last), each left out with its note; and a
// common-event study over the first securities. Plain JS:
// `node bench/universe.mjs DIR` writes it to DIR.
import {mkdirSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {mulberry32, normalGen} from './random.mjs'

export const DEFAULTS = {securities: 2000, days: 1500, eventsPerSecurity: 10, commonSecurities: 1000, seed: 20261201}
/** Events of the `many` study per planted event. */
export const MANY = 5
/** Events per security in the `edges` study that the data cannot cover (half early, half late). */
export const EDGE_EVENTS = 10
/** The abnormal return planted on each event day (alternating sign by event). */
export const PLANTED = 0.03

/** D weekdays from 2019-01-02 as ISO dates. */
export function tradingDays(d) {
  const out = []
  const t = new Date(Date.UTC(2019, 0, 2))
  while (out.length < d) {
    const w = t.getUTCDay()
    if (w !== 0 && w !== 6) out.push(t.toISOString().slice(0, 10))
    t.setUTCDate(t.getUTCDate() + 1)
  }
  return out
}

const p = (x) => x.toFixed(4)

function priceCsv(dates, returns, start, rand) {
  const lines = ['date,open,high,low,close,adj_close,volume']
  let close = start
  for (let i = 0; i < dates.length; i++) {
    if (i > 0) close *= 1 + returns[i]
    const open = close * (1 + (rand() - 0.5) * 0.01)
    const high = Math.max(open, close) * (1 + rand() * 0.005)
    const low = Math.min(open, close) * (1 - rand() * 0.005)
    const volume = Math.round(1e5 + rand() * 1e6)
    lines.push(`${dates[i]},${p(open)},${p(high)},${p(low)},${p(close)},${p(close)},${volume}`)
  }
  return `${lines.join('\n')}\n`
}

/**
 * Event day indices of one security: spread over the usable days (after 270 days of estimation), at least 10 days
 * apart (their windows never overlap; their estimation periods do).
 */
function eventDays(n, days, rand) {
  const first = 270
  const span = Math.floor((days - 10 - first) / n)
  return Array.from({length: n}, (_, k) => first + k * span + Math.floor(rand() * (span - 10)))
}

/**
 * Writes the universe to `dir`: prices/*.csv, list/{study.yaml,events.csv}, common/study.yaml.
 * Returns the truth (alpha, beta, sigma, event days) and the counts.
 */
export function writeUniverse(dir, options = {}) {
  const o = {...DEFAULTS, ...options}
  const rand = mulberry32(o.seed)
  const normal = normalGen(rand)
  // Its own stream: the prices and the other studies' events stay those of the seed alone.
  const edgeRand = mulberry32(o.seed + 1)
  const dates = tradingDays(o.days)
  const prices = join(dir, 'prices')
  mkdirSync(prices, {recursive: true})
  const market = new Float64Array(o.days)
  for (let i = 1; i < o.days; i++) market[i] = 0.0004 + 0.01 * normal()
  writeFileSync(join(prices, 'MKT.csv'), priceCsv(dates, market, 3000, rand))
  const truth = []
  const events = ['symbol,date,id']
  const many = ['symbol,date,id']
  const edges = ['symbol,date,id']
  const r = new Float64Array(o.days)
  for (let s = 0; s < o.securities; s++) {
    const symbol = `S${String(s + 1).padStart(4, '0')}`
    const alpha = 0.0003 * normal()
    const beta = 0.5 + rand()
    const sigma = 0.01 + 0.015 * rand()
    const manyDays = eventDays(o.eventsPerSecurity * MANY, o.days, rand)
    const days = manyDays.filter((_, k) => k % MANY === 0)
    for (let i = 1; i < o.days; i++) r[i] = alpha + beta * market[i] + sigma * normal()
    days.forEach((d, k) => {
      r[d] += k % 2 === 0 ? PLANTED : -PLANTED
      events.push(`${symbol},${dates[d]},${symbol}-e${k + 1}`)
    })
    manyDays.forEach((d, k) => many.push(`${symbol},${dates[d]},${symbol}-m${k + 1}`))
    // Interleaved with the list events: an early one (fewer than 260 days before it) and a late one (its [0, 4]
    // window runs past the last day) after each.
    days.forEach((d, k) => {
      edges.push(`${symbol},${dates[d]},${symbol}-e${k + 1}`)
      if (k >= EDGE_EVENTS / 2) return
      edges.push(`${symbol},${dates[1 + Math.floor(edgeRand() * 250)]},${symbol}-early${k + 1}`)
      edges.push(`${symbol},${dates[o.days - 1 - Math.floor(edgeRand() * 4)]},${symbol}-late${k + 1}`)
    })
    writeFileSync(join(prices, `${symbol}.csv`), priceCsv(dates, r, 20 + 80 * rand(), rand))
    truth.push({symbol, alpha, beta, sigma, eventDays: days, manyEventDays: manyDays})
  }
  writeListStudy(join(dir, 'list'), 'universe-list', events)
  writeListStudy(join(dir, 'many'), 'universe-many', many)
  writeListStudy(join(dir, 'edges'), 'universe-edges', edges)
  // The common event: a day with 260 days of estimation before it and 20 after (281 days per security).
  const common = join(dir, 'common')
  mkdirSync(common, {recursive: true})
  const symbols = truth.slice(0, o.commonSecurities).map((t) => t.symbol)
  writeFileSync(
    join(common, 'study.yaml'),
    [
      'name: universe-common',
      'benchmark: MKT',
      'model: market',
      'returns: simple',
      'estimation: { from: -260, to: -11, minObservations: 120 }',
      'windows: [[0, 0], [-1, 1], [0, 20]]',
      `events: [{ id: common, date: ${dates[o.days - 100]} }]`,
      `groups: { all: { symbols: [${symbols.join(', ')}] } }`,
      '',
    ].join('\n'),
  )
  const rows = (o.securities + 1) * o.days
  return {dir, dates, truth, rows, events: events.length - 1, manyEvents: many.length - 1, edgeEvents: edges.length - 1}
}

function writeListStudy(dir, name, events) {
  mkdirSync(dir, {recursive: true})
  writeFileSync(join(dir, 'events.csv'), `${events.join('\n')}\n`)
  writeFileSync(
    join(dir, 'study.yaml'),
    [
      `name: ${name}`,
      'benchmark: MKT',
      'model: market',
      'returns: simple',
      'estimation: { from: -260, to: -11, minObservations: 120 }',
      'windows: [[0, 0], [-1, 1], [0, 4]]',
      'events: { file: events.csv }',
      '',
    ].join('\n'),
  )
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = process.argv[2]
  if (!dir) {
    console.error('usage: node bench/universe.mjs DIR')
    process.exit(2)
  }
  const u = writeUniverse(dir)
  console.log(`${dir}: ${u.truth.length + 1} price files, ${u.rows} rows, ${u.events} + ${u.manyEvents} list events`)
}
