/**
 * JSON written as a stream: exactly the bytes of JSON.stringify(value, null, 2) + '\n', produced chunk by chunk,
 * so a result larger than the longest string V8 can hold (about 512 MB) can still be printed or saved.
 */

/** Where the chunks go: a Node stream (write returns false when its buffer is full) or a test's sink. */
export interface ChunkSink {
  write(text: string): unknown
  once?(event: 'drain', listener: () => void): unknown
}

/** Text gathered before a chunk is handed on. */
const CHUNK = 64 * 1024

type Container = Record<string, unknown> | unknown[]

/** The value as JSON.stringify sees it: toJSON(key) applied, boxed primitives unwrapped. */
function prepare(key: string, value: unknown): unknown {
  let v = value
  if (v !== null && (typeof v === 'object' || typeof v === 'bigint')) {
    const toJSON = (v as {toJSON?: unknown}).toJSON
    if (typeof toJSON === 'function') v = toJSON.call(v, key)
  }
  if (v instanceof Number) return Number(v)
  if (v instanceof String) return String(v)
  if (v instanceof Boolean) return v.valueOf()
  return v
}

/** The JSON text of a primitive, or undefined for what JSON leaves out (undefined, functions, symbols). */
function primitiveText(v: unknown): string | undefined {
  if (v === null) return 'null'
  switch (typeof v) {
    case 'string':
      return JSON.stringify(v)
    case 'number':
      return Number.isFinite(v) ? String(v) : 'null'
    case 'boolean':
      return v ? 'true' : 'false'
    case 'bigint':
      // Throws the same TypeError JSON.stringify does.
      return JSON.stringify(v)
    default:
      return undefined
  }
}

/** Gathers text and hands it on in chunks of about CHUNK characters. */
class Chunker {
  ready: string[] = []
  private parts: string[] = []
  private size = 0

  push(s: string): void {
    this.parts.push(s)
    this.size += s.length
    if (this.size >= CHUNK) this.flush()
  }

  flush(): void {
    if (this.size === 0) return
    this.ready.push(this.parts.join(''))
    this.parts = []
    this.size = 0
  }

  *drain(): Generator<string> {
    while (this.ready.length > 0) yield this.ready.shift() as string
  }
}

/** Writes a container entry by entry, yielding the chunks as they fill; `seen` holds the containers above. */
function* container(w: Chunker, v: Container, indent: string, seen: object[]): Generator<string> {
  if (seen.includes(v)) throw new TypeError('Converting circular structure to JSON')
  seen.push(v)
  const inner = `${indent}  `
  const isArray = Array.isArray(v)
  const keys = isArray ? null : Object.keys(v)
  const n = keys ? keys.length : (v as unknown[]).length
  let first = true
  for (let i = 0; i < n; i++) {
    const k = keys ? keys[i] : String(i)
    const x = prepare(k, (v as Record<string, unknown>)[k])
    const isObject = x !== null && typeof x === 'object'
    const text = isObject ? undefined : primitiveText(x)
    // Objects leave such a value out; arrays write null in its place.
    if (!isObject && text === undefined && !isArray) continue
    w.push(first ? `${isArray ? '[' : '{'}\n${inner}` : `,\n${inner}`)
    first = false
    if (!isArray) w.push(`${JSON.stringify(k)}: `)
    if (isObject) yield* container(w, x as Container, inner, seen)
    else w.push(text ?? 'null')
    yield* w.drain()
  }
  w.push(first ? (isArray ? '[]' : '{}') : `\n${indent}${isArray ? ']' : '}'}`)
  seen.pop()
}

/**
 * The chunks of JSON.stringify(value, null, 2) + '\n', each about 64 KB (one long string may make one larger).
 * A value JSON leaves out entirely gives 'undefined\n', as that concatenation would.
 */
export function* jsonChunks(value: unknown): Generator<string> {
  const top = prepare('', value)
  if (top === null || typeof top !== 'object') {
    yield `${primitiveText(top) ?? 'undefined'}\n`
    return
  }
  const w = new Chunker()
  yield* container(w, top as Container, '', [])
  w.push('\n')
  w.flush()
  yield* w.drain()
}

/**
 * Writes JSON.stringify(value, null, 2) + '\n' to the sink chunk by chunk, waiting for 'drain' whenever the
 * sink's buffer is full (write returned false), so memory stays bounded by about one chunk.
 */
export async function writeJson(sink: ChunkSink, value: unknown): Promise<void> {
  for (const chunk of jsonChunks(value)) {
    const ok = sink.write(chunk)
    if (ok === false && sink.once) await new Promise<void>((resolve) => sink.once?.('drain', resolve))
  }
}
