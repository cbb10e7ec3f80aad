-- The dashboard's totals (issue 9): the đề án and their money per province
-- recorded, year, status, activity content and funding source, kept up to
-- date by the store in the transaction of every write that changes them
-- (store_totals.h), so that a province-year's figures are read from a few
-- hundred rows instead of summed from every đề án, cost line and payment
-- (a national report took 500 ms). This migration's step
-- (store_migrate.c) fills it from the records already there;
-- `khuyencong totals` rebuilds it.
--
-- What a row counts, as the reports count it (store_report.c):
--   projects: đề án carried out in the year (start_year <= year <= end_year),
--             on the rows whose source_code is ''; in year 0, every đề án
--             once whatever its years (the lists' totals);
--   planned, support, approved: the cost lines of đề án that start in the
--             year (support: the approved amount, else the planned one);
--   disbursed: the net paid in the year (paid_on): advances and payments
--             less recoveries and refunds.
CREATE TABLE project_total (
  province_list TEXT NOT NULL,
  province_code TEXT NOT NULL,
  year          INTEGER NOT NULL,
  status        TEXT NOT NULL,
  activity_code TEXT NOT NULL,
  source_code   TEXT NOT NULL,
  projects      BIGINT NOT NULL DEFAULT 0,
  planned       BIGINT NOT NULL DEFAULT 0,
  support       BIGINT NOT NULL DEFAULT 0,
  approved      BIGINT NOT NULL DEFAULT 0,
  disbursed     BIGINT NOT NULL DEFAULT 0,
  -- Year first: a province-year is one range of the key for each province
  -- recorded in it, the whole country's year one range.
  PRIMARY KEY (year, province_list, province_code, status, activity_code, source_code)
);
