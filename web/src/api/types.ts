// The API's shapes, as the service's Java records define them (see src/main/java/app/mysay/**/…Dtos.java).

export type Role = 'SOCIAL_WORKER' | 'CHAIR' | 'ADVOCATE' | 'MANAGER' | 'CHILD';

export type TakingPartWay =
  | 'COME_TO_ALL'
  | 'COME_TO_PART'
  | 'COME_WITH_SUPPORTER'
  | 'JOIN_BY_VIDEO'
  | 'TALK_TO_CHAIR_BEFORE_BY_PHONE'
  | 'TALK_TO_CHAIR_BEFORE_BY_EMAIL'
  | 'TALK_TO_CHAIR_BEFORE_FACE_TO_FACE'
  | 'WRITE_SOMETHING_TO_BE_READ_OUT'
  | 'SOCIAL_WORKER_SHARES_MY_VIEWS'
  | 'ADVOCATE_SHARES_MY_VIEWS'
  | 'SMALLER_MEETING_WITH_CHAIR'
  | 'NOT_ATTENDING';

export const TAKING_PART_WAYS: TakingPartWay[] = [
  'COME_TO_ALL',
  'COME_TO_PART',
  'COME_WITH_SUPPORTER',
  'JOIN_BY_VIDEO',
  'TALK_TO_CHAIR_BEFORE_BY_PHONE',
  'TALK_TO_CHAIR_BEFORE_BY_EMAIL',
  'TALK_TO_CHAIR_BEFORE_FACE_TO_FACE',
  'WRITE_SOMETHING_TO_BE_READ_OUT',
  'SOCIAL_WORKER_SHARES_MY_VIEWS',
  'ADVOCATE_SHARES_MY_VIEWS',
  'SMALLER_MEETING_WITH_CHAIR',
  'NOT_ATTENDING',
];

export type AdvocateChoice = 'WANT_ONE' | 'HAVE_ONE' | 'NO_THANKS';
export type AuthorshipKind = 'CHILD' | 'CHILD_WITH_HELP' | 'ADVOCATE_ON_BEHALF';
export type ConferenceType = 'INITIAL' | 'REVIEW';
export type ConferenceStatus = 'SCHEDULED' | 'HELD' | 'CANCELLED';
export type AttendanceMode = 'IN_PERSON' | 'VIDEO' | 'HYBRID';

export interface TextPart {
  text: string | null;
  parentsMaySee: boolean;
  /** Beside the good things, worries and wishes: a voice note and a picture, uploaded first and named by id. */
  voiceNote?: string | null;
  picture?: string | null;
  /** The child's own words for what is in the picture; also its text alternative. */
  pictureText?: string | null;
}

export type AttachmentKind = 'VOICE' | 'PICTURE';

/** A voice note's or picture's facts; its bytes are fetched from its own address, and each fetch is audited. */
export interface AttachmentInfo {
  id: string;
  kind: AttachmentKind;
  mediaType: string;
  bytes: number;
  width: number | null;
  height: number | null;
}

export interface ViewsContent {
  goodThings?: TextPart | null;
  worries?: TextPart | null;
  wishes?: TextPart | null;
  safety?: { score: number | null; parentsMaySee: boolean } | null;
  takingPart?: { ways: TakingPartWay[] | null; whoWithMe: string | null; parentsMaySee: boolean } | null;
  advocate?: { choice: AdvocateChoice | null; parentsMaySee: boolean } | null;
  questions?: TextPart | null;
  tellChairFirst?: TextPart | null;
  authorship: {
    kind: AuthorshipKind;
    helperName?: string | null;
    helperRole?: string | null;
    readBackAgreed?: boolean | null;
    notReadBackReason?: string | null;
  };
}

export interface Me {
  id: string;
  role: Role;
  displayName: string;
}

/** The token itself is only in the HttpOnly cookie, out of every script's reach. */
export interface Session {
  expiresAt: string;
  me: Me;
}

/** A right password where a second step comes before the session. */
export interface SecondStepNeeded {
  secondStep: 'ENTER_CODE' | 'SET_UP';
  challenge: string;
  expiresAt: string;
}

export type SignInStep = Session | SecondStepNeeded;

/** An authenticator app's secret: as a QR code, and as text to type. Shown once. */
export interface SetUpDetails {
  secret: string;
  keyUri: string;
  qrCode: { size: number; path: string };
}

export interface SetUpDone {
  session: Session;
  recoveryCodes: string[];
}

export interface SecondFactorStatus {
  setUp: boolean;
  setUpAt: string | null;
  recoveryCodesLeft: number;
  required: boolean;
}

/** A staff account as a manager sees it. */
export interface AccountSummary {
  id: string;
  email: string;
  displayName: string;
  role: Exclude<Role, 'CHILD'>;
  enabled: boolean;
  secondFactorSetUp: boolean;
  /** False while the holder has not yet set their password through the e-mailed link. */
  passwordSet: boolean;
}

/** A new staff account: nobody chooses its password (its holder is e-mailed a link to set their own). */
export interface NewStaffAccount {
  email: string;
  displayName: string;
  role: Exclude<Role, 'CHILD'>;
}

/** A manager confirming it is them before resetting someone's sign-in. */
export interface ItIsMe {
  password: string;
  code?: string;
}

export interface Redeemed {
  knownAs: string;
  pinNeeded: boolean;
}

/** Where this phone stands (nothing about the child): which screen the app opens on. */
/** Where a child's device stands: a PIN to type, one to choose, locked, too late to choose one, or taken off MySay. */
export type DeviceState = 'PIN_SET' | 'PIN_NOT_SET' | 'LOCKED' | 'SET_UP_EXPIRED' | 'REMOVED';

export interface DeviceStatus {
  state: DeviceState;
}

export interface SentViews {
  version: number;
  sentAt: string;
  sentBy: Role;
  content: ViewsContent;
  attachments?: AttachmentInfo[];
}

export interface VersionInfo {
  version: number;
  sentAt: string;
  sentBy: Role;
  authorship: AuthorshipKind;
}

export interface AuthorViews {
  conferenceId: string;
  childId: string;
  viewsDue: string;
  conferenceStatus: ConferenceStatus;
  draft: ViewsContent | null;
  draftSavedAt: string | null;
  latestSent: SentViews | null;
  versions: VersionInfo[];
}

export interface DraftSaved {
  conferenceId: string;
  childId: string;
  savedAt: string;
}

export interface SendReceipt {
  conferenceId: string;
  childId: string;
  version: number;
  sentAt: string;
  /** The words were flagged as maybe meaning danger now: the app shows the help lines, calmly. */
  helpOffered?: boolean;
}

export interface ChildConference {
  conferenceId: string;
  type: ConferenceType;
  startsAt: string;
  attendanceMode: AttendanceMode;
  place: string | null;
  status: ConferenceStatus;
  viewsDue: string;
  /** Scheduled, nothing sent yet, and the views are due soon (the same rule as the staff's reminder). */
  viewsDueSoon: boolean;
  draftSaved: boolean;
  sentVersion: number | null;
  sentAt: string | null;
  readByChairAt: string | null;
  readByChairVersion: number | null;
  chairMessage: string | null;
  chairMessageAt: string | null;
  /** The decision for this child once the conference is held and it is recorded; null before. */
  planNeeded: boolean | null;
  /** The review conference's date, for a child with a plan. */
  nextReviewDate: string | null;
}

export interface ChildHome {
  childId: string;
  knownAs: string;
  preferredLanguage: string;
  conferences: ChildConference[];
}

/** An RFC 9457 problem, as every API error is answered. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  invalidParams?: { name: string; reason: string }[];
  attemptsLeft?: number;
}

// ---- the professionals' workspace ----

export type AgeBand = 'UNDER_5' | 'AGE_5_TO_7' | 'AGE_8_TO_11' | 'AGE_12_TO_15' | 'AGE_16_TO_17';
export type HarmCategory = 'EMOTIONAL' | 'PHYSICAL' | 'SEXUAL' | 'NEGLECT';
export type InvitationState = 'OPEN' | 'REDEEMED' | 'EXPIRED' | 'REPLACED';
export type Attention =
  | 'URGENT_WORDS'
  | 'LOW_SAFETY_SCORE'
  | 'WANTS_TO_TALK_TO_CHAIR_FIRST'
  | 'WANTS_AN_ADVOCATE'
  | 'DEVICE_LOCKED'
  | 'NOT_INVITED'
  | 'VIEWS_OVERDUE'
  | 'UNREAD_BY_CHAIR';

export interface StaffMember {
  id: string;
  displayName: string;
  role: Role;
}

export interface StaffChild {
  id: string;
  knownAs: string;
  dateOfBirth: string | null;
  ageBand: AgeBand | null;
  preferredLanguage: string | null;
  communicationNeeds: string | null;
  caseReference: string;
  familyId: string | null;
  socialWorkerId: string;
  advocateId: string | null;
}

export interface ChildDetails {
  knownAs: string;
  dateOfBirth: string | null;
  ageBand: AgeBand | null;
  preferredLanguage: string | null;
  communicationNeeds: string | null;
  caseReference: string;
  familyId: string | null;
  advocateId: string | null;
}

export interface Family {
  id: string;
  reference: string;
  socialWorkerId: string;
  children: StaffChild[];
}

/** Where one child stands in a conference: facts, never the child's words. */
export interface ChildStatus {
  childId: string;
  knownAs: string;
  ageBand: AgeBand | null;
  /** The language the child reads MySay in: en, cy or ar (or another code the council recorded). */
  preferredLanguage: string | null;
  caseReference: string;
  invitation: InvitationState | null;
  deviceLocked: boolean;
  draftStarted: boolean;
  sentVersion: number | null;
  sentAt: string | null;
  authorship: AuthorshipKind | null;
  wantsToAttend: boolean | null;
  takingPartWays: TakingPartWay[];
  advocateChoice: AdvocateChoice | null;
  /** The advocate allocated to the child, if any (whatever the child has said about one). */
  advocate: { id: string; displayName: string } | null;
  wantsToTalkToChairFirst: boolean;
  chairReadAt: string | null;
  chairReadVersion: number | null;
  planNeeded: boolean | null;
  harmCategory: HarmCategory | null;
  outcomeMessage: string | null;
  outcomeAt: string | null;
  attention: Attention[];
  urgent: boolean;
}

export interface StaffConference {
  id: string;
  type: ConferenceType;
  startsAt: string;
  attendanceMode: AttendanceMode;
  place: string | null;
  status: ConferenceStatus;
  viewsDue: string;
  nextReviewDate: string | null;
  chair: { id: string; displayName: string } | null;
  socialWorker: { id: string; displayName: string } | null;
  children: ChildStatus[];
  urgent: boolean;
}

export interface NewConference {
  type: ConferenceType;
  startsAt: string;
  attendanceMode: AttendanceMode;
  place: string | null;
  chairId: string;
  childIds: string[];
  viewsDue: string | null;
}

/** A conference's new time (and place, or way of joining); no views-due date: the usual one for the new time. */
export interface ConferenceMove {
  startsAt: string;
  attendanceMode: AttendanceMode;
  place: string | null;
  viewsDue: string | null;
}

export interface Decision {
  nextReviewDate: string | null;
  children: { childId: string; planNeeded: boolean; category: HarmCategory | null; messageForChild: string | null }[];
}

export interface InvitationCreated {
  id: string;
  childId: string;
  conferenceId: string;
  code: string;
  link: string;
  expiresAt: string;
  /** The link as a QR code: the SVG path of its dark modules on a square of `size` modules. */
  qrCode: { size: number; path: string };
}

export interface InvitationInfo {
  id: string;
  createdAt: string;
  expiresAt: string;
  state: InvitationState;
  redeemedAt: string | null;
}

/** One of a child's devices, as their social worker sees it: a name MySay gives it and its kind, nothing identifying. */
export interface ChildDevice {
  id: string;
  /** "Device 1", "Device 2", ... in the order they were set up. */
  name: string;
  /** The browser and system family its browser gave, e.g. "Chrome on Android"; null when not known. */
  kind: string | null;
  setUpAt: string;
  lastSignedInAt: string | null;
  state: DeviceState;
  /** While a PIN may be chosen on it (just set up, or after a reset): until when. */
  newPinUntil: string | null;
  removedAt: string | null;
}

export interface ChildDevices {
  childId: string;
  knownAs: string;
  devices: ChildDevice[];
}

export type NotificationKind = 'VIEWS_SENT' | 'VIEWS_DUE_SOON' | 'VIEWS_UNREAD' | 'URGENT_VIEWS' | 'CONFERENCE_MOVED'
  | 'ACCOUNT_CREATED' | 'SIGN_IN_RESET';

export interface StaffNotification {
  id: string;
  kind: NotificationKind;
  /** None for notices about the person's own account. */
  conferenceId: string | null;
  childId: string | null;
  createdAt: string;
  readAt: string | null;
}

/** The conference pack as data: each child's newest sent views exactly as sent. */
export interface PackExport {
  conferenceId: string;
  type: ConferenceType;
  startsAt: string;
  attendanceMode: AttendanceMode;
  place: string | null;
  status: ConferenceStatus;
  viewsDue: string;
  decidedAt: string | null;
  nextReviewDate: string | null;
  exportedAt: string;
  children: {
    childId: string;
    knownAs: string;
    caseReference: string;
    latest: { version: number; sentAt: string; sentBy: Role; content: ViewsContent; attachments?: (AttachmentInfo & { href: string })[] } | null;
    chairRead: { readAt: string; version: number | null } | null;
    decision: { planNeeded: boolean | null; category: HarmCategory | null; messageForChild: string | null; recordedAt: string | null } | null;
    /** How safe the child said they felt at each conference the reader may see, oldest first (two or more, or none). */
    safetyTrend?: { conferenceId: string; startsAt: string; score: number; parentsMaySee: boolean; thisConference: boolean }[];
  }[];
}

// ---- manager: participation figures and the audit trail (figures only: no child's name or words) ----

/** A child's place at one conference, counted by its newest sent views. */
export interface Figures {
  from: string;
  to: string;
  totals: { conferences: number; places: number; placesWithViews: number; shareWithViews: number | null };
  byAgeBand: { ageBand: AgeBand; places: number; placesWithViews: number }[];
  byRoute: { route: AuthorshipKind; places: number }[];
  attendance: { ways: { way: TakingPartWay; places: number }[]; noWayChosen: number };
  advocate: { choices: { choice: AdvocateChoice; places: number }[]; notAnswered: number };
  /** Hours from the newest version being sent to the chair marking it read. */
  chairReading: { read: number; unread: number; medianHours: number | null; percentile90Hours: number | null };
  heardBack: { placesAtHeldConferences: number; withMessage: number };
  /** month is YYYY-MM. */
  months: { month: string; places: number; placesWithViews: number }[];
}

export type AuditAction =
  | 'STAFF_SIGNED_IN' | 'STAFF_SIGN_IN_FAILED' | 'STAFF_ACCOUNT_CREATED'
  | 'CHILD_CREATED' | 'CHILD_UPDATED' | 'CONFERENCE_CREATED' | 'CONFERENCE_CANCELLED' | 'CONFERENCE_MOVED' | 'CHILD_READ'
  | 'INVITATION_CREATED' | 'INVITATION_REDEEMED' | 'INVITATION_REFUSED'
  | 'CHILD_PIN_SET' | 'CHILD_SIGNED_IN' | 'CHILD_PIN_FAILED' | 'CHILD_LOCKED' | 'CHILD_PIN_RESET'
  | 'CHILD_DEVICES_READ' | 'CHILD_DEVICE_REMOVED'
  | 'VIEWS_DRAFT_READ' | 'VIEWS_DRAFT_SAVED' | 'VIEWS_SENT' | 'VIEWS_READ' | 'VIEWS_VERSION_READ' | 'SUMMARY_READ'
  | 'CHAIR_ACKNOWLEDGED' | 'DECISION_RECORDED' | 'STATUS_READ'
  | 'FIGURES_READ' | 'AUDIT_SEARCHED' | 'AUDIT_EXPORTED' | 'AUDIT_VERIFIED'
  | 'SIGN_IN_LIMITED' | 'SIGNED_OUT' | 'FIELDS_REENCRYPTED'
  | 'VIEWS_PURGED' | 'LEGAL_HOLD_PLACED' | 'LEGAL_HOLD_LIFTED'
  | 'SECOND_FACTOR_SET_UP' | 'SECOND_FACTOR_REMOVED' | 'SECOND_FACTOR_FAILED'
  | 'RECOVERY_CODE_USED' | 'RECOVERY_CODES_RENEWED' | 'PASSWORD_CHANGED'
  | 'STAFF_ACCOUNT_DISABLED' | 'STAFF_ACCOUNT_ENABLED' | 'STAFF_SIGN_IN_RESET' | 'PASSWORD_SET_BY_LINK'
  | 'ATTACHMENT_UPLOADED' | 'ATTACHMENT_DELETED' | 'VOICE_NOTE_PLAYED' | 'PICTURE_VIEWED';

/** One audit event: the child by case reference only; the actor's name only for staff. */
export interface AuditEntry {
  id: number;
  at: string;
  actorName: string | null;
  actorRole: string;
  action: AuditAction;
  childReference: string | null;
  conferenceId: string | null;
  detail: string | null;
}

export interface AuditPage {
  events: AuditEntry[];
  /** Ask with before=nextBefore for the next, older page; null when there are no more. */
  nextBefore: number | null;
}

/** The audit search's filters; empty ones are left out. Dates are YYYY-MM-DD. */
export interface AuditFilters {
  childReference?: string;
  personId?: string;
  from?: string;
  to?: string;
  action?: AuditAction | '';
}
