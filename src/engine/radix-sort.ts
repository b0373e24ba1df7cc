/**
 * Counting pass of one 16-bit LSD digit: counts[b] becomes the first output slot of digit b, the digit of entry k
 * being bits [shift, shift + 16) of its word `word` (0 low, 1 high) in the little-endian words of a Float64Array.
 */
function digitStarts(words: Uint32Array, n: number, word: number, shift: number, counts: Int32Array): void {
  counts.fill(0)
  for (let k = 0; k < n; k++) counts[(words[2 * k + word] >>> shift) & 0xffff]++
  let sum = 0
  for (let b = 0; b < 65536; b++) {
    const c = counts[b]
    counts[b] = sum
    sum += c
  }
}

/**
 * Sorts non-negative finite doubles ascending, in place. For n >= 4096 an LSD radix sort on the IEEE-754 bits
 * (which order like the values when the sign bit is clear): four 16-bit passes, O(n), several times faster than
 * the native comparison sort at the 100,000-security scale. Smaller arrays use the native sort.
 */
export function sortNonNegative(a: Float64Array): Float64Array {
  const n = a.length
  if (n < 4096) return a.sort()
  const tmp = new Float64Array(n)
  const counts = new Int32Array(65536)
  let src: Float64Array = a
  let dst: Float64Array = tmp
  for (let pass = 0; pass < 4; pass++) {
    // little-endian words: 16-bit digit `pass` sits in word pass >> 1, shift 16 * (pass & 1)
    const words = new Uint32Array(src.buffer, src.byteOffset, 2 * n)
    const word = pass >> 1
    const shift = 16 * (pass & 1)
    digitStarts(words, n, word, shift, counts)
    for (let k = 0; k < n; k++) dst[counts[(words[2 * k + word] >>> shift) & 0xffff]++] = src[k]
    const t = src
    src = dst
    dst = t
  }
  // four passes: the result is back in `a`
  return a
}

/**
 * The indices 0..n-1 of non-negative doubles (no NaN) in ascending order of value, equal values in index order
 * (stable; -0 counts as 0). For n >= 4096 a stable LSD radix sort of the indices on the IEEE-754 bits, four 16-bit
 * passes; smaller arrays use the native sort with the index as tie-break.
 */
export function ascendingOrder(a: Float64Array): Int32Array {
  const n = a.length
  const keys = new Float64Array(n)
  for (let k = 0; k < n; k++) keys[k] = a[k] + 0 // -0 + 0 is +0, whose bits sort first
  let src = new Int32Array(n)
  for (let k = 0; k < n; k++) src[k] = k
  if (n < 4096) return src.sort((x, y) => keys[x] - keys[y] || x - y)
  let dst = new Int32Array(n)
  const words = new Uint32Array(keys.buffer)
  const counts = new Int32Array(65536)
  for (let pass = 0; pass < 4; pass++) {
    const word = pass >> 1
    const shift = 16 * (pass & 1)
    digitStarts(words, n, word, shift, counts)
    for (let q = 0; q < n; q++) {
      const k = src[q]
      dst[counts[(words[2 * k + word] >>> shift) & 0xffff]++] = k
    }
    const t = src
    src = dst
    dst = t
  }
  return src
}
