-- A sending numbers its version after the newest sent one, and every workspace shows each child's newest version.
-- With an index on (conference_id, child_id) alone, PostgreSQL found the newest by reading every version of that
-- child's views (its statistics expect a handful, so it aggregates rather than walking an index backwards), and a
-- child who had sent many versions made each further sending slower. With the version in the index, the newest is
-- the first entry read backwards. The new index serves every query the old one did, which it replaces.
-- Building it holds writes to views for as long as the build takes (seconds at a million versions).
create index views_conference_child_version_idx on views (conference_id, child_id, version);
drop index views_conference_idx;
