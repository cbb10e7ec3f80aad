-- The dashboard's đề án to watch (issue 9): the đề án of a year's last
-- year not yet accepted, stopped or refused, read as one range of this
-- index (the year's end, each status still open) with the province to
-- filter on, so that counting and listing the first 20 never reads every
-- đề án carried out in the year (200 ms at national scale).
CREATE INDEX project_end_status ON project (end_year, status, province_list, province_code);
