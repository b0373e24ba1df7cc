/**
 * Symbol naming. The store key is the symbol upper-cased with a leading '^' stripped (the shared files say
 * GSPC, IXIC, VIX); Yahoo wants '^GSPC' for an index, so the Yahoo symbol is derived from the key.
 */

/** Index keys that Yahoo spells with a leading '^'. */
export const KNOWN_INDEXES: ReadonlySet<string> = new Set(['GSPC', 'IXIC', 'DJI', 'NDX', 'RUT', 'VIX'])

/** Store key of a symbol as typed: trimmed, upper-cased, leading '^' removed (`^gspc` -> `GSPC`). */
export function normalizeSymbol(s: string): string {
  return s.trim().replace(/^\^/, '').toUpperCase()
}

/**
 * Yahoo's symbol for a key or a symbol as typed: '^' + key for the known indexes or when the user typed '^'
 * (`GSPC` -> `^GSPC`, `^FTSE` -> `^FTSE`, `nvda` -> `NVDA`).
 */
export function yahooSymbol(keyOrTyped: string): string {
  const key = normalizeSymbol(keyOrTyped)
  return keyOrTyped.trim().startsWith('^') || KNOWN_INDEXES.has(key) ? '^' + key : key
}

/** True for a plausible ticker (letters, digits and . - = ^ only), so a typo fails early with a clear message. */
export function isValidSymbol(s: string): boolean {
  return /^\^?[A-Za-z0-9][A-Za-z0-9.\-=]{0,19}$/.test(s.trim())
}
