import { describe, expect, it } from 'vitest';
import type { ViewsContent } from '../../api/types';
import { authorLine, readBackLine } from './authorship';

const by = (authorship: Partial<ViewsContent['authorship']>) => ({ authorship } as unknown as ViewsContent);

/** The same sentences as the PDF (SummaryService.authorship and readBack). */
describe('who wrote a child\'s views, said first on the pack', () => {
  it('the child', () => {
    expect(authorLine('Zoë', by({ kind: 'CHILD' }))).toBe("Written by Zoë, in Zoë's own words.");
  });
  it('the child with help', () => {
    expect(authorLine('Zoë', by({ kind: 'CHILD_WITH_HELP', helperName: 'Ade', helperRole: 'advocate' })))
      .toBe("Zoë's own words, written down with help from Ade (advocate).");
  });
  it("an advocate's account is the advocate's, not the child's own words", () => {
    const line = authorLine('Zoë', by({ kind: 'ADVOCATE_ON_BEHALF', helperName: 'Ade', helperRole: 'advocate' }));
    expect(line).toBe("Written by Ade (advocate) for Zoë: this is the advocate's account, not Zoë's own words.");
  });
  it('read back', () => {
    expect(readBackLine('Zoë', by({ kind: 'ADVOCATE_ON_BEHALF', readBackAgreed: true }))).toBe('Zoë heard this read back and agrees with it.');
    expect(readBackLine('Zoë', by({ kind: 'ADVOCATE_ON_BEHALF', readBackAgreed: false, notReadBackReason: 'Asleep' })))
      .toBe('Zoë did not hear this read back or does not agree. Reason given: Asleep');
    expect(readBackLine('Zoë', by({ kind: 'CHILD' }))).toBeNull();
  });
});
