import { describe, expect, it } from 'vitest';
import { Observable } from './observable';

describe('Observable', () => {
  it('tells every listener about a change, once', () => {
    const value = new Observable(1);
    const seen: number[] = [];
    value.subscribe(() => seen.push(value.value));
    value.value = 2;
    value.value = 2;
    value.value = 3;
    expect(seen).toEqual([2, 3]);
  });

  it('stops telling a listener that unsubscribed', () => {
    const value = new Observable('a');
    let calls = 0;
    const unsubscribe = value.subscribe(() => calls++);
    unsubscribe();
    value.value = 'b';
    expect(calls).toBe(0);
  });
});
