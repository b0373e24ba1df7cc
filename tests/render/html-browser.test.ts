import {existsSync} from 'node:fs'
import path from 'node:path'
import {pathToFileURL} from 'node:url'
import {chromium, type Browser} from 'playwright-core'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {writeReport} from '../../src/render/report-folder.js'
import {tempDir} from '../helpers/cli.js'
import {makeResult} from '../report/fixtures.js'
import {decodePng, pixelStats} from './png.js'

const CHROMIUM = '/usr/bin/chromium'
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

// CI installs chromium (.ci/run); a developer machine without it skips, CI never does.
const haveChromium = existsSync(CHROMIUM)
if (!haveChromium && process.env.CI === 'true')
  throw new Error(`${CHROMIUM} is missing: CI must install Debian's chromium`)

describe.skipIf(!haveChromium)('report.html in headless Chromium', () => {
  let browser: Browser
  let url: string

  beforeAll(async () => {
    const dir = path.join(tempDir(), 'out')
    await writeReport(makeResult({failingClaim: true}), {
      outDir: dir,
      formats: ['html'],
      text: {title: 'Fixture study', questions: ['Q?']},
    })
    url = pathToFileURL(path.join(dir, 'report.html')).href
    browser = await chromium.launch({executablePath: CHROMIUM, args: ARGS})
  })

  afterAll(async () => {
    await browser?.close()
  })

  it('opens with no console errors, no requests beyond the page, charts laid out, and a non-blank screenshot', async () => {
    const page = await browser.newPage({viewport: {width: 1280, height: 900}})
    const problems: string[] = []
    const requests: string[] = []
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`)
    })
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`))
    page.on('request', (r) => requests.push(r.url()))
    await page.goto(url, {waitUntil: 'load'})
    expect(problems).toEqual([])
    expect(requests).toEqual([url])
    expect(await page.title()).toBe('Fixture study')
    const figures = await page.$$eval('figure svg', (els) =>
      els.map((e) => e.getBoundingClientRect()).map((b) => [b.width, b.height]),
    )
    expect(figures).toHaveLength(4)
    for (const [w, h] of figures) {
      expect(w).toBeGreaterThan(300)
      expect(h).toBeGreaterThan(150)
    }
    expect(await page.locator('td.fails').count()).toBe(1)
    const shot = decodePng(await page.screenshot({fullPage: true, type: 'png'}))
    const stats = pixelStats(shot)
    expect(shot.width).toBe(1280)
    expect(shot.height).toBeGreaterThan(2000)
    expect(stats.distinct).toBeGreaterThan(50)
    expect(stats.nonWhite / stats.total).toBeGreaterThan(0.05)
    await page.close()
  })
})
