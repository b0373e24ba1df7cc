import {readdirSync} from 'node:fs'
import path from 'node:path'

/** Every file under `dir`, as sorted paths relative to it. */
export function listFiles(dir: string, base = dir): string[] {
  return readdirSync(dir, {withFileTypes: true})
    .flatMap((e) =>
      e.isDirectory() ? listFiles(path.join(dir, e.name), base) : [path.relative(base, path.join(dir, e.name))],
    )
    .sort()
}

/** What a report with every format and every chart writes, sorted. */
export const ALL_REPORT_FILES = [
  'charts/caar-paths.png',
  'charts/caar-paths.svg',
  'charts/day0-ar.png',
  'charts/day0-ar.svg',
  'charts/three-waves.png',
  'charts/three-waves.svg',
  'charts/volatility.png',
  'charts/volatility.svg',
  'report.html',
  'report.md',
  'results.json',
]
