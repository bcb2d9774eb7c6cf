import type { ViewsContent } from '../../api/types';

/**
 * Who wrote a child's views, in plain words, shown before the views on the pack. The same sentences as the PDF
 * (`SummaryService.authorship` and `readBack`): an advocate's account is said to be the advocate's.
 */
export function authorLine(name: string, content: ViewsContent): string {
  const a = content.authorship;
  const helper = a.helperName ? `${a.helperName}${a.helperRole ? ` (${a.helperRole})` : ''}` : 'someone';
  switch (a.kind) {
    case 'CHILD': return `Written by ${name}, in ${name}'s own words.`;
    case 'CHILD_WITH_HELP': return `${name}'s own words, written down with help from ${helper}.`;
    case 'ADVOCATE_ON_BEHALF': return `Written by ${helper} for ${name}: this is the advocate's account, not ${name}'s own words.`;
  }
}

export function readBackLine(name: string, content: ViewsContent): string | null {
  const a = content.authorship;
  if (a.kind === 'CHILD' || a.readBackAgreed == null) return null;
  return a.readBackAgreed ? `${name} heard this read back and agrees with it.`
    : `${name} did not hear this read back or does not agree. Reason given: ${a.notReadBackReason ?? ''}`;
}
