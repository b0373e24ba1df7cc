// The benchmarks' seeded random numbers (the same sequence as tests/engine/random.ts): mulberry32 and a
// Box-Muller standard normal on top of it.

/** Uniform [0, 1) numbers from a 32-bit seed (mulberry32). */
export function mulberry32(seed) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Standard normal draws from uniform ones (Box-Muller, one draw per pair). */
export function normalGen(rand) {
  return () => {
    const u = 1 - rand()
    const v = rand()
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v)
  }
}
