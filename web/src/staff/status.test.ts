import { describe, expect, it } from 'vitest';
import type { ChildStatus } from '../api/types';
import { advocateLine } from './status';

const base = { sentVersion: null, advocateChoice: null, advocate: null } as unknown as ChildStatus;

describe('the advocate line of a child at a glance', () => {
  it('names the allocated advocate, not "Not known yet"', () => {
    expect(advocateLine({ ...base, advocate: { id: 'a', displayName: 'Ada Allocated' } })).toBe('Ada Allocated (allocated)');
  });
  it('says what the child chose when no advocate is allocated', () => {
    expect(advocateLine({ ...base, sentVersion: 1, advocateChoice: 'WANT_ONE' } as ChildStatus)).toBe('Wants one');
    expect(advocateLine(base)).toBe('Not known yet');
  });
  it('says both when the child asked for one and one is allocated', () => {
    expect(advocateLine({ ...base, sentVersion: 1, advocateChoice: 'WANT_ONE', advocate: { id: 'a', displayName: 'Ada' } } as ChildStatus))
      .toBe('Ada (allocated). The child said: wants one');
  });
});
