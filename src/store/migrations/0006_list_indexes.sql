-- Indexes for the đề án lists as the API filters them (issue 9). A list by
-- current province is read as one range per province recorded in it (the
-- current one and each legacy one merged into it: store_list.h), optionally
-- of one status, in the list's order (sort_key, id), so that a page reads
-- its rows and stops: at national scale a province-and-status filter matched
-- 3 000 of 136 000 đề án, and the old plan found 100 000 by status alone,
-- checked each for the province and sorted what was left.
DROP INDEX project_status;
CREATE INDEX project_status ON project (status, sort_key, id);
CREATE INDEX project_place_status ON project (province_list, province_code, status, sort_key, id);
CREATE INDEX project_place_sort ON project (province_list, province_code, sort_key, id);
CREATE INDEX project_sort ON project (sort_key, id);
