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

export interface Session {
  token: string;
  expiresAt: string;
  me: Me;
}

export interface Redeemed {
  knownAs: string;
  pinNeeded: boolean;
}

export interface SentViews {
  version: number;
  sentAt: string;
  sentBy: Role;
  content: ViewsContent;
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
