import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FIRST_RETRY_MS, LONGEST_RETRY_MS, keepTrying, nextTryInMs, type TryOutcome } from './retry';

describe('nextTryInMs', () => {
  it('doubles from the first retry up to the longest, within a random half to all of it', () => {
    expect(nextTryInMs(1, null, () => 1)).toBe(FIRST_RETRY_MS);
    expect(nextTryInMs(1, null, () => 0)).toBe(FIRST_RETRY_MS / 2);
    expect(nextTryInMs(2, null, () => 1)).toBe(2 * FIRST_RETRY_MS);
    expect(nextTryInMs(3, null, () => 1)).toBe(4 * FIRST_RETRY_MS);
    expect(nextTryInMs(30, null, () => 1)).toBe(LONGEST_RETRY_MS);
    expect(nextTryInMs(30, null, () => 0)).toBe(LONGEST_RETRY_MS / 2);
  });

  it('never tries sooner than the service asked, nor later than the longest wait', () => {
    expect(nextTryInMs(1, 60_000, () => 0)).toBe(60_000);
    expect(nextTryInMs(1, 5_000, () => 0)).toBe(FIRST_RETRY_MS / 2);
    expect(nextTryInMs(1, 24 * 3600_000, () => 0)).toBe(LONGEST_RETRY_MS);
  });
});

describe('keepTrying', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const timers = { set: (f: () => void, ms: number) => setTimeout(f, ms) as unknown as number, clear: (id: number) => clearTimeout(id) };

  it('looks every first-retry interval while nothing waits, backs off while the service stays away, and starts again once it is back', async () => {
    const outcomes: TryOutcome[] = [
      { stillWaiting: false, retryAfterMs: null },
      { stillWaiting: true, retryAfterMs: 5_000 },
      { stillWaiting: true, retryAfterMs: 5_000 },
      { stillWaiting: true, retryAfterMs: 5_000 },
      { stillWaiting: false, retryAfterMs: null },
      { stillWaiting: false, retryAfterMs: null },
    ];
    const at: number[] = [];
    const start = Date.now();
    const stop = keepTrying(async () => {
      at.push(Date.now() - start);
      return outcomes.shift() ?? { stillWaiting: false, retryAfterMs: null };
    }, timers, () => 1);
    await vi.advanceTimersByTimeAsync(15_000 + 15_000 + 15_000 + 30_000 + 60_000 + 15_000);
    stop();
    // Tries at 15 s (nothing waits), 30 s (fails), then 15, 30 and 60 s later while it keeps failing, then 15 s.
    expect(at).toEqual([15_000, 30_000, 45_000, 75_000, 135_000, 150_000]);
  });

  it('counts a try that throws as failed, and stops when told', async () => {
    let tries = 0;
    const stop = keepTrying(async () => {
      tries++;
      throw new Error('IndexedDB went away');
    }, timers, () => 1);
    await vi.advanceTimersByTimeAsync(15_000 + 15_000);
    expect(tries).toBe(2);
    stop();
    await vi.advanceTimersByTimeAsync(LONGEST_RETRY_MS * 2);
    expect(tries).toBe(2);
  });
});
