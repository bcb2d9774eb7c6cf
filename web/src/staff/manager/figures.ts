import type { AdvocateChoice, AgeBand, AuthorshipKind, TakingPartWay } from '../../api/types';

export type FieldError = { field: string; message: string };

export const AGE_BANDS: Record<AgeBand, string> = {
  UNDER_5: 'Under 5',
  AGE_5_TO_7: '5 to 7',
  AGE_8_TO_11: '8 to 11',
  AGE_12_TO_15: '12 to 15',
  AGE_16_TO_17: '16 or 17',
};

export const ROUTES: Record<AuthorshipKind, string> = {
  CHILD: 'In their own words',
  CHILD_WITH_HELP: 'In their own words, with help',
  ADVOCATE_ON_BEHALF: 'By an advocate on their behalf',
};

export const WAYS: Record<TakingPartWay, string> = {
  COME_TO_ALL: 'Come to all of the meeting',
  COME_TO_PART: 'Come to part of the meeting',
  COME_WITH_SUPPORTER: 'Come with a supporter or advocate',
  JOIN_BY_VIDEO: 'Join by video',
  TALK_TO_CHAIR_BEFORE_BY_PHONE: 'Talk to the chair before, by phone',
  TALK_TO_CHAIR_BEFORE_BY_EMAIL: 'Talk to the chair before, by e-mail',
  TALK_TO_CHAIR_BEFORE_FACE_TO_FACE: 'Talk to the chair before, face to face',
  WRITE_SOMETHING_TO_BE_READ_OUT: 'Write something to be read out',
  SOCIAL_WORKER_SHARES_MY_VIEWS: 'Social worker shares their views',
  ADVOCATE_SHARES_MY_VIEWS: 'Advocate shares their views',
  SMALLER_MEETING_WITH_CHAIR: 'A smaller meeting with the chair',
  NOT_ATTENDING: 'Not coming',
};

export const ADVOCATE_CHOICES: Record<AdvocateChoice, string> = {
  WANT_ONE: 'Would like an advocate',
  HAVE_ONE: 'Already has an advocate',
  NO_THANKS: 'No, thank you',
};

/** A whole-number percentage for people: "0%", "<1%" for a small share that is not none, "–" of nothing. */
export function percentText(part: number, whole: number): string {
  if (whole <= 0) return '–';
  const share = (part / whole) * 100;
  if (part > 0 && share < 0.5) return '<1%';
  return `${Math.round(share)}%`;
}

/**
 * How long a bar is, as a percentage of the chart's width: its value against the largest (or a given whole), so the
 * longest bar fills the width. A value that is not zero always shows at least a sliver.
 */
export function barWidth(value: number, max: number): number {
  if (max <= 0 || value <= 0) return 0;
  return Math.max(1, Math.min(100, Math.round((value / max) * 1000) / 10));
}

/** "20 hours", "1.5 hours", "1 hour", "60 hours (2.5 days)"; "–" when there is nothing to measure. */
export function hoursText(hours: number | null): string {
  if (hours === null) return '–';
  const h = `${formatNumber(hours)} ${hours === 1 ? 'hour' : 'hours'}`;
  return hours >= 48 ? `${h} (${formatNumber(Math.round((hours / 24) * 10) / 10)} days)` : h;
}

function formatNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}

/** "2021-03" as "March 2021". */
export function monthLabel(month: string): string {
  const [year, m] = month.split('-').map(Number);
  return new Date(Date.UTC(year, m - 1, 15)).toLocaleDateString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
}

/** A YYYY-MM-DD day as "10 March 2021". */
export function dayLabel(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

/** A real calendar day written YYYY-MM-DD (what a date field gives), or not. */
export function isDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const [y, m, d] = value.split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

export const MOST_YEARS = 5;

/** The figures' date range as a person typed it: both days needed, real, in order, and at most five years apart. */
export function checkRange(from: string, to: string): FieldError[] {
  const errors: FieldError[] = [];
  if (!from.trim()) errors.push({ field: 'from', message: 'Enter the first day' });
  else if (!isDay(from)) errors.push({ field: 'from', message: 'The first day must be a real date' });
  if (!to.trim()) errors.push({ field: 'to', message: 'Enter the last day' });
  else if (!isDay(to)) errors.push({ field: 'to', message: 'The last day must be a real date' });
  if (errors.length) return errors;
  if (from > to) return [{ field: 'from', message: 'The first day must be on or before the last day' }];
  const [y, m, d] = from.split('-');
  if (to > `${Number(y) + MOST_YEARS}-${m}-${d}`) {
    return [{ field: 'to', message: `The last day must be at most ${MOST_YEARS} years after the first day` }];
  }
  return [];
}
