/**
 * One CSV line split into fields: commas separate; a double-quoted field may hold commas, and `""` inside it is a
 * quote. A quoted field cannot span lines. Shared by the price CSV reader (src/sources/csv.ts, fields as
 * written) and the events CSV reader (src/spec/events-csv.ts, fields trimmed).
 */
export function splitCsvLine(line: string, opts: {trim?: boolean} = {}): string[] {
  const out = line.includes('"') ? splitQuoted(line) : line.split(',')
  return opts.trim ? out.map((f) => f.trim()) : out
}

function splitQuoted(line: string): string[] {
  const out: string[] = []
  let cur = ''
  let quoted = false
  for (let i = 0; i < line.length; i++) {
    const c = line[i]
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cur += '"'
        i++
      } else if (c === '"') quoted = false
      else cur += c
    } else if (c === '"') quoted = true
    else if (c === ',') {
      out.push(cur)
      cur = ''
    } else cur += c
  }
  out.push(cur)
  return out
}
