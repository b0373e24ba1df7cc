/**
 * The `key=value` lines of a data snapshot's header (./snapshot.ts): `# symbol: SPY rows=.. covers=a..b ...` and
 * `# factors: ff3 columns=.. rows=.. ...`. Values are URI-encoded, `-` stands for none; one writer and one reader
 * for every kind of line, so the two kinds cannot drift apart.
 */

/** `# kind: name k=v k=v`: each value URI-encoded, null written as `-`. */
export function headerLine(kind: string, name: string, kv: Record<string, string | number | null>): string {
  const pairs = Object.entries(kv).map(([k, v]) => `${k}=${v === null ? '-' : encodeURIComponent(String(v))}`)
  return `# ${kind}: ${name} ${pairs.join(' ')}`
}

/** A header line's text after `# kind: `, read back: its name and each key's decoded value (null for `-` or none). */
export function readHeaderLine(text: string): {name: string; get: (key: string) => string | null} {
  const [name, ...pairs] = text.split(' ')
  const kv = new Map(pairs.map((p) => p.split('=') as [string, string]))
  return {
    name,
    get(key) {
      const v = kv.get(key)
      return v === undefined || v === '-' ? null : decodeURIComponent(v)
    },
  }
}

/** A `covers` value `YYYY-MM-DD..YYYY-MM-DD` as its two dates; null for anything else (`all`, none, malformed). */
export function coversSpan(text: string | null): {from: string; to: string} | null {
  const span = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(text ?? '')
  return span ? {from: span[1], to: span[2]} : null
}
