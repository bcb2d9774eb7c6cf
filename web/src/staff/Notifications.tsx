import { api } from '../api/client';
import type { NotificationKind, StaffNotification } from '../api/types';
import { formatDate } from '../i18n';
import { Observable } from '../state/observable';
import { Heading, Link, LoadState, useLoad } from './common';

/** How many notifications are unread, for the count in the navigation; checked every minute while signed in. */
export const unreadNotifications = new Observable<number>(0);

const CHECK_EVERY_MS = 60 * 1000;

export function watchNotifications(): () => void {
  const check = () => api.notifications().then((list) => {
    unreadNotifications.value = list.filter((n) => !n.readAt).length;
  }, () => undefined);
  void check();
  const timer = window.setInterval(check, CHECK_EVERY_MS);
  return () => window.clearInterval(timer);
}

const WHAT: Record<NotificationKind, string> = {
  VIEWS_SENT: "A child's views have arrived",
  VIEWS_DUE_SOON: "A child's views are due soon and none have arrived",
  VIEWS_UNREAD: "The conference is close and a child's views are not marked read",
  URGENT_VIEWS: "Please look today: what a child shared may mean they are in danger now",
  CONFERENCE_MOVED: 'A conference has a new date or time',
  ACCOUNT_CREATED: 'Your account was made: you were e-mailed a link to set your password',
  SIGN_IN_RESET: 'A manager reset your sign-in: you were e-mailed a link to set a new password',
};

/** The same notifications as the e-mails, in the workspace: what is waiting and where, never any content. */
export function Notifications() {
  const { data, failed, reload } = useLoad(() => api.notifications(), []);
  if (!data || failed) return <LoadState failed={failed} loaded={!!data} what="Your notifications" reload={reload} />;

  const open = (n: StaffNotification) => {
    if (!n.readAt) {
      void api.markNotificationRead(n.id).then(() => {
        unreadNotifications.value = Math.max(0, unreadNotifications.value - 1);
      }, () => undefined);
    }
  };

  return (
    <>
      <Heading>Notifications</Heading>
      {data.length === 0 && <p>Nothing new.</p>}
      <ul class="notification-list">
        {data.map((n) => (
          <li key={n.id} class={n.readAt ? 'read' : 'unread'}>
            {!n.readAt && <strong class="tag tag-attention">New</strong>}{' '}
            <span onClick={() => open(n)}>
              <Link href={n.conferenceId ? `/staff/conferences/${n.conferenceId}` : '/staff/account'}>{WHAT[n.kind]}</Link>
            </span>
            <span class="caption"> {formatDate(n.createdAt, true)}</span>
          </li>
        ))}
      </ul>
    </>
  );
}
