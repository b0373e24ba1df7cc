#!/usr/bin/env node
// The layers of src/ (README, "Layers"): each file imports only from its own layer or the layers below it, and no
// files import each other in a loop. Type-only and lazy `import()` imports count like any other.
// Usage: node scripts/check-layers.mjs [--graph]   (exit 1 on a violation)
import {readdirSync, readFileSync, statSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'src')

/** Lowest first. A path under src/ belongs to the first layer whose prefix it starts with. */
export const LAYERS = [
  {name: 'core', paths: ['types.ts', 'errors.ts', 'version.ts', 'finite.ts']},
  {name: 'engine', paths: ['engine/']},
  {name: 'store', paths: ['store/']},
  {name: 'sources', paths: ['sources/']},
  {name: 'spec', paths: ['spec/']},
  {name: 'result', paths: ['result.ts']},
  {name: 'analysis', paths: ['analysis/']},
  {name: 'study', paths: ['study/']},
  {name: 'report', paths: ['report/']},
  {name: 'render', paths: ['render/']},
  {name: 'cli', paths: ['cli/']},
  {name: 'commands', paths: ['commands/']},
  {name: 'library', paths: ['index.ts']},
]

function layerOf(rel) {
  const i = LAYERS.findIndex((l) => l.paths.some((p) => (p.endsWith('/') ? rel.startsWith(p) : rel === p)))
  return i
}

function listTs(dir) {
  const out = []
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name)
    if (statSync(p).isDirectory()) out.push(...listTs(p))
    else if (name.endsWith('.ts')) out.push(p)
  }
  return out
}

/** Relative imports of a file (static, type-only, re-exports and dynamic), resolved to src-relative .ts paths. */
function importsOf(file) {
  const text = readFileSync(file, 'utf8')
  const specs = new Set()
  const re = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)['"](\.{1,2}\/[^'"]+)['"]/g
  for (let m = re.exec(text); m !== null; m = re.exec(text)) specs.add(m[1])
  return [...specs].map((s) => path.relative(root, path.resolve(path.dirname(file), s.replace(/\.js$/, '.ts'))))
}

export function checkLayers() {
  const files = listTs(root).map((f) => path.relative(root, f).split(path.sep).join('/'))
  const graph = new Map(files.map((f) => [f, importsOf(path.join(root, f)).map((p) => p.split(path.sep).join('/'))]))
  const problems = []
  for (const [file, deps] of graph) {
    const from = layerOf(file)
    if (from < 0) problems.push(`${file}: in no layer; add its folder to LAYERS in scripts/check-layers.mjs`)
    for (const dep of deps) {
      const to = layerOf(dep)
      if (from >= 0 && to > from)
        problems.push(`${file} (${LAYERS[from].name}) imports ${dep} (${LAYERS[to].name}), a higher layer`)
    }
  }
  for (const cycle of cycles(graph)) problems.push(`import loop: ${cycle.join(' -> ')}`)
  return {files: files.length, problems}
}

/** Strongly connected components with more than one file (Tarjan), each written as a loop. */
function cycles(graph) {
  let index = 0
  const idx = new Map()
  const low = new Map()
  const stack = []
  const on = new Set()
  const out = []
  const visit = (v) => {
    idx.set(v, index)
    low.set(v, index++)
    stack.push(v)
    on.add(v)
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue
      if (!idx.has(w)) {
        visit(w)
        low.set(v, Math.min(low.get(v), low.get(w)))
      } else if (on.has(w)) low.set(v, Math.min(low.get(v), idx.get(w)))
    }
    if (low.get(v) === idx.get(v)) {
      const comp = []
      let w
      do {
        w = stack.pop()
        on.delete(w)
        comp.push(w)
      } while (w !== v)
      if (comp.length > 1) out.push([...comp.reverse(), comp[0]])
    }
  }
  for (const v of graph.keys()) if (!idx.has(v)) visit(v)
  return out
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const {files, problems} = checkLayers()
  if (problems.length > 0) {
    process.stderr.write(
      `layers: ${problems.length} problem(s) in ${files} files of src/:\n${problems.map((p) => `  ${p}`).join('\n')}\n`,
    )
    process.exit(1)
  }
  process.stdout.write(`layers: ${files} files of src/ hold their layers (${LAYERS.map((l) => l.name).join(' < ')})\n`)
}
