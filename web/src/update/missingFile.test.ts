import { describe, expect, it } from 'vitest';
import { RELOADED_AT, reloadOnce } from './missingFile';

function memory(): Storage & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
  } as unknown as Storage & { items: Map<string, string> };
}

describe('reloading for a missing file', () => {
  it('reloads the first time', () => {
    const storage = memory();
    let reloads = 0;
    expect(reloadOnce({ storage, now: 1_000_000, reload: () => reloads++ })).toBe(true);
    expect(reloads).toBe(1);
    expect(storage.items.get(RELOADED_AT)).toBe('1000000');
  });

  it('does not reload again within a minute, so a file missing for good never loops', () => {
    const storage = memory();
    let reloads = 0;
    reloadOnce({ storage, now: 1_000_000, reload: () => reloads++ });
    expect(reloadOnce({ storage, now: 1_000_000 + 59_000, reload: () => reloads++ })).toBe(false);
    expect(reloads).toBe(1);
  });

  it('reloads again for a file missing later, after the next release', () => {
    const storage = memory();
    let reloads = 0;
    reloadOnce({ storage, now: 1_000_000, reload: () => reloads++ });
    expect(reloadOnce({ storage, now: 1_000_000 + 61_000, reload: () => reloads++ })).toBe(true);
    expect(reloads).toBe(2);
  });

  it('never reloads where nothing can be remembered', () => {
    let reloads = 0;
    expect(reloadOnce({ storage: null, now: 1, reload: () => reloads++ })).toBe(false);
    const refusing = { getItem: () => null, setItem: () => { throw new Error('quota'); } };
    expect(reloadOnce({ storage: refusing, now: 1, reload: () => reloads++ })).toBe(false);
    expect(reloads).toBe(0);
  });
});
