// A `fetch` that answers like Kenneth French's data library: each `<name>_CSV.zip` is built here (fflate's
// zipSync) from the published files in ../shared/data/factors/original, with fault injection. Plain JS so that
// the built CLI can load it through the testing hook AFTERSHOCK_FACTORS_FETCH=/abs/path/tests/helpers/factors-fetch.mjs;
// its default export reads its options from the env var AFTERSHOCK_FAKE_FACTORS (JSON).
import {zipSync} from 'fflate'
import {readFileSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

const HERE = path.dirname(fileURLToPath(import.meta.url))
const ORIGINALS = path.resolve(
  process.env.AFTERSHOCK_SHARED_DIR ?? path.join(HERE, '..', '..', '..', 'shared'),
  'data',
  'factors',
  'original',
)

/**
 * Faults per zip name (F-F_Research_Data_Factors_daily ...), one per request in order, then the zip:
 * 'server-error' 500; 'rate-limit' 429; 'timeout' never answers (rejects with AbortError on abort);
 * 'malformed' 200 with bytes that are no zip; 'no-csv' a zip holding only a readme; 'not-found' 404.
 */
function fault(kind, signal) {
  if (kind === 'server-error') return new Response('Internal Server Error', {status: 500})
  if (kind === 'rate-limit') return new Response('Too Many Requests', {status: 429})
  if (kind === 'not-found') return new Response('Not Found', {status: 404, statusText: 'Not Found'})
  if (kind === 'malformed') return new Response('<html>maintenance</html>', {status: 200})
  if (kind === 'no-csv') return new Response(zipSync({'README.txt': new TextEncoder().encode('nothing here')}))
  if (kind === 'timeout')
    return new Promise((_resolve, reject) => {
      const abort = () => reject(Object.assign(new Error('The operation was aborted.'), {name: 'AbortError'}))
      if (signal?.aborted) abort()
      else signal?.addEventListener('abort', abort, {once: true})
    })
  throw new Error(`unknown fault ${kind}`)
}

/**
 * @param {object} [options]
 * @param {string} [options.dir] folder of French's files (default ../shared/data/factors/original)
 * @param {Record<string, string[]>} [options.faults] faults per zip name, used in order, one per request
 * @param {boolean} [options.upperCase] name the CSV inside the zip `.CSV`, as French's older zips did
 */
export function createFactorsFetch(options = {}) {
  const dir = options.dir ?? ORIGINALS
  const faults = Object.fromEntries(Object.entries(options.faults ?? {}).map(([k, v]) => [k, [...v]]))
  const calls = []
  async function fakeFetch(input, init = {}) {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url)
    calls.push(url.href)
    const m = /\/ftp\/(.+)_CSV\.zip$/.exec(url.pathname)
    if (!m) return fault('not-found')
    const name = m[1]
    const next = faults[name]?.shift()
    if (next) return fault(next, init.signal)
    let bytes
    try {
      bytes = readFileSync(path.join(dir, `${name}.csv`))
    } catch {
      return fault('not-found')
    }
    const entry = `${name}.${options.upperCase ? 'CSV' : 'csv'}`
    return new Response(zipSync({[entry]: new Uint8Array(bytes)}), {
      status: 200,
      headers: {'content-type': 'application/x-zip-compressed'},
    })
  }
  fakeFetch.calls = calls
  return fakeFetch
}

export default createFactorsFetch(JSON.parse(process.env.AFTERSHOCK_FAKE_FACTORS ?? '{}'))
