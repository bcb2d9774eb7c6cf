-- A child's devices are looked after one by one (issue 19, item 4): the social worker resets the PIN of one device,
-- and removes a lost one, instead of a reset reopening every device bound to the child.

-- When the social worker removed the device (or a new invitation was opened on the same browser, which replaces its
-- cookie). A removed device keeps only its id, child, times and the digest of its secret, so that the phone can be
-- told plainly that it no longer opens MySay; its PIN, its drafts' key and its sessions are gone for good
-- (AccountStillUsable refuses every token of a removed device, whatever its time).
alter table child_device add column removed_at timestamptz;

-- What kind of device it is, as its browser said when the invitation was opened there: a browser and system family
-- from a short fixed list (DeviceKind.of, e.g. "Chrome on Android"), never the raw User-Agent, so that the
-- social worker can tell the child's devices apart without anything that identifies the phone or its owner.
alter table child_device add column kind varchar(40);

alter table child_device drop constraint pin_or_setup_window;
alter table child_device add constraint pin_or_setup_window_or_removed
    check (removed_at is not null or pin_hash is not null or pin_setup_until is not null);
