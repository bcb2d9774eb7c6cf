import type { Attention, AuthorshipKind, ChildStatus, StaffConference } from '../api/types';
import { formatDate } from '../i18n';

export const ATTENTION: Record<Attention, string> = {
  URGENT_WORDS: 'Words that may mean danger now',
  LOW_SAFETY_SCORE: 'Low on the safety scale',
  WANTS_TO_TALK_TO_CHAIR_FIRST: 'Wants to talk to the chair first',
  WANTS_AN_ADVOCATE: 'Wants an advocate',
  DEVICE_LOCKED: 'Locked out: reset the PIN',
  NOT_INVITED: 'Not invited yet',
  VIEWS_OVERDUE: 'Views overdue',
  UNREAD_BY_CHAIR: 'Not read by the chair yet',
};

/** The same as the service's Attention.urgent(). */
const URGENT: Attention[] = ['URGENT_WORDS', 'LOW_SAFETY_SCORE'];

const ROUTE: Record<AuthorshipKind, string> = {
  CHILD: 'in their own words',
  CHILD_WITH_HELP: 'in their own words, with help',
  ADVOCATE_ON_BEHALF: 'by their advocate',
};

export function conferenceTitle(c: Pick<StaffConference, 'type' | 'startsAt'>): string {
  return `${c.type === 'INITIAL' ? 'Initial' : 'Review'} conference, ${formatDate(c.startsAt, true)}`;
}

/** Urgent first, then those needing attention, then the soonest. */
export function byUrgency(a: StaffConference, b: StaffConference): number {
  const weight = (c: StaffConference) => (c.urgent ? 0 : c.children.some((x) => x.attention.length) ? 1 : 2);
  return weight(a) - weight(b) || a.startsAt.localeCompare(b.startsAt);
}

export function AttentionTags({ status }: { status: ChildStatus }) {
  if (!status.attention.length) return null;
  return (
    <ul class="tag-list" aria-label={`Needs attention: ${status.knownAs}`}>
      {status.attention.map((a) => (
        <li key={a} class={`tag ${URGENT.includes(a) ? 'tag-urgent' : 'tag-attention'}`}>
          {URGENT.includes(a) && <span class="visually-hidden">Urgent: </span>}
          {ATTENTION[a]}
        </li>
      ))}
    </ul>
  );
}

function invitationLine(s: ChildStatus): string {
  switch (s.invitation) {
    case null: return 'Not invited';
    case 'OPEN': return 'Invited, link not opened yet';
    case 'REDEEMED': return 'Invitation opened on a device';
    case 'EXPIRED': return 'Invitation expired';
    case 'REPLACED': return 'Invitation replaced';
  }
}

function viewsLine(s: ChildStatus): string {
  if (s.sentVersion) {
    const route = s.authorship ? ` ${ROUTE[s.authorship]}` : '';
    return `Sent${route} on ${formatDate(s.sentAt!, true)}${s.sentVersion > 1 ? ` (version ${s.sentVersion})` : ''}`;
  }
  return s.draftStarted ? 'Started, not sent yet' : 'Not started';
}

function attendLine(s: ChildStatus): string {
  if (s.wantsToAttend === true) return 'Yes';
  if (s.wantsToAttend === false) return 'No';
  return s.sentVersion ? 'Did not say' : 'Not known yet';
}

/** The allocated advocate first, by name; then what the child said about one, when that adds something. */
export function advocateLine(s: ChildStatus): string {
  const chose = (() => {
    switch (s.advocateChoice) {
      case 'WANT_ONE': return 'Wants one';
      case 'HAVE_ONE': return 'Has one';
      case 'NO_THANKS': return 'No, thank you';
      default: return s.sentVersion ? 'Did not say' : 'Not known yet';
    }
  })();
  if (!s.advocate) return chose;
  const allocated = `${s.advocate.displayName} (allocated)`;
  return s.advocateChoice && s.advocateChoice !== 'HAVE_ONE' ? `${allocated}. The child said: ${chose.toLowerCase()}` : allocated;
}

function chairReadLine(s: ChildStatus): string {
  if (!s.sentVersion) return 'Nothing to read yet';
  if (s.chairReadAt && s.chairReadVersion === s.sentVersion) return `Read on ${formatDate(s.chairReadAt, true)}`;
  if (s.chairReadAt) return `Read an earlier version; version ${s.sentVersion} not read yet`;
  return 'Not read yet';
}

/** One child's place in a conference at a glance: facts only. */
export function ChildStatusList({ status: s }: { status: ChildStatus }) {
  return (
    <dl class="status-grid">
      <div><dt>Invitation</dt><dd>{invitationLine(s)}</dd></div>
      <div><dt>Views</dt><dd>{viewsLine(s)}</dd></div>
      <div><dt>Wants to attend</dt><dd>{attendLine(s)}</dd></div>
      <div><dt>Advocate</dt><dd>{advocateLine(s)}</dd></div>
      <div><dt>Talk to the chair first</dt><dd>{s.wantsToTalkToChairFirst ? 'Yes' : s.sentVersion ? 'No' : 'Not known yet'}</dd></div>
      <div><dt>Chair</dt><dd>{chairReadLine(s)}</dd></div>
    </dl>
  );
}

const ENGLISH_NAMES: Record<string, string> = { en: 'English', cy: 'Welsh', ar: 'Arabic' };

/** The child's language named in English, for staff; a code MySay has no screens in is named as recorded. */
export function englishName(code: string | null): string {
  return ENGLISH_NAMES[code ?? 'en'] ?? `${code} (MySay shows English)`;
}
