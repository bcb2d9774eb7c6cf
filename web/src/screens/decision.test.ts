import { describe, expect, it } from 'vitest';
import { translator } from '../i18n';
import { decisionWords } from './decision';

const held = { status: 'HELD' as const };

describe('what was decided, in plain words', () => {
  it('tells a child with a plan about the plan, the core group and the review date', async () => {
    const words = decisionWords({ ...held, planNeeded: true, nextReviewDate: '2027-03-08' }, await translator('en'));
    expect(words).toEqual([
      'The meeting decided that you will have a Child Protection Plan. It is a plan to help keep you safe and well.',
      'A small group of people who know you and your family, called the core group, will meet within 10 working days to write the plan, and then about once a month to check it is working.',
      'There will be another meeting on Monday 8 March to see how things are going.',
    ]);
  });

  it('tells a child without a plan so, and who will talk to them about what happens next', async () => {
    const words = decisionWords({ ...held, planNeeded: false, nextReviewDate: null }, await translator('en'));
    expect(words).toEqual([
      'The meeting decided that you do not need a Child Protection Plan.',
      'Your social worker will talk with you about what happens next, and about any help for you and your family.',
    ]);
  });

  it('says nothing before the conference, or before the decision is recorded', async () => {
    const en = await translator('en');
    expect(decisionWords({ status: 'SCHEDULED', planNeeded: null, nextReviewDate: null }, en)).toEqual([]);
    expect(decisionWords({ ...held, planNeeded: null, nextReviewDate: null }, en)).toEqual([]);
  });

  it('is in the child’s language: Arabic, with the date in Arabic and Western digits', async () => {
    const words = decisionWords({ ...held, planNeeded: true, nextReviewDate: '2027-03-08' }, await translator('ar'));
    expect(words[0]).toBe('قرَّر الاجتماع أن تكون لك خطة حماية طفل. إنها خطة تساعد على أن تبقى آمنًا وبخير.');
    expect(words[2]).toContain('مارس');
    expect(words[2]).toContain('8');
    expect(words.join(' ')).not.toMatch(/[\u0660-\u0669]/);
  });

  it('is in the child’s language: Welsh', async () => {
    const words = decisionWords({ ...held, planNeeded: false, nextReviewDate: null }, await translator('cy'));
    expect(words[0]).toBe('Penderfynodd y cyfarfod nad oes angen Cynllun Amddiffyn Plant arnat ti.');
    const plan = decisionWords({ ...held, planNeeded: true, nextReviewDate: '2027-03-08' }, await translator('cy'));
    expect(plan[2]).toContain('Mawrth');
  });
});
