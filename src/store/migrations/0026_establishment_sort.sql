-- The establishment lists in their order (sort_key, id), as 0006 does for
-- the đề án lists: a page of the whole country's list is read from the
-- start of establishment_sort and stops after its rows, where the table
-- was read whole and sorted (1 000 000 establishments: 190 ms a page); a
-- province's list is one range of establishment_place_sort per province
-- recorded in it (store_list.h), read in order too.
CREATE INDEX establishment_sort ON establishment (sort_key, id);
CREATE INDEX establishment_place_sort ON establishment (province_list, province_code, sort_key, id);
