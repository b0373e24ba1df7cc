/**
 * Vega-Lite spec -> SVG (vega's headless SVG renderer, no browser) and SVG -> PNG (@resvg/resvg-js).
 * Deterministic: inline data only, no loader, UTC time formats, fixed font files when the machine has them.
 */
import {Resvg, type ResvgRenderOptions} from '@resvg/resvg-js'
import {existsSync} from 'node:fs'
import {parse, View, type Loader} from 'vega'
import {compile, type TopLevelSpec} from 'vega-lite'

/** A loader that refuses every request: charts carry their data inline and must never touch the network. */
const NO_LOADER = {
  load: async (uri: string) => Promise.reject(new Error(`charts load no external data (asked for ${uri})`)),
  sanitize: async (uri: string) => Promise.reject(new Error(`charts load no external data (asked for ${uri})`)),
  http: async () => Promise.reject(new Error('no network')),
  file: async () => Promise.reject(new Error('no files')),
} as unknown as Loader

/** Vega-Lite's compile-time warnings are for chart authors, not users: keep stderr clean. */
const SILENT = {
  level: () => SILENT,
  error: () => SILENT,
  warn: () => SILENT,
  info: () => SILENT,
  debug: () => SILENT,
} as unknown as NonNullable<Parameters<typeof compile>[1]>['logger']

/** Renders a Vega-Lite spec to an SVG document string. */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const compiled = compile(spec, {logger: SILENT}).spec
  // Vega logs dataflow errors (e.g. a refused load) instead of throwing: collect them and fail.
  const errors: string[] = []
  const logger = {
    level: () => logger,
    error: (...args: unknown[]) => {
      errors.push(args.map(String).join(' '))
      return logger
    },
    // A refused load is only a warning to vega; for a report it is an error.
    warn: (...args: unknown[]) => {
      if (String(args[0]).startsWith('Loading failed')) errors.push(args.map(String).join(' '))
      return logger
    },
    info: () => logger,
    debug: () => logger,
  }
  const view = new View(parse(compiled), {
    renderer: 'none',
    loader: NO_LOADER,
    logger,
  } as unknown as ConstructorParameters<typeof View>[1])
  try {
    const svg = await view.toSVG()
    if (errors.length > 0) throw new Error(`chart rendering failed: ${errors[0]}`)
    return svg
  } finally {
    view.finalize()
  }
}

/** Font files tried in order; the first family found becomes the default so text never depends on fontconfig. */
const FONT_CANDIDATES: Array<{family: string; files: string[]}> = [
  {
    family: 'DejaVu Sans',
    files: ['/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf'],
  },
  {
    family: 'Liberation Sans',
    files: [
      '/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf',
      '/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf',
    ],
  },
]

function fontOptions(): NonNullable<ResvgRenderOptions['font']> {
  for (const c of FONT_CANDIDATES) {
    const files = c.files.filter((f) => existsSync(f))
    if (files.length > 0) {
      return {loadSystemFonts: false, fontFiles: files, defaultFontFamily: c.family, sansSerifFamily: c.family}
    }
  }
  // No known font file: let resvg use whatever the system has (text still renders where any font exists).
  return {loadSystemFonts: true}
}

/** PNG scale: 2 device pixels per SVG pixel, sharp on high-density screens. */
export const PNG_SCALE = 2

/** Renders an SVG string to PNG bytes at `scale` (width = round(svg width × scale)). */
export function renderPng(svg: string, scale = PNG_SCALE): Buffer {
  const r = new Resvg(svg, {
    fitTo: {mode: 'zoom', value: scale},
    font: fontOptions(),
    background: 'white',
    logLevel: 'off',
  })
  return r.render().asPng()
}

/** Width and height of an SVG document from its root attributes (what vega writes). */
export function svgSize(svg: string): {width: number; height: number} {
  const m = /<svg[^>]*\swidth="([\d.]+)"[^>]*\sheight="([\d.]+)"/.exec(svg)
  if (!m) throw new Error('SVG without width/height')
  return {width: Number(m[1]), height: Number(m[2])}
}
