/**
 * Seeded pseudo-random numbers for the engine's resampling (bootstrap): mulberry32, a 32-bit generator with one
 * 32-bit state word (Tommy Ettinger, 2017; public domain). Fast, period 2^32, passes the PractRand/BigCrush batteries
 * that matter at bootstrap sizes; not for cryptography. The same seed gives the same sequence on every platform.
 */

export interface Random {
  /** Next 32 random bits as an unsigned integer in [0, 2^32). */
  uint32(): number
  /** Uniform in [0, 1). */
  uniform(): number
  /** Uniform integer in [0, n), n <= 2^32 (multiply-shift: bias below 2^-32 · n, negligible for bootstrap sizes). */
  below(n: number): number
}

/** A mulberry32 generator started from `seed` (any number; its low 32 bits are used). */
export function createRandom(seed: number): Random {
  let a = seed >>> 0
  const uint32 = (): number => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return (t ^ (t >>> 14)) >>> 0
  }
  return {
    uint32,
    uniform: () => uint32() / 4294967296,
    below: (n: number) => Math.floor((uint32() / 4294967296) * n),
  }
}
