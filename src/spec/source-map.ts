/**
 * Source positions of a parsed YAML/JSON study file: field paths to 1-based lines, and the field path of a
 * duplicate key, so every issue names its line.
 */
import {isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node} from 'yaml'
import {formatPath, type PathSeg} from './issues.js'

/** Maps field paths of a parsed YAML/JSON document to 1-based lines. */
export class SourceMap {
  constructor(
    private readonly doc: Document,
    private readonly lc: LineCounter,
  ) {}

  lineAt(offset: number): number {
    return this.lc.linePos(offset).line
  }

  /** Line of the value at `path` (or of its key with `key`), else of the deepest ancestor found. */
  line(path: PathSeg[], key = false): number | null {
    let node: unknown = this.doc.contents
    let line: number | null = this.nodeLine(node)
    for (let i = 0; i < path.length; i++) {
      const seg = path[i]
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg))
        if (!pair) return line
        if (key && i === path.length - 1) return this.nodeLine(pair.key) ?? line
        node = pair.value
        line = this.nodeLine(node) ?? this.nodeLine(pair.key) ?? line
      } else if (isSeq(node) && typeof seg === 'number') {
        node = node.items[seg]
        line = this.nodeLine(node) ?? line
      } else {
        return line
      }
    }
    return line
  }

  private nodeLine(node: unknown): number | null {
    const range = (node as Node | null)?.range
    return range ? this.lineAt(range[0]) : null
  }
}

/** Field path of the duplicate key starting at `offset`: the path of its map plus the key. */
export function duplicatePath(doc: Document, offset: number): {path: string; first: number | null} {
  const path: PathSeg[] = []
  const within = (n: unknown): boolean => {
    const r = (n as Node | null)?.range
    return !!r && r[0] <= offset && offset < Math.max(r[1], r[0] + 1)
  }
  let node: unknown = doc.contents
  for (;;) {
    if (isMap(node)) {
      const hit = node.items.find((p) => within(p.key))
      if (hit && isScalar(hit.key)) {
        const key = String(hit.key.value)
        const first = node.items.find((p) => isScalar(p.key) && String(p.key.value) === key)
        const r = (first?.key as Node | null)?.range
        return {path: formatPath([...path, key]), first: r ? r[0] : null}
      }
      const pair = node.items.find((p) => {
        const r = (p.value as Node | null)?.range
        return r && r[0] <= offset && offset < r[2]
      })
      if (!pair || !isScalar(pair.key)) break
      path.push(String(pair.key.value))
      node = pair.value
    } else if (isSeq(node)) {
      const i = node.items.findIndex((it) => {
        const r = (it as Node | null)?.range
        return r && r[0] <= offset && offset < r[2]
      })
      if (i < 0) break
      path.push(i)
      node = node.items[i]
    } else break
  }
  return {path: formatPath(path), first: null}
}
