import type { AuditAction, AuditEntry, AuditFilters, StaffMember } from '../../api/types';
import { dayLabel, isDay, type FieldError } from './figures';

/** What happened, in plain words. */
export const ACTIONS: Record<AuditAction, string> = {
  STAFF_SIGNED_IN: 'Signed in',
  STAFF_SIGN_IN_FAILED: 'Sign-in failed',
  STAFF_ACCOUNT_CREATED: 'Created a staff account',
  CHILD_CREATED: "Added a child's record",
  CHILD_UPDATED: "Changed a child's record",
  CONFERENCE_CREATED: 'Arranged a conference',
  CONFERENCE_CANCELLED: 'Cancelled a conference',
  CONFERENCE_MOVED: 'Moved a conference to another time',
  CHILD_READ: "Looked at a child's record",
  INVITATION_CREATED: 'Invited the child',
  INVITATION_REDEEMED: 'Opened the invitation',
  INVITATION_REFUSED: 'Invitation refused',
  CHILD_PIN_SET: 'Chose a PIN',
  CHILD_SIGNED_IN: 'Signed in with their PIN',
  CHILD_PIN_FAILED: 'Wrong PIN',
  CHILD_LOCKED: 'Locked out after wrong PINs',
  CHILD_PIN_RESET: 'Reset the PIN on one device',
  CHILD_DEVICES_READ: "Looked at the child's devices",
  CHILD_DEVICE_REMOVED: 'Removed a device',
  VIEWS_DRAFT_READ: 'Opened a draft',
  VIEWS_DRAFT_SAVED: 'Saved a draft',
  VIEWS_SENT: 'Sent views',
  VIEWS_READ: 'Read the views',
  VIEWS_VERSION_READ: 'Read an earlier version',
  SUMMARY_READ: 'Opened the conference pack',
  CHAIR_ACKNOWLEDGED: 'Marked the views read',
  DECISION_RECORDED: 'Recorded the decision',
  STATUS_READ: 'Looked at where things stand',
  FIGURES_READ: 'Looked at the figures',
  AUDIT_SEARCHED: 'Searched the audit trail',
  AUDIT_EXPORTED: 'Downloaded the audit trail',
  AUDIT_VERIFIED: 'Checked the audit trail had not been changed',
  SIGN_IN_LIMITED: 'Too many sign-in tries: refused for a while',
  SIGNED_OUT: 'Signed out',
  FIELDS_REENCRYPTED: 'Had the stored words re-encrypted under the new key',
  VIEWS_PURGED: 'Removed after the retention period',
  LEGAL_HOLD_PLACED: 'Placed a legal hold',
  LEGAL_HOLD_LIFTED: 'Lifted the legal hold',
  SECOND_FACTOR_SET_UP: 'Set up two-step sign-in',
  SECOND_FACTOR_REMOVED: 'Removed two-step sign-in',
  SECOND_FACTOR_FAILED: 'Entered a wrong sign-in code',
  RECOVERY_CODE_USED: 'Signed in with a recovery code',
  RECOVERY_CODES_RENEWED: 'Got new recovery codes',
  PASSWORD_CHANGED: 'Changed their password',
  STAFF_ACCOUNT_DISABLED: 'Disabled a staff account',
  STAFF_ACCOUNT_ENABLED: 'Enabled a staff account',
  STAFF_SIGN_IN_RESET: "Reset someone's sign-in",
  PASSWORD_SET_BY_LINK: 'Set their password with the e-mailed link',
  ATTACHMENT_UPLOADED: 'Added a voice note or picture to the views',
  ATTACHMENT_DELETED: 'Deleted a voice note or picture that was not sent',
  VOICE_NOTE_PLAYED: 'Listened to a voice note',
  PICTURE_VIEWED: 'Looked at a picture',
};

const ROLES: Record<string, string> = {
  SOCIAL_WORKER: 'Social worker',
  CHAIR: 'Chair',
  ADVOCATE: 'Advocate',
  MANAGER: 'Manager',
  CHILD: 'Child',
  ANONYMOUS: 'Not signed in',
  SYSTEM: 'MySay itself',
};

export function roleLabel(role: string): string {
  return ROLES[role] ?? role;
}

/** Who acted: a member of staff by name; a child never by name; someone not signed in as such. */
export function who(e: Pick<AuditEntry, 'actorName' | 'actorRole'>): string {
  if (e.actorName) return e.actorName;
  if (e.actorRole === 'CHILD') return 'The child';
  if (e.actorRole === 'ANONYMOUS') return 'Someone not signed in';
  if (e.actorRole === 'SYSTEM') return 'MySay (retention)';
  return 'Unknown';
}

/** When, in the council's time (the dates searched are days there too): "21 Nov 2026, 14:05". */
export function when(at: string): string {
  return new Date(at).toLocaleString('en-GB', {
    day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/London',
  });
}

const REFERENCE = /^[A-Za-z0-9/_.-]{1,50}$/;

/** The search form as a person filled it in, before asking the service. */
export function checkFilters(f: AuditFilters): FieldError[] {
  const errors: FieldError[] = [];
  const reference = f.childReference?.trim() ?? '';
  if (reference && !REFERENCE.test(reference)) {
    errors.push({ field: 'childReference', message: 'A case reference has only letters, numbers and / _ . -, up to 50 of them' });
  }
  if (f.from && !isDay(f.from)) errors.push({ field: 'from', message: 'The first day must be a real date' });
  if (f.to && !isDay(f.to)) errors.push({ field: 'to', message: 'The last day must be a real date' });
  if (!errors.length && f.from && f.to && f.from > f.to) {
    errors.push({ field: 'from', message: 'The first day must be on or before the last day' });
  }
  return errors;
}

/** The filters as they will be sent: trimmed, empty ones left out. */
export function cleanFilters(f: AuditFilters): AuditFilters {
  const out: AuditFilters = {};
  if (f.childReference?.trim()) out.childReference = f.childReference.trim();
  if (f.personId) out.personId = f.personId;
  if (f.from) out.from = f.from;
  if (f.to) out.to = f.to;
  if (f.action) out.action = f.action;
  return out;
}

/** What was searched, to follow "N events": " for case reference C-1, by Chris Chair, from 1 March 2026". */
export function describe(f: AuditFilters, people: StaffMember[]): string {
  const parts: string[] = [];
  if (f.childReference) parts.push(`for case reference ${f.childReference}`);
  if (f.personId) parts.push(`by ${people.find((p) => p.id === f.personId)?.displayName ?? 'the person chosen'}`);
  if (f.action) parts.push(`of the kind “${ACTIONS[f.action]}”`);
  if (f.from) parts.push(`from ${dayLabel(f.from)}`);
  if (f.to) parts.push(`up to ${dayLabel(f.to)}`);
  return parts.length ? ` ${parts.join(', ')}` : '';
}
