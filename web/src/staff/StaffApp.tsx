import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/client';
import type { Me, Role } from '../api/types';
import { useObservable } from '../state/observable';
import { AdvocateHome } from './advocate/AdvocateHome';
import { AdvocateViews } from './advocate/AdvocateViews';
import { Pack } from './chair/Pack';
import { RecordDecision } from './chair/RecordDecision';
import { Upcoming } from './chair/Upcoming';
import { ConferencePage } from './ConferencePage';
import { Link } from './common';
import { Account } from './account/Account';
import { AuditTrail } from './manager/AuditTrail';
import { Figures } from './manager/Figures';
import { StaffAccounts } from './manager/StaffAccounts';
import { Notifications, unreadNotifications, watchNotifications } from './Notifications';
import { currentPath, listenToHistory, match, navigate } from './router';
import { SetPassword } from './SetPassword';
import { SignIn } from './SignIn';
import { AddChild } from './socialWorker/AddChild';
import { ArrangeConference } from './socialWorker/ArrangeConference';
import { Caseload } from './socialWorker/Caseload';
import { Devices } from './socialWorker/Devices';
import { NewVersionNotice } from '../update/NewVersionNotice';
import { Invite } from './socialWorker/Invite';

/** The professionals' workspace at /staff: one shell, and the pages each role uses. */
export function startStaff(root: HTMLElement): void {
  document.title = 'MySay for staff';
  listenToHistory();
  render(<StaffApp />, root);
}

type Params = Record<string, string>;
type Route = { pattern: string; roles: Role[]; title: string; page: (p: Params, me: Me) => preact.JSX.Element };

const ROUTES: Route[] = [
  { pattern: '/staff', roles: ['SOCIAL_WORKER'], title: 'My children and families', page: () => <Caseload /> },
  { pattern: '/staff', roles: ['CHAIR'], title: 'My conferences', page: () => <Upcoming /> },
  { pattern: '/staff', roles: ['ADVOCATE'], title: 'My children', page: () => <AdvocateHome /> },
  { pattern: '/staff', roles: ['MANAGER'], title: 'Participation figures', page: () => <Figures /> },
  { pattern: '/staff/figures', roles: ['MANAGER'], title: 'Participation figures', page: () => <Figures /> },
  { pattern: '/staff/audit', roles: ['MANAGER'], title: 'Audit trail', page: () => <AuditTrail /> },
  { pattern: '/staff/people', roles: ['MANAGER'], title: 'Staff accounts', page: (_, me) => <StaffAccounts me={me} /> },
  { pattern: '/staff/account', roles: ['SOCIAL_WORKER', 'CHAIR', 'ADVOCATE', 'MANAGER'], title: 'Your account', page: () => <Account /> },
  { pattern: '/staff/children/new', roles: ['SOCIAL_WORKER'], title: 'Add a child', page: () => <AddChild /> },
  { pattern: '/staff/conferences/new', roles: ['SOCIAL_WORKER'], title: 'Arrange a conference', page: () => <ArrangeConference /> },
  { pattern: '/staff/children/:childId/devices', roles: ['SOCIAL_WORKER'], title: "A child's devices", page: (p) => <Devices childId={p.childId} /> },
  { pattern: '/staff/conferences/:id', roles: ['SOCIAL_WORKER', 'CHAIR', 'ADVOCATE'], title: 'Conference', page: (p, me) => <ConferencePage id={p.id} me={me} /> },
  { pattern: '/staff/conferences/:id/children/:childId/invite', roles: ['SOCIAL_WORKER'], title: 'Invite a child', page: (p) => <Invite conferenceId={p.id} childId={p.childId} /> },
  { pattern: '/staff/conferences/:id/pack', roles: ['CHAIR', 'SOCIAL_WORKER'], title: 'Conference pack', page: (p, me) => <Pack id={p.id} me={me} /> },
  { pattern: '/staff/conferences/:id/decision', roles: ['CHAIR'], title: 'Record the decision', page: (p) => <RecordDecision id={p.id} /> },
  { pattern: '/staff/conferences/:id/children/:childId/views', roles: ['ADVOCATE'], title: 'Views', page: (p, me) => <AdvocateViews conferenceId={p.id} childId={p.childId} me={me} /> },
  { pattern: '/staff/notifications', roles: ['SOCIAL_WORKER', 'CHAIR', 'ADVOCATE', 'MANAGER'], title: 'Notifications', page: () => <Notifications /> },
];

const NAV: Record<Exclude<Role, 'CHILD'>, { href: string; label: string }[]> = {
  SOCIAL_WORKER: [{ href: '/staff', label: 'Children and families' }, { href: '/staff/children/new', label: 'Add a child' }, { href: '/staff/conferences/new', label: 'Arrange a conference' }],
  CHAIR: [{ href: '/staff', label: 'My conferences' }],
  ADVOCATE: [{ href: '/staff', label: 'My children' }],
  MANAGER: [{ href: '/staff', label: 'Figures' }, { href: '/staff/audit', label: 'Audit trail' }, { href: '/staff/people', label: 'Staff accounts' }],
};

const REFRESH_EVERY_MS = 10 * 60 * 1000;
/** A workspace left alone this long signs itself out, as on a shared office computer nobody may be watching it. */
export const IDLE_SIGN_OUT_MS = 30 * 60 * 1000;

function StaffApp() {
  const [me, setMe] = useState<Me | null>(null);
  const [checked, setChecked] = useState(false);
  const [signedOutIdle, setSignedOutIdle] = useState(false);
  const path = useObservable(currentPath);
  const unread = useObservable(unreadNotifications);

  useEffect(() => {
    api.me().then((who) => who.role !== 'CHILD' && setMe(who), () => undefined).finally(() => setChecked(true));
  }, []);

  // A token lasts minutes; refreshing keeps a working day going, until the workspace has been left alone too long.
  useEffect(() => {
    if (!me) return undefined;
    let lastActivity = Date.now();
    const active = () => {
      lastActivity = Date.now();
    };
    const events = ['pointerdown', 'keydown', 'scroll'] as const;
    events.forEach((e) => window.addEventListener(e, active, { passive: true }));
    const check = window.setInterval(() => {
      const idle = Date.now() - lastActivity;
      if (idle >= IDLE_SIGN_OUT_MS) {
        void api.signOut().catch(() => undefined);
        setSignedOutIdle(true);
        setMe(null);
      } else {
        api.refresh().catch(() => setMe(null));
      }
    }, REFRESH_EVERY_MS / 2);
    const stopWatching = watchNotifications();
    return () => {
      events.forEach((e) => window.removeEventListener(e, active));
      window.clearInterval(check);
      stopWatching();
    };
  }, [me]);

  // The e-mailed set-password link: the same page signed in or not (it is about the link's account, not this one).
  const settingPassword = path === '/staff/password';
  const found = me ? findRoute(path, me.role) : null;
  useEffect(() => {
    document.title = settingPassword ? 'Set your password – MySay for staff'
      : me ? `${found?.route.title ?? 'Page not found'} – MySay for staff` : 'Sign in – MySay for staff';
    requestAnimationFrame(() => {
      window.scrollTo(0, 0);
      document.querySelector<HTMLElement>('main h1')?.focus();
    });
  }, [path, me?.id]);

  const signOut = async () => {
    await api.signOut().catch(() => undefined);
    setMe(null);
    navigate('/staff', true);
  };

  return (
    <div class="app staff">
      <a class="skip-link" href="#main" onClick={(e) => { e.preventDefault(); document.querySelector<HTMLElement>('main h1')?.focus(); }}>
        Skip to content
      </a>
      <header class="header">
        <span class="brand">MySay for staff</span>
        {me && (
          <div class="header-actions">
            <Link href="/staff/account" class="signed-in-as">{me.displayName}<span class="visually-hidden">: your account</span></Link>
            <button type="button" class="button button-secondary" onClick={signOut}>Sign out</button>
          </div>
        )}
      </header>
      {me && me.role !== 'CHILD' && (
        <nav class="workspace-nav" aria-label="Workspace">
          <ul>
            {NAV[me.role].map((item) => (
              <li key={item.href}>
                <Link href={item.href} class={path === item.href ? 'current' : undefined}>{item.label}</Link>
              </li>
            ))}
            <li>
              <Link href="/staff/notifications" class={path === '/staff/notifications' ? 'current' : undefined}>
                Notifications{unread > 0 && <span class="count"> ({unread} new)</span>}
              </Link>
            </li>
          </ul>
        </nav>
      )}
      <main id="main" class="main">
        <NewVersionNotice />
        {!checked && <p role="status">Loading…</p>}
        {checked && !me && signedOutIdle && (
          <p class="notice notice-warning" role="status">You were signed out after 30 minutes without activity. Sign in again to carry on.</p>
        )}
        {settingPassword && <SetPassword />}
        {!settingPassword && checked && !me && <SignIn onSignedIn={(who) => { setSignedOutIdle(false); setMe(who); }} />}
        {!settingPassword && me && found && found.route.page(found.params, me)}
        {!settingPassword && me && !found && (
          <>
            <h1 class="heading-l" tabIndex={-1}>Page not found</h1>
            <p>If you typed the address, check it is right. Otherwise, it is not a page your role uses.</p>
            <p><Link href="/staff">Go to the start</Link></p>
          </>
        )}
      </main>
    </div>
  );
}

function findRoute(path: string, role: Role): { route: Route; params: Params } | null {
  for (const route of ROUTES) {
    const params = match(route.pattern, path);
    if (params && route.roles.includes(role)) return { route, params };
  }
  return null;
}
