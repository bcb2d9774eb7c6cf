/** What one try at sending what waits on the phone found. */
export interface TryOutcome {
  /** Something is still waiting to be sent. */
  stillWaiting: boolean;
  /** How long the service asked to be left alone (its Retry-After), if it said. */
  retryAfterMs: number | null;
}

/** How soon the phone looks again for something waiting, and the first retry after a failed try. */
export const FIRST_RETRY_MS = 15_000;
/** The longest the phone waits between tries, however long the service has been away. */
export const LONGEST_RETRY_MS = 5 * 60_000;

/**
 * How long to wait after the given number of failed tries in a row: doubling from {@link FIRST_RETRY_MS} up to
 * {@link LONGEST_RETRY_MS}, a random half to all of that (so a thousand phones that lost the service at the same moment
 * do not all come back at the same moment), and never sooner than the service asked.
 */
export function nextTryInMs(failedTries: number, retryAfterMs: number | null, random: () => number = Math.random): number {
  const backoff = Math.min(LONGEST_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, failedTries - 1));
  const jittered = backoff / 2 + (random() * backoff) / 2;
  return Math.min(LONGEST_RETRY_MS, Math.max(jittered, retryAfterMs ?? 0));
}

/**
 * Calls `attempt` every {@link FIRST_RETRY_MS} while nothing fails, and backs off (see {@link nextTryInMs}) while
 * something stays waiting. A try that throws counts as a failed one. Returns a function that stops it.
 */
export function keepTrying(
  attempt: () => Promise<TryOutcome>,
  timers: { set: (f: () => void, ms: number) => number; clear: (id: number) => void } = {
    set: (f, ms) => window.setTimeout(f, ms),
    clear: (id) => window.clearTimeout(id),
  },
  random: () => number = Math.random,
): () => void {
  let failedTries = 0;
  let stopped = false;
  let timer = 0;
  const run = async () => {
    let outcome: TryOutcome;
    try {
      outcome = await attempt();
    } catch {
      outcome = { stillWaiting: true, retryAfterMs: null };
    }
    if (stopped) return;
    failedTries = outcome.stillWaiting ? failedTries + 1 : 0;
    timer = timers.set(run, outcome.stillWaiting ? nextTryInMs(failedTries, outcome.retryAfterMs, random) : FIRST_RETRY_MS);
  };
  timer = timers.set(run, FIRST_RETRY_MS);
  return () => {
    stopped = true;
    timers.clear(timer);
  };
}
