import { describe, expect, it } from 'vitest';
import { ApiClient, queryString } from '../../api/client';
import { checkFilters, cleanFilters, describe as describeSearch, who } from './audit';
import { barWidth, checkRange, hoursText, isDay, monthLabel, percentText } from './figures';

describe('chart scaling', () => {
  it('makes the largest value fill the width and the others in proportion', () => {
    expect(barWidth(10, 10)).toBe(100);
    expect(barWidth(5, 10)).toBe(50);
    expect(barWidth(1, 3)).toBe(33.3);
  });
  it('shows a sliver for a small value that is not none, and nothing for none', () => {
    expect(barWidth(1, 1000)).toBe(1);
    expect(barWidth(0, 10)).toBe(0);
    expect(barWidth(3, 0)).toBe(0);
  });
  it('never draws past the edge', () => {
    expect(barWidth(12, 10)).toBe(100);
  });
});

describe('figures in words', () => {
  it('gives whole percentages, and says so when a share is tiny or there is nothing to share', () => {
    expect(percentText(4, 5)).toBe('80%');
    expect(percentText(1, 3)).toBe('33%');
    expect(percentText(0, 3)).toBe('0%');
    expect(percentText(1, 400)).toBe('<1%');
    expect(percentText(0, 0)).toBe('–');
  });
  it('writes hours, and days too when it is a long wait', () => {
    expect(hoursText(20)).toBe('20 hours');
    expect(hoursText(1)).toBe('1 hour');
    expect(hoursText(2.5)).toBe('2.5 hours');
    expect(hoursText(60)).toBe('60 hours (2.5 days)');
    expect(hoursText(null)).toBe('–');
  });
  it('names months', () => {
    expect(monthLabel('2021-03')).toBe('March 2021');
  });
});

describe('the figures date range', () => {
  it('accepts a real range of up to five years', () => {
    expect(checkRange('2021-01-01', '2021-06-30')).toEqual([]);
    expect(checkRange('2016-01-01', '2021-01-01')).toEqual([]);
  });
  it('says plainly what is wrong', () => {
    expect(checkRange('', '')).toEqual([
      { field: 'from', message: 'Enter the first day' },
      { field: 'to', message: 'Enter the last day' },
    ]);
    expect(checkRange('2021-02-30', '2021-03-01')[0]).toEqual({ field: 'from', message: 'The first day must be a real date' });
    expect(checkRange('2021-06-30', '2021-01-01')).toEqual([{ field: 'from', message: 'The first day must be on or before the last day' }]);
    expect(checkRange('2016-01-01', '2021-01-02')).toEqual([{ field: 'to', message: 'The last day must be at most 5 years after the first day' }]);
  });
  it('knows real days', () => {
    expect(isDay('2024-02-29')).toBe(true);
    expect(isDay('2023-02-29')).toBe(false);
    expect(isDay('29/02/2024')).toBe(false);
  });
});

describe('the audit search', () => {
  it('refuses a reference a case could not have, and dates out of order', () => {
    expect(checkFilters({ childReference: 'C-12/3' })).toEqual([]);
    expect(checkFilters({ childReference: '<b>x</b>' }).map((e) => e.field)).toEqual(['childReference']);
    expect(checkFilters({ from: '2026-11-02', to: '2026-11-01' }).map((e) => e.field)).toEqual(['from']);
  });
  it('sends only the filters that are filled in', () => {
    expect(cleanFilters({ childReference: '  C-1 ', personId: '', from: '2026-01-01', to: '', action: '' }))
      .toEqual({ childReference: 'C-1', from: '2026-01-01' });
  });
  it('says what was searched', () => {
    const people = [{ id: 'p1', displayName: 'Chris Chair', role: 'CHAIR' as const }];
    expect(describeSearch({}, people)).toBe('');
    expect(describeSearch({ childReference: 'C-1', personId: 'p1', action: 'VIEWS_READ', from: '2026-03-01', to: '2026-03-31' }, people))
      .toBe(' for case reference C-1, by Chris Chair, of the kind “Read the views”, from 1 March 2026, up to 31 March 2026');
  });
  it('names staff, and never a child', () => {
    expect(who({ actorName: 'Chris Chair', actorRole: 'CHAIR' })).toBe('Chris Chair');
    expect(who({ actorName: null, actorRole: 'CHILD' })).toBe('The child');
    expect(who({ actorName: null, actorRole: 'ANONYMOUS' })).toBe('Someone not signed in');
  });
});

describe('the CSV link and the search calls', () => {
  const client = (calls: string[]) => new ApiClient((async (url: string) => {
    calls.push(url);
    return new Response(JSON.stringify({ events: [], nextBefore: null }), { status: 200, headers: { 'Content-Type': 'application/json' } });
  }) as unknown as typeof fetch);

  it('carries the same filters as the search, encoded, and leaves empty ones out', () => {
    const filters = { childReference: 'C-1/2', personId: 'p1', from: '2026-01-01', to: '', action: 'VIEWS_READ' as const };
    expect(new ApiClient().auditCsvHref(filters))
      .toBe('/api/audit/export.csv?childReference=C-1%2F2&personId=p1&from=2026-01-01&action=VIEWS_READ');
    expect(new ApiClient().auditCsvHref({})).toBe('/api/audit/export.csv');
  });
  it('asks for the next older page with before', async () => {
    const calls: string[] = [];
    await client(calls).auditSearch({ childReference: 'C-1' }, 120);
    await client(calls).auditSearch({}, null);
    expect(calls).toEqual(['/api/audit?childReference=C-1&before=120', '/api/audit']);
  });
  it('asks for figures for the days given, or the default', async () => {
    const calls: string[] = [];
    await client(calls).figures('2021-01-01', '2021-06-30');
    await client(calls).figures();
    expect(calls).toEqual(['/api/figures?from=2021-01-01&to=2021-06-30', '/api/figures']);
  });
  it('builds a query string from set values only', () => {
    expect(queryString({ a: 'x y', b: undefined, c: null, d: '', e: 0 })).toBe('?a=x+y&e=0');
  });
});
