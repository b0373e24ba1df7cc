/**
 * Minimal PNG reading for tests: size from the IHDR chunk, and a decoder for 8-bit RGB/RGBA non-interlaced
 * images (what resvg and Chromium write) so a screenshot's pixels can be counted.
 */
import {inflateSync} from 'node:zlib'

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

export function pngSize(buf: Buffer): {width: number; height: number} {
  if (!buf.subarray(0, 8).equals(SIGNATURE)) throw new Error('not a PNG')
  if (buf.toString('latin1', 12, 16) !== 'IHDR') throw new Error('IHDR is not the first chunk')
  return {width: buf.readUInt32BE(16), height: buf.readUInt32BE(20)}
}

export function decodePng(buf: Buffer): {width: number; height: number; channels: number; pixels: Buffer} {
  const {width, height} = pngSize(buf)
  const bitDepth = buf[24]
  const colorType = buf[25]
  const interlace = buf[28]
  if (bitDepth !== 8 || (colorType !== 2 && colorType !== 6) || interlace !== 0) {
    throw new Error(`unsupported PNG: depth ${bitDepth}, colour type ${colorType}, interlace ${interlace}`)
  }
  const channels = colorType === 6 ? 4 : 3
  const idat: Buffer[] = []
  for (let off = 8; off < buf.length; ) {
    const len = buf.readUInt32BE(off)
    const type = buf.toString('latin1', off + 4, off + 8)
    if (type === 'IDAT') idat.push(buf.subarray(off + 8, off + 8 + len))
    off += 12 + len
  }
  const raw = inflateSync(Buffer.concat(idat))
  const stride = width * channels
  const out = Buffer.alloc(stride * height)
  for (let y = 0; y < height; y++) {
    const f = raw[y * (stride + 1)]
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1))
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? out[y * stride + x - channels] : 0
      const b = y > 0 ? out[(y - 1) * stride + x] : 0
      const c = x >= channels && y > 0 ? out[(y - 1) * stride + x - channels] : 0
      let v = line[x]
      if (f === 1) v += a
      else if (f === 2) v += b
      else if (f === 3) v += (a + b) >> 1
      else if (f === 4) {
        const p = a + b - c
        const pa = Math.abs(p - a)
        const pb = Math.abs(p - b)
        const pc = Math.abs(p - c)
        v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c
      }
      out[y * stride + x] = v & 0xff
    }
  }
  return {width, height, channels, pixels: out}
}

/** Number of distinct colours and of non-white pixels. */
export function pixelStats(img: {channels: number; pixels: Buffer}): {
  distinct: number
  nonWhite: number
  total: number
} {
  const seen = new Set<number>()
  let nonWhite = 0
  const n = img.pixels.length / img.channels
  for (let i = 0; i < n; i++) {
    const o = i * img.channels
    const r = img.pixels[o]
    const g = img.pixels[o + 1]
    const b = img.pixels[o + 2]
    seen.add((r << 16) | (g << 8) | b)
    if (r < 245 || g < 245 || b < 245) nonWhite++
  }
  return {distinct: seen.size, nonWhite, total: n}
}
