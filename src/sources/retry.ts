/**
 * Retries of requests to Yahoo and to French's data library: which errors are worth another try, and the exponential backoff with jitter
 * between tries (delays injectable so tests run fast).
 */

export interface RetryPolicy {
  /** Attempts per request, the first included (default 4). */
  attempts?: number
  /** First backoff delay, ms (default 1000); doubles each retry, plus jitter up to the same amount. */
  baseDelayMs?: number
  /** Longest single delay, ms (default 30 s). */
  maxDelayMs?: number
  /** Sleep function (tests pass one that records and returns at once). */
  sleep?: (ms: number) => Promise<void>
  /** Random source in [0, 1) for the jitter. */
  random?: () => number
  /** Told before each retry: the error, the attempt that failed (1-based) and the delay before the next. */
  onRetry?: (err: unknown, attempt: number, delayMs: number) => void
}

/**
 * An HTTP 429 or 5xx answer, named like yahoo-finance2's own HTTPError so that retries treat both alike (Yahoo
 * and French's data library).
 */
export class HttpStatusError extends Error {
  constructor(
    readonly code: number,
    body: string,
  ) {
    super(body.trim().slice(0, 200) || `HTTP ${code}`)
    this.name = 'HTTPError'
  }
}

const sleepReal = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

/** True for errors worth another try: HTTP 429 and 5xx, timeouts, aborted or failed connections. */
export function isRetryable(err: unknown): boolean {
  const e = err as {name?: string; code?: unknown; message?: string; cause?: unknown}
  if (e?.name === 'HTTPError') return typeof e.code === 'number' && (e.code === 429 || e.code >= 500)
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return true
  // undici's network failure: TypeError("fetch failed") with a cause (ECONNRESET, ENOTFOUND ...)
  if (e?.name === 'TypeError' && /fetch failed/i.test(e.message ?? '')) return true
  return false
}

/**
 * Backoff before retry number `retry` (1-based): base * 2^(retry-1) plus jitter uniform in [0, that), capped.
 * Full-jitter-style spreading keeps parallel workers from retrying in lockstep.
 */
export function backoffDelay(retry: number, policy: RetryPolicy = {}): number {
  const base = (policy.baseDelayMs ?? 1000) * 2 ** (retry - 1)
  const jitter = (policy.random ?? Math.random)() * base
  return Math.min(policy.maxDelayMs ?? 30_000, Math.round(base + jitter))
}

/** One-line reason for a failed fetch, as the summary shows it. */
export function describeError(err: unknown): string {
  const e = err as {name?: string; code?: unknown; message?: string}
  const msg = (e?.message ?? String(err)).replace(/\s+/g, ' ').trim()
  if (e?.name === 'HTTPError') return `HTTP ${String(e.code)}: ${msg.slice(0, 120)}`
  if (/No data found/i.test(msg)) return `unknown symbol: Yahoo has no data for it (${msg})`
  if (e?.name === 'FailedYahooValidationError')
    return 'Yahoo sent a response of an unexpected shape (failed validation)'
  if (/not parsable/i.test(msg)) return 'Yahoo sent a malformed response (not JSON)'
  return msg.slice(0, 200)
}

/** Runs `fn`, retrying retryable errors with backoff; `counter.n` counts the attempts made. */
export async function withRetry<T>(
  fn: () => Promise<T>,
  policy: RetryPolicy = {},
  counter: {n: number} = {n: 0},
): Promise<T> {
  const attempts = Math.max(1, policy.attempts ?? 4)
  const sleep = policy.sleep ?? sleepReal
  for (let i = 1; ; i++) {
    counter.n++
    try {
      return await fn()
    } catch (err) {
      if (i >= attempts || !isRetryable(err)) throw err
      const delay = backoffDelay(i, policy)
      policy.onRetry?.(err, i, delay)
      await sleep(delay)
    }
  }
}
