-- The webhook export to the council's case-management system (app.mysay.webhook).
-- One row per event to announce: written in the same transaction as what it announces (views sent, a decision
-- recorded), only while a webhook is configured. The body is the exact JSON sent, fixed when the row is written, so
-- every retry sends the same bytes; it names no words of the child's, only ids, the case reference and links.
-- next_attempt_at: when the sender may next try it (a lease while it is being sent, a back-off after a failure).
-- attempts: how many times it has been sent, including the one that succeeded. last_error: a short reason for the
-- last failure (a status code or the kind of error, never what the receiver answered). A row is done once
-- delivered_at is set, or failed_at when the sender gave up after mysay.webhook.max-attempts.
create table webhook_delivery (
    id              uuid primary key,
    event           varchar(40)  not null,
    conference_id   uuid         not null references conference (id),
    child_id        uuid         not null references child (id),
    body            bytea        not null,
    created_at      timestamptz  not null,
    next_attempt_at timestamptz,
    attempts        integer      not null default 0,
    last_error      varchar(200),
    delivered_at    timestamptz,
    failed_at       timestamptz
);
create index webhook_delivery_due_idx on webhook_delivery (next_attempt_at)
    where delivered_at is null and failed_at is null;
create index webhook_delivery_conference_idx on webhook_delivery (conference_id);
