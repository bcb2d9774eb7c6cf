-- The secret that unlocks the drafts a child keeps on this device (web/src/drafts/crypto.ts wraps the device's draft
-- keys under it). The service hands it to the app only after a PIN sign-in, keeps it encrypted like the other secrets
-- (FieldEncryption, bound to the row and the child), and forgets it on a PIN reset (a new one is made at the next
-- sign-in, so drafts kept under the old one can no longer be read).
alter table child_device add column draft_key_enc bytea;
