import type { ChildConference } from '../api/types';
import type { Translator } from '../i18n';

/**
 * What was decided, in plain words in the child's language, from the recorded outcome (not the chair's free text):
 * a plan or not, and what happens next (the core group, the review meeting's date). Nothing before the decision.
 */
export function decisionWords(c: Pick<ChildConference, 'status' | 'planNeeded' | 'nextReviewDate'>, tr: Translator): string[] {
  if (c.status !== 'HELD' || c.planNeeded == null) return [];
  if (!c.planNeeded) return [tr.t('home.decision.noPlan'), tr.t('home.decision.noPlanNext')];
  return [
    tr.t('home.decision.plan'),
    tr.t('home.decision.coreGroup'),
    ...(c.nextReviewDate ? [tr.t('home.decision.review', { date: tr.formatDate(c.nextReviewDate) })] : []),
  ];
}
