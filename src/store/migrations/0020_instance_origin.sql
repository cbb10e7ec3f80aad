-- The database's identity, and where copied rows came from (khuyencong copy,
-- store_copy.h; docs/postgresql.md "Copy between databases").
--
-- db_instance holds one row: a random UUID the program writes right after
-- the migration that creates this table (store_instance.c), so every
-- database, a province's file or the national one, can be told apart. A
-- copied file is the same instance (a backup); a new database is another.
CREATE TABLE db_instance (
  id         TEXT PRIMARY KEY,           -- 'f47ac10b-58cc-4372-a567-0e02b2c3d479'
  created_at TEXT NOT NULL
);

-- For each row a copy brought in (or matched, for shared reference rows the
-- migrations seed): which database it came from, its table and id there, and
-- its id here. Running a copy again finds its rows here and adds nothing;
-- created = 1 when the copy added the row, 0 when it was already here.
-- Only tables keyed by an integer id have rows here: the others are keyed
-- by what they hold (codes, or the ids of their parents, rewritten).
CREATE TABLE copy_origin (
  source_instance TEXT NOT NULL,
  table_name      TEXT NOT NULL,
  source_id       BIGINT NOT NULL,
  dest_id         BIGINT NOT NULL,
  created         INTEGER NOT NULL CHECK (created IN (0, 1)),
  PRIMARY KEY (source_instance, table_name, source_id)
);
CREATE INDEX copy_origin_dest ON copy_origin (table_name, dest_id);
