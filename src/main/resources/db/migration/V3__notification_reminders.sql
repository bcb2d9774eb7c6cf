-- In-workspace notifications and reminders (app.mysay.notifications.Reminders, NotificationResource).
-- read_at: when the recipient marked the notification read in the workspace. It has nothing to do with delivery
-- (sent_at): an e-mail may go out for a notification that was already read, and the other way round.
alter table notification add column read_at timestamptz;

-- A member of staff's own notifications, newest first.
create index notification_recipient_idx on notification (recipient_id, created_at desc);

-- Each reminder is written at most once per kind, person, conference and child, however many instances run the
-- reminder job and however often: the job inserts with ON CONFLICT DO NOTHING against this index.
create unique index notification_reminder_once on notification (kind, recipient_id, conference_id, child_id)
    where kind in ('VIEWS_DUE_SOON', 'VIEWS_UNREAD');
