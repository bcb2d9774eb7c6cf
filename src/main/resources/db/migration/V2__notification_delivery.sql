-- Delivering the outbox (app.mysay.notifications.NotificationSender).
-- next_attempt_at: when the sender may next pick the row up. A claim moves it a lease ahead, so no other instance
-- takes the row while it is being sent; a failure moves it a back-off ahead. Null means it will not be tried again
-- (the recipient's account is disabled). A row is delivered once sent_at is set.
alter table notification add column next_attempt_at timestamptz;
update notification set next_attempt_at = created_at where sent_at is null;

drop index notification_pending_idx;
create index notification_due_idx on notification (next_attempt_at) where sent_at is null;
