-- Uploads per child per clock hour (app.mysay.attachments.UploadLimits): one counter per child and hour, added to with
-- one atomic statement before an upload is checked or decoded, so that the limit holds across instances and a failing
-- upload still counts. Only a count: nothing of what was uploaded. Hours that have ended are deleted by the hourly
-- attachment clean-up; a child's counters go with the child.
create table upload_limit (
    child_id     uuid        not null references child (id) on delete cascade,
    window_start timestamptz not null,
    uploads      integer     not null,
    primary key (child_id, window_start)
);
create index upload_limit_window_idx on upload_limit (window_start);
