-- Participation figures (app.mysay.figures) and the manager's audit search (app.mysay.audit.AuditSearch).

-- Figures take every conference starting in a date range, whoever chairs it.
create index conference_starts_at_idx on conference (starts_at);

-- The audit search matches a child's case reference whatever its case.
create index child_case_reference_lower_idx on child (lower(case_reference));

-- The audit search pages newest first by id; these serve its filters by action and by date alone (the child and
-- actor filters already have audit_event_child_idx and audit_event_actor_idx).
create index audit_event_action_idx on audit_event (action, id);
create index audit_event_at_idx on audit_event (at);
