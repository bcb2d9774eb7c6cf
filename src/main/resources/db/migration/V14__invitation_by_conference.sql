-- The workspace lists (a chair's or social worker's conferences, with each child's status) look invitations up by
-- conference. The only index was (child_id, conference_id), so at 200,000 invitations that look-up scanned the whole
-- table (42 ms, bench/results/2026-11-21-2001.md): the chair's list missed its 50 ms p95.
create index invitation_conference_idx on invitation (conference_id);
