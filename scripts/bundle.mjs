#!/usr/bin/env node
/**
 * The CLI's bundle: `node scripts/bundle.mjs DIST` joins tsc's output in DIST with oclif and the small pure-JS
 * packages into DIST/bundle/ (rolldown), so a command starts by reading a few files instead of about 300 (a
 * `study run --json` opened 314 JavaScript files, now 30; each a path search, a read and a compile):
 *
 *   DIST/bundle/main.js             oclif's `execute`, which bin/run.js starts;
 *   DIST/bundle/commands/<id>.js    one entry per command, where package.json's oclif.commands points;
 *   DIST/bundle/chunks/*.js         the modules they share (oclif's classes among them: one copy, so the
 *                                   commands and `execute` agree on Command and Config).
 *
 * Lazy `import()`s stay lazy (their own chunks). Packages with native code or large optional ones (SQLite, the
 * SVG rasteriser, vega, yahoo-finance2) stay outside and load from node_modules as before.
 *
 * A bundled module keeps the `import.meta.url` of its own file in DIST (a relative URL, resolved where the bundle
 * lies), so the files it finds next to itself (studies/, schema/, package.json, the price-file worker) are found
 * as before. DIST/index.js, the library entry, is not bundled.
 */
import {readdirSync, statSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {build} from 'rolldown'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const EXTERNAL = [/^better-sqlite3(\/|$)/, /^@resvg\//, /^vega(-lite)?(\/|$)/, /^yahoo-finance2(\/|$)/]
// oclif looks for a TypeScript loader in development only; none is shipped.
const DEV_ONLY = [/^typescript(\/|$)/, /^ts-node(\/|$)/, /^tsx(\/|$)/]
const DIST_MARK = '__aftershock_dist__'
// oclif's runner is CommonJS: re-exported by name from an ES entry, so bin/run.js can import `execute`.
const MAIN = '\0aftershock-main'
const MAIN_SOURCE = "export {execute} from '@oclif/core/execute'\n"

/** Command files under DIST/commands, as entry names (`commands/study/run`) to their paths. */
function commandEntries(dist) {
  const entries = {}
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const p = path.join(dir, name)
      if (statSync(p).isDirectory()) walk(p)
      else if (name.endsWith('.js')) entries[path.relative(dist, p).replace(/\.js$/, '').split(path.sep).join('/')] = p
    }
  }
  walk(path.join(dist, 'commands'))
  return entries
}

/** `import.meta.url` of a file in DIST, written relative to DIST (made relative to its chunk below). */
function ownUrl(dist, id) {
  const rel = path.relative(dist, id).split(path.sep).join('/')
  return `new URL(${JSON.stringify(`${DIST_MARK}/${rel}`)}, import.meta.url).href`
}

/** Bundles DIST's commands and oclif's `execute` into DIST/bundle. */
export async function bundle(dist) {
  const out = path.join(dist, 'bundle')
  const input = {main: MAIN, ...commandEntries(dist)}
  await build({
    input,
    cwd: root,
    platform: 'node',
    logLevel: 'warn',
    external: [...EXTERNAL, ...DEV_ONLY],
    plugins: [
      {
        name: 'main-entry',
        resolveId: (id) => (id === MAIN ? MAIN : null),
        load: (id) => (id === MAIN ? MAIN_SOURCE : null),
      },
      {
        name: 'own-import-meta-url',
        transform(code, id) {
          if (!id.startsWith(dist + path.sep) || !code.includes('import.meta.url')) return null
          return code.replaceAll('import.meta.url', ownUrl(dist, id))
        },
        renderChunk(code, chunk) {
          if (!code.includes(DIST_MARK)) return null
          const up = path.relative(path.dirname(path.join(out, chunk.fileName)), dist)
          return code.replaceAll(`${DIST_MARK}/`, `${up.split(path.sep).join('/')}/`)
        },
      },
    ],
    output: {dir: out, format: 'esm', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js'},
  })
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dist = path.resolve(process.argv[2] ?? path.join(root, 'dist'))
  await bundle(dist)
}
