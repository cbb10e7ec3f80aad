-- The dashboard's đề án at risk (issue 9): the đề án that have invoices
-- dated outside their eligible window (DOMAIN §4.4), kept up to date by the
-- store in the transaction of every write that changes them, like the
-- totals of 0008 (store_totals.h), so that counting and listing those of a
-- year reads this small set instead of every đề án carried out in the year
-- and its invoices (62 M instructions, about 7 ms, per dashboard at national
-- scale). This migration's step (store_migrate.c) fills it from the records
-- already there; `khuyencong check --rebuild-totals` rebuilds it.
--
-- One row per đề án at risk, with the years and province it is recorded in
-- (what the dashboard filters on) and how many of its invoices lie outside.
CREATE TABLE project_risk (
  project_id    BIGINT PRIMARY KEY,
  province_list TEXT NOT NULL,
  province_code TEXT NOT NULL,
  start_year    INTEGER NOT NULL,
  end_year      INTEGER NOT NULL,
  invoices      BIGINT NOT NULL
);
-- A year's đề án at risk are those ending in it or later: one range.
CREATE INDEX project_risk_years ON project_risk (end_year, start_year, province_list, province_code);

-- The provinces of both lists, read on every page (the dashboard's map, the
-- province filters): one range of this index instead of a scan of every
-- commune (14 000 rows, 1,7 M instructions a read).
CREATE INDEX admin_unit_level ON admin_unit (level, list, code);
