/**
 * JSON written as a stream: exactly the bytes of JSON.stringify(value, null, 2) + '\n' (pretty) or of
 * JSON.stringify(value) + '\n' (compact), produced chunk by chunk, so a result larger than the longest string V8 can
 * hold (about 512 MB) can still be printed or saved, and memory does not grow with the document. A small subtree
 * (a security row) is written by the native JSON.stringify (indented by it when pretty): the walk entry by entry is
 * only for the large containers above it.
 */

/** Where the chunks go: a Node stream (write returns false when its buffer is full) or a test's sink. */
export interface ChunkSink {
  write(text: string): unknown
  once?(event: 'drain' | 'close' | 'error', listener: () => void): unknown
  off?(event: 'drain' | 'close' | 'error', listener: () => void): unknown
}

/** Text gathered before a chunk is handed on. */
const CHUNK = 64 * 1024

type Container = Record<string, unknown> | unknown[]

/** The value as JSON.stringify sees it: toJSON(key) applied, boxed primitives unwrapped. */
function prepare(key: string | number, value: unknown): unknown {
  let v = value
  if (v !== null && (typeof v === 'object' || typeof v === 'bigint')) {
    const toJSON = (v as {toJSON?: unknown}).toJSON
    // An array's index is passed as a string, as JSON.stringify does.
    if (typeof toJSON === 'function') v = toJSON.call(v, String(key))
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

/** Characters of text a subtree may have to be written whole by JSON.stringify: about one chunk. */
const SMALL = CHUNK

/**
 * Whether `v` is a plain container whose JSON is about `budget` characters or less (keys, strings and a few
 * characters per value counted, so a few times that at most): a toJSON, a cycle or a larger subtree answers false
 * and is walked entry by entry instead.
 */
function isSmall(v: object, budget: number): boolean {
  let left = budget
  const stack: object[] = [v]
  while (stack.length > 0) {
    const o = stack.pop() as Record<string, unknown>
    if (typeof o.toJSON === 'function') return false
    // An array by index: for-in would make a string of each index.
    const keys = Array.isArray(o) ? null : Object.keys(o)
    const n = keys ? keys.length : (o as unknown as unknown[]).length
    for (let i = 0; i < n; i++) {
      const x = keys ? o[keys[i]] : (o as unknown as unknown[])[i]
      left -= (keys ? keys[i].length : digits(i)) + 8
      if (typeof x === 'string') left -= x.length * 6
      else if (x !== null && typeof x === 'object') stack.push(x)
      if (left < 0) return false
    }
  }
  return true
}

/** Characters of an array index written as a key. */
const digits = (i: number): number => (i < 10 ? 1 : i < 100 ? 2 : String(i).length)

/**
 * A small container's JSON by JSON.stringify, indented to sit at `indent`: the value is nested in as many arrays
 * as `indent` has levels, so JSON.stringify indents it itself, and the arrays' brackets are cut off (no second
 * pass over the text to re-indent it).
 */
function nativeText(v: object, indent: string | null): string {
  if (indent === null) return JSON.stringify(v)
  const depth = indent.length / 2
  let wrapped: unknown = v
  for (let d = 0; d < depth; d++) wrapped = [wrapped]
  const text = JSON.stringify(wrapped, null, 2)
  // Each level adds '[\n' and its indent before the value, '\n', its indent and ']' after it.
  const before = depth * (depth + 3)
  const after = depth * (depth + 1)
  return text.slice(before, text.length - after)
}

/**
 * Told before each entry of a top-level array is written: the array's key, the entry's index and the length
 * (for a progress bar over the security rows).
 */
export type EntryHook = (key: string, index: number, length: number) => void

/**
 * Writes a container entry by entry, yielding the chunks as they fill; `indent` is its indent when pretty, null
 * when compact; `seen` holds the containers above; `onEntry` is told each of its entries, `hook` is passed on (as
 * `onEntry`) to the arrays of a top-level object.
 */
function* container(
  w: Chunker,
  v: Container,
  indent: string | null,
  seen: object[],
  onEntry?: (index: number, length: number) => void,
  hook?: EntryHook,
): Generator<string> {
  if (seen.includes(v)) throw new TypeError('Converting circular structure to JSON')
  seen.push(v)
  const inner = indent === null ? null : `${indent}  `
  // What goes before an entry (after the bracket or the comma) and between a key and its value.
  const lead = inner === null ? '' : `\n${inner}`
  const colon = inner === null ? ':' : ': '
  const isArray = Array.isArray(v)
  const keys = isArray ? null : Object.keys(v)
  const n = keys ? keys.length : (v as unknown[]).length
  let first = true
  for (let i = 0; i < n; i++) {
    // An array read by index: a string key would make V8 look the index up by name.
    const k = keys ? keys[i] : ''
    const x = keys ? prepare(k, (v as Record<string, unknown>)[k]) : prepare(i, (v as unknown[])[i])
    const isObject = x !== null && typeof x === 'object'
    const text = isObject ? undefined : primitiveText(x)
    // Objects leave such a value out; arrays write null in its place.
    if (!isObject && text === undefined && !isArray) continue
    w.push(first ? `${isArray ? '[' : '{'}${lead}` : `,${lead}`)
    first = false
    if (!isArray) w.push(`${JSON.stringify(k)}${colon}`)
    onEntry?.(i, n)
    if (isObject && isSmall(x as object, SMALL)) w.push(nativeText(x as object, inner))
    else if (isObject) {
      const name = keys ? k : String(i)
      const told = hook && Array.isArray(x) ? (j: number, m: number) => hook(name, j, m) : undefined
      yield* container(w, x as Container, inner, seen, told)
    } else w.push(text ?? 'null')
    if (w.ready.length > 0) yield* w.drain()
  }
  const end = indent === null ? '' : `\n${indent}`
  w.push(first ? (isArray ? '[]' : '{}') : `${end}${isArray ? ']' : '}'}`)
  seen.pop()
}

/** How the JSON is laid out: two-space indented (pretty, for a person at a terminal) or on one line (compact). */
export type JsonLayout = 'pretty' | 'compact'

/**
 * The chunks of JSON.stringify(value, null, 2) + '\n' (pretty) or JSON.stringify(value) + '\n' (compact), each
 * about 64 KB (one long string may make one larger). A value JSON leaves out entirely gives 'undefined\n', as that
 * concatenation would.
 */
export function* jsonChunks(value: unknown, onEntry?: EntryHook, layout: JsonLayout = 'pretty'): Generator<string> {
  const top = prepare('', value)
  if (top === null || typeof top !== 'object') {
    yield `${primitiveText(top) ?? 'undefined'}\n`
    return
  }
  const w = new Chunker()
  yield* container(w, top as Container, layout === 'pretty' ? '' : null, [], undefined, onEntry)
  w.push('\n')
  w.flush()
  yield* w.drain()
}

/** Writes each chunk to the sink, waiting for 'drain' whenever its buffer is full (write returned false). */
async function writeChunks(sink: ChunkSink, chunks: Iterable<string>): Promise<void> {
  for (const chunk of chunks) {
    const ok = sink.write(chunk)
    if (ok === false && sink.once && !(await drained(sink))) return
  }
}

/**
 * Waits until the sink can take more: true on 'drain'; false when it closed or failed instead (the reader went
 * away, as `| head` does), so the writer stops rather than wait for a drain that never comes.
 */
function drained(sink: ChunkSink): Promise<boolean> {
  return new Promise((resolve) => {
    const done = (more: boolean) => () => {
      sink.off?.('drain', onDrain)
      sink.off?.('close', onEnd)
      sink.off?.('error', onEnd)
      resolve(more)
    }
    const onDrain = done(true)
    const onEnd = done(false)
    sink.once?.('drain', onDrain)
    sink.once?.('close', onEnd)
    sink.once?.('error', onEnd)
  })
}

/**
 * Writes the JSON of `value` (jsonChunks) to the sink chunk by chunk, waiting for 'drain' whenever the sink's
 * buffer is full (write returned false), so memory stays bounded by about one chunk.
 */
export function writeJson(
  sink: ChunkSink,
  value: unknown,
  onEntry?: EntryHook,
  layout: JsonLayout = 'pretty',
): Promise<void> {
  return writeChunks(sink, jsonChunks(value, onEntry, layout))
}

/** Pieces of text (lines) gathered into chunks of about 64 KB. */
function* gathered(pieces: Iterable<string>): Generator<string> {
  const w = new Chunker()
  for (const p of pieces) {
    w.push(p)
    yield* w.drain()
  }
  w.flush()
  yield* w.drain()
}

/** Writes the pieces (JSON lines, CSV lines) in chunks of about 64 KB, with the same backpressure. */
export function writePieces(sink: ChunkSink, pieces: Iterable<string>): Promise<void> {
  return writeChunks(sink, gathered(pieces))
}
