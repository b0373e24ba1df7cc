/**
 * Text fitted to a terminal's width: the columns a string takes on screen, and word wrapping that keeps a line's
 * indentation (continuation lines indented two more).
 */

// Colour codes (SGR) take no columns; neither do combining marks.
const SGR = /\u001b\[[0-9;]*m/g
const MARK = /\p{M}/u
// East Asian wide and fullwidth ranges and emoji take two columns.
const WIDE =
  /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|\p{Extended_Pictographic}/u

/** Columns the text takes on a terminal (one line; colour codes and combining marks take none). */
export function displayWidth(text: string): number {
  let n = 0
  for (const ch of text.replace(SGR, '')) n += MARK.test(ch) ? 0 : WIDE.test(ch) ? 2 : 1
  return n
}

/** The widest line of a text that may hold newlines. */
export function blockWidth(text: string): number {
  let w = 0
  for (const line of text.split('\n')) w = Math.max(w, displayWidth(line))
  return w
}

/**
 * The pieces a line may break between: after a space (kept with the word before it), after `..` of a date
 * range and after the `T` of a timestamp, so `2025-01-17..2025-01-22` can stand on two lines.
 */
export function breakPieces(line: string): string[] {
  return line.match(/[^ ]*?(?:\.\.|\d{4}-\d\d-\d\dT)(?=[^ .])|[^ ]+ *| +/g) ?? []
}

/** Splits a piece wider than `width` into pieces of `width` columns (a path or a long token). */
function hardBreak(piece: string, width: number): string[] {
  const out: string[] = []
  let cur = ''
  for (const ch of piece) {
    if (displayWidth(cur + ch) > width && cur !== '') {
      out.push(cur)
      cur = ''
    }
    cur += ch
  }
  return cur === '' ? out : [...out, cur]
}

/**
 * One line wrapped at `width` columns: greedy, breaking after spaces and `..`; continuation lines take the line's
 * own indentation plus `hang` spaces. A piece wider than the room left is broken hard.
 */
export function wrapLine(line: string, width: number, hang = 2): string[] {
  if (!Number.isFinite(width) || displayWidth(line) <= width) return [line]
  const lead = /^ */.exec(line)?.[0] ?? ''
  // On a very narrow width the indentation gives way to the text.
  const indent = ' '.repeat(Math.min(lead.length + hang, Math.floor(width / 3)))
  const out: string[] = []
  let cur = lead
  let fresh = true
  for (const raw of breakPieces(line.slice(lead.length))) {
    const room = width - displayWidth(cur)
    if (displayWidth(raw.trimEnd()) <= room) {
      cur += raw
      fresh = false
      continue
    }
    if (!fresh) {
      out.push(cur.trimEnd())
      cur = indent
    }
    const parts = hardBreak(raw.trimEnd(), width - displayWidth(cur))
    for (const p of parts.slice(0, -1)) {
      out.push(cur + p)
      cur = indent
    }
    cur += parts[parts.length - 1] ?? ''
    if (raw.endsWith(' ')) cur += ' '
    fresh = false
  }
  out.push(cur.trimEnd())
  return out
}

/** Text (lines separated by newlines) with every line wrapped at `width` columns (no limit: unchanged). */
export function wrapText(text: string, width: number | undefined, hang = 2): string {
  if (width === undefined || !Number.isFinite(width)) return text
  return text
    .split('\n')
    .flatMap((l) => wrapLine(l, width, hang))
    .join('\n')
}

/** The widest piece of a text: the narrowest it can be wrapped without breaking a word. */
export function narrowest(text: string): number {
  let w = 0
  for (const line of text.split('\n')) {
    const lead = /^ */.exec(line)?.[0].length ?? 0
    const pieces = breakPieces(line.slice(lead)).map((p) => displayWidth(p.trimEnd()))
    w = Math.max(w, lead + (pieces[0] ?? 0), ...pieces)
  }
  return w
}
