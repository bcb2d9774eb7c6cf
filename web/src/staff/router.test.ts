import { describe, expect, it } from 'vitest';
import { match } from './router';

describe('match', () => {
  it('gives the named parts of a matching path', () => {
    expect(match('/staff/conferences/:id/children/:childId', '/staff/conferences/c1/children/k2')).toEqual({ id: 'c1', childId: 'k2' });
  });
  it('allows a trailing slash', () => {
    expect(match('/staff/audit', '/staff/audit/')).toEqual({});
  });
  it('refuses a longer or different path', () => {
    expect(match('/staff/conferences/:id', '/staff/conferences/c1/pack')).toBeNull();
    expect(match('/staff/conferences/:id', '/staff/children/c1')).toBeNull();
  });
});
