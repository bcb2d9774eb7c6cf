import type {
  AttachmentInfo,
  AuditFilters,
  AuditPage,
  AuthorViews,
  ChildDetails,
  ConferenceMove,
  DeviceStatus,
  Decision,
  Family,
  Figures,
  InvitationCreated,
  InvitationInfo,
  ItIsMe,
  NewConference,
  NewStaffAccount,
  PackExport,
  ChildDevice,
  ChildDevices,
  Role,
  StaffChild,
  StaffConference,
  StaffMember,
  StaffNotification,
  ChildHome,
  DraftSaved,
  Me,
  Problem,
  Redeemed,
  SendReceipt,
  SecondFactorStatus,
  Session,
  SetUpDetails,
  SetUpDone,
  SignInStep,
  AccountSummary,
  ViewsContent,
} from './types';

/** An API answer that was not a success, with the service's problem+json explanation. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem | null,
    /** How long the service asked to be left alone (its Retry-After header), when it said. */
    readonly retryAfterMs: number | null = null,
  ) {
    super(problem?.detail ?? `Request failed (${status})`);
  }

  /** Whether this is the service's problem of the given type, e.g. "pin-not-right". */
  is(type: string): boolean {
    return this.problem?.type.endsWith(`/problems/${type}`) ?? false;
  }

  /** The network did not answer at all, or the server failed: worth trying again later. */
  get retryable(): boolean {
    return this.status === 0 || this.status === 408 || this.status === 429 || this.status >= 500;
  }
}

/** A Retry-After header as milliseconds from now: seconds, or an HTTP date; null when absent or not understood. */
export function retryAfterMs(header: string | null, now: number = Date.now()): number | null {
  if (!header) return null;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

function failure(response: Response, json: unknown): ApiError {
  return new ApiError(response.status, looksLikeProblem(json) ? json : null, retryAfterMs(response.headers.get('Retry-After')));
}

/**
 * The next page's address from a Link header, when it names one on this service's API; anything else (another site,
 * another kind of link) is not followed.
 */
export function nextPage(link: string | null): string | null {
  if (!link) return null;
  for (const part of link.split(',')) {
    const match = /^\s*<([^>]*)>\s*;\s*rel="?next"?\s*$/.exec(part);
    if (match && match[1].startsWith('/api/')) return match[1];
  }
  return null;
}

/** Whether an error is the service's problem of the given type. */
export function isProblem(error: unknown, type: string): error is ApiError {
  return error instanceof ApiError && error.is(type);
}

type Fetch = typeof fetch;

/**
 * How long a sending may take, from asking to the whole answer, before the app gives up on it as "no signal" (status 0,
 * retryable). The outbox sends one thing at a time, holding its lock, and fetch has no time limit of its own: a
 * connection that went silent on a poor signal could otherwise hold every waiting sending behind it. Given up, the
 * sending is tried again later with the same Idempotency-Key, so it still arrives exactly once. Only sendings have a
 * limit: elsewhere the browser's own handling is enough, and nothing waits behind them.
 */
export const SEND_TIMEOUT_MS = 30_000;

/**
 * The one way the app talks to the service. Credentials travel in HttpOnly cookies set by the service
 * (never readable here), so nothing secret is kept in JavaScript or in storage.
 */
export class ApiClient {
  constructor(
    private readonly fetchImpl: Fetch = (...args) => fetch(...args),
    private readonly sendTimeoutMs: number = SEND_TIMEOUT_MS,
  ) {}

  private async call<T>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
    timeoutMs?: number,
  ): Promise<T> {
    return (await this.exchange<T>(method, path, body, headers, timeoutMs)).body;
  }

  /** Every page of a list the service gives a page at a time, following its Link rel="next" headers to the end. */
  private async allPages<T>(path: string): Promise<T[]> {
    const all: T[] = [];
    const asked = new Set<string>();
    let next: string | null = path;
    while (next && !asked.has(next)) {
      asked.add(next);
      const { body, headers } = await this.exchange<T[]>('GET', next);
      all.push(...body);
      next = nextPage(headers.get('Link'));
    }
    return all;
  }

  private async exchange<T>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
    timeoutMs?: number,
  ): Promise<{ body: T; headers: Headers }> {
    const controller = timeoutMs === undefined ? null : new AbortController();
    const timer = controller ? setTimeout(() => controller.abort(), timeoutMs) : undefined;
    let response: Response;
    let text: string;
    try {
      response = await this.fetchImpl(path, {
        method,
        credentials: 'same-origin',
        cache: 'no-store',
        headers: {
          Accept: 'application/json',
          // Proves to the service that the request comes from MySay's own pages, not a form on another site.
          'X-MySay-Request': '1',
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
          ...headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: controller?.signal,
      });
      text = response.status === 204 ? '' : await response.text();
    } catch {
      // No answer, an answer cut off, or none in time: the same to the child, and worth trying again.
      throw new ApiError(0, null);
    } finally {
      clearTimeout(timer);
    }
    if (response.status === 204) {
      return { body: undefined as T, headers: response.headers };
    }
    const json = text ? safeParse(text) : null;
    if (!response.ok) {
      throw failure(response, json);
    }
    return { body: json as T, headers: response.headers };
  }

  /**
   * Raw bytes both ways, for voice notes and pictures: the body as it is (the service decides what it is from the
   * bytes), and a Blob back. Never cached: the answers are no-store, and the service worker leaves /api alone.
   */
  private async raw(method: string, path: string, body?: Blob): Promise<Response> {
    let response: Response;
    try {
      response = await this.fetchImpl(path, {
        method,
        credentials: 'same-origin',
        cache: 'no-store',
        headers: {
          Accept: method === 'GET' ? '*/*' : 'application/json',
          'X-MySay-Request': '1',
          ...(body ? { 'Content-Type': body.type || 'application/octet-stream' } : {}),
        },
        body,
      });
    } catch {
      throw new ApiError(0, null);
    }
    if (!response.ok) {
      const text = await response.text();
      const json = text ? safeParse(text) : null;
      throw failure(response, json);
    }
    return response;
  }

  // ---- voice notes and pictures (paths from attachmentsPath) ----
  uploadAttachment = async (base: string, file: Blob) => (await (await this.raw('POST', base, file)).json()) as AttachmentInfo;
  /** The bytes of one attachment; each call is one audited play or view. */
  attachmentBlob = async (base: string, id: string) => (await this.raw('GET', `${base}/${encodeURIComponent(id)}`)).blob();
  deleteAttachment = async (base: string, id: string) => {
    await this.raw('DELETE', `${base}/${encodeURIComponent(id)}`);
  };

  // ---- sign-in ----
  me = () => this.call<Me>('GET', '/api/auth/me');
  refresh = () => this.call<Session>('POST', '/api/auth/refresh');
  signOut = () => this.call<void>('POST', '/api/auth/sign-out');
  staffSignIn = (email: string, password: string) => this.call<SignInStep>('POST', '/api/auth/sign-in', { email, password });
  /** Set your password with the token from the e-mailed link (works once, before it expires). */
  setPasswordByLink = (token: string, password: string) => this.call<void>('POST', '/api/auth/password', { token, password });
  enterSecondFactor = (challenge: string, code: string) =>
    this.call<Session>('POST', '/api/auth/second-factor', { challenge, code });
  beginSetUpAtSignIn = (challenge: string) => this.call<SetUpDetails>('POST', '/api/auth/second-factor/set-up', { challenge });
  confirmSetUpAtSignIn = (challenge: string, code: string) =>
    this.call<SetUpDone>('POST', '/api/auth/second-factor/set-up/confirmation', { challenge, code });

  // ---- a staff member's own account ----
  secondFactorStatus = () => this.call<SecondFactorStatus>('GET', '/api/account/second-factor');
  beginSetUp = (password: string) => this.call<SetUpDetails>('POST', '/api/account/second-factor/set-up', { password });
  confirmSetUp = (code: string) => this.call<SetUpDone>('POST', '/api/account/second-factor/set-up/confirmation', { code });
  renewRecoveryCodes = (code: string) => this.call<string[]>('POST', '/api/account/recovery-codes', { code });
  removeSecondFactor = (password: string) => this.call<Session>('POST', '/api/account/second-factor/removal', { password });
  changePassword = (currentPassword: string, newPassword: string) =>
    this.call<Session>('POST', '/api/account/password', { currentPassword, newPassword });

  // ---- the child's way in ----
  redeem = (code: string) => this.call<Redeemed>('POST', '/api/child/redeem', { code });
  choosePin = (pin: string) => this.call<Session>('POST', '/api/child/pin', { pin });
  childSignIn = (pin: string) => this.call<Session>('POST', '/api/child/sign-in', { pin });
  childDevice = () => this.call<DeviceStatus>('GET', '/api/child/device');
  childDeviceKey = () => this.call<{ key: string }>('GET', '/api/child/device/key');

  // ---- the child's own views ----
  childHome = () => this.call<ChildHome>('GET', '/api/child/me');
  childViews = (conferenceId: string) =>
    this.call<AuthorViews>('GET', `/api/child/conferences/${encodeURIComponent(conferenceId)}/views`);
  saveChildDraft = (conferenceId: string, content: ViewsContent) =>
    this.call<DraftSaved>('PUT', `/api/child/conferences/${encodeURIComponent(conferenceId)}/views/draft`, content);
  sendChildViews = (conferenceId: string, idempotencyKey: string, content: ViewsContent) =>
    this.call<SendReceipt>(
      'POST',
      `/api/child/conferences/${encodeURIComponent(conferenceId)}/views/send`,
      content,
      { 'Idempotency-Key': idempotencyKey },
      this.sendTimeoutMs,
    );

  // ---- an advocate writing with or for a child ----
  advocateViews = (conferenceId: string, childId: string) =>
    this.call<AuthorViews>('GET', `${staffViewsPath(conferenceId, childId)}/views/draft`);
  saveAdvocateDraft = (conferenceId: string, childId: string, content: ViewsContent) =>
    this.call<DraftSaved>('PUT', `${staffViewsPath(conferenceId, childId)}/views/draft`, content);
  sendAdvocateViews = (conferenceId: string, childId: string, idempotencyKey: string, content: ViewsContent) =>
    this.call<SendReceipt>(
      'POST',
      `${staffViewsPath(conferenceId, childId)}/views/send`,
      content,
      { 'Idempotency-Key': idempotencyKey },
      this.sendTimeoutMs,
    );

  // ---- the workspace: children, families, conferences ----
  staffDirectory = (role?: Role) => this.call<StaffMember[]>('GET', `/api/staff${role ? `?role=${role}` : ''}`);
  children = () => this.call<StaffChild[]>('GET', '/api/children');
  addChild = (details: ChildDetails) => this.call<StaffChild>('POST', '/api/children', details);
  families = () => this.call<Family[]>('GET', '/api/families');
  addFamily = (reference: string) => this.call<Family>('POST', '/api/families', { reference });
  /**
   * 'current': those still scheduled and those decided in the last 28 days, all the start pages show. Every page of
   * them: the service answers a page at a time.
   */
  conferences = (scope: 'current' | 'all' = 'current') =>
    this.allPages<StaffConference>(`/api/conferences?scope=${scope}`);
  conference = (id: string) => this.call<StaffConference>('GET', `/api/conferences/${encodeURIComponent(id)}`);
  moveConference = (id: string, move: ConferenceMove) =>
    this.call<StaffConference>('PUT', `/api/conferences/${encodeURIComponent(id)}/time`, move);
  arrangeConference = (conference: NewConference) => this.call<StaffConference>('POST', '/api/conferences', conference);

  // ---- inviting a child ----
  invite = (conferenceId: string, childId: string) =>
    this.call<InvitationCreated>('POST', `${staffViewsPath(conferenceId, childId)}/invitations`);
  invitations = (conferenceId: string, childId: string) =>
    this.call<InvitationInfo[]>('GET', `${staffViewsPath(conferenceId, childId)}/invitations`);

  // ---- a child's devices (their social worker) ----
  childDevices = (childId: string) => this.call<ChildDevices>('GET', devicesPath(childId));
  resetDevicePin = (childId: string, deviceId: string) =>
    this.call<ChildDevice>('POST', `${devicesPath(childId)}/${encodeURIComponent(deviceId)}/pin-reset`);
  removeDevice = (childId: string, deviceId: string) =>
    this.call<void>('DELETE', `${devicesPath(childId)}/${encodeURIComponent(deviceId)}`);

  // ---- the chair ----
  pack = (conferenceId: string) => this.call<PackExport>('GET', `/api/conferences/${encodeURIComponent(conferenceId)}/summary`);
  markRead = (conferenceId: string, childId: string) => this.call<unknown>('POST', `${staffViewsPath(conferenceId, childId)}/read`);
  recordDecision = (conferenceId: string, decision: Decision) =>
    this.call<StaffConference>('PUT', `/api/conferences/${encodeURIComponent(conferenceId)}/decision`, decision);

  // ---- notifications in the workspace ----
  notifications = () => this.call<StaffNotification[]>('GET', '/api/notifications');
  markNotificationRead = (id: string) => this.call<unknown>('POST', `/api/notifications/${encodeURIComponent(id)}/read`);

  // ---- manager ----
  /** Participation figures for the days from and to (both included); the last 12 months when left out. */
  figures = (from?: string, to?: string) => this.call<Figures>('GET', `/api/figures${queryString({ from, to })}`);
  auditSearch = (filters: AuditFilters, before?: number | null, limit?: number) =>
    this.call<AuditPage>('GET', `/api/audit${queryString({ ...filters, before: before ?? undefined, limit })}`);
  staffAccounts = () => this.call<AccountSummary[]>('GET', '/api/staff/accounts');
  setAccountEnabled = (id: string, enabled: boolean) =>
    this.call<AccountSummary>('PUT', `/api/staff/${encodeURIComponent(id)}/enabled`, { enabled });
  /** Reset someone's sign-in: the manager's own password, and their authenticator code if they use one. */
  resetSecondFactor = (id: string, confirmation: ItIsMe) =>
    this.call<void>('DELETE', `/api/staff/${encodeURIComponent(id)}/second-factor`, confirmation);
  resetPassword = (id: string, confirmation: ItIsMe) =>
    this.call<void>('POST', `/api/staff/${encodeURIComponent(id)}/password-reset`, confirmation);
  /** A new account: no password; its holder is e-mailed a link to set their own. */
  createStaffAccount = (account: NewStaffAccount) => this.call<StaffMember>('POST', '/api/staff', account);
  /** The same search as a CSV download: a plain link, so the browser saves the file (the session cookie goes with it). */
  auditCsvHref = (filters: AuditFilters) => `/api/audit/export.csv${queryString({ ...filters })}`;
}

/** "?a=1&b=x" from the values that are set, in the order given; "" when none is. */
export function queryString(params: Record<string, string | number | null | undefined>): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && String(value).trim() !== '') {
      query.set(name, String(value).trim());
    }
  }
  const text = query.toString();
  return text ? `?${text}` : '';
}

/** Where a child's voice notes and pictures for a conference live: the child's own address, or staff's. */
export function attachmentsPath(conferenceId: string, childId?: string): string {
  return childId
    ? `${staffViewsPath(conferenceId, childId)}/attachments`
    : `/api/child/conferences/${encodeURIComponent(conferenceId)}/attachments`;
}

function staffViewsPath(conferenceId: string, childId: string): string {
  return `/api/conferences/${encodeURIComponent(conferenceId)}/children/${encodeURIComponent(childId)}`;
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function looksLikeProblem(value: unknown): value is Problem {
  return typeof value === 'object' && value !== null && 'status' in value && 'title' in value;
}

export const api = new ApiClient();

function devicesPath(childId: string): string {
  return `/api/children/${encodeURIComponent(childId)}/devices`;
}
