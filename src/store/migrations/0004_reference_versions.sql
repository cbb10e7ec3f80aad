-- Versions for the reference tables (migration 0003's rules as data), so that
-- an administrator's edit names the version it read and two edits of the same
-- rule cannot overwrite each other silently (store_reference.c): the same
-- optimistic check every record of the domain has. Existing rows start at 1.

ALTER TABLE legal_instrument ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE activity_content ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE indicator ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE sector ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE funding_source ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE support_rule ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE adjustment_rule ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE period_rule ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
