/* test_admin_loader.c — the reference-data loader on malformed data.
 *
 * Each test hands store_admin_load_from its own files. */
#include "harness.h"

#include <stdio.h>
#include <string.h>

#include "core/embed.h"
#include "fixture.h"
#include "store/store_admin.h"

static const char *const names[5] = {"provinces_legacy.csv", "districts_legacy.csv",
        "communes_legacy.csv", "provinces_2025.csv", "communes_2025.csv"};

/* The shipped files' headers, with a few good rows each. */
static const char *const good[5] = {
        "code,name,full_name,type,type_en,name_en,slug,region_id,region_name,"
        "socioeconomic_region,province_code_2025\n"
        "94,Sóc Trăng,Tỉnh Sóc Trăng,Tỉnh,province,Soc Trang,soc_trang,8,X,Y,92\n"
        "92,Cần Thơ,Thành phố Cần Thơ,Thành phố,municipality,Can Tho,can_tho,8,X,Y,92\n",
        "code,name,full_name,type,type_en,slug,province_code\n"
        "941,Sóc Trăng,Thành phố Sóc Trăng,Thành phố,city,soc_trang,94\n",
        "code,name,full_name,type,type_en,slug,district_code,province_code\n"
        "31498,5,Phường 5,Phường,ward,5,941,94\n",
        "code,name,full_name,type,type_en,name_en,slug\n"
        "92,Cần Thơ,Thành phố Cần Thơ,Thành phố,municipality,Can Tho,can_tho\n",
        "code,name,full_name,type,type_en,slug,province_code\n",
};

static void load_fails_and_leaves_nothing(const char *const text[5], int code, const char *says)
{
	TmpDb t;
	assert_int_equal(tmpdb_open(&t, 1), 0);
	/* commune_map.csv is not among them unless a test adds it. */
	EmbeddedFile files[6] = {{0}};
	for (int i = 0; i < 5; i++)
		files[i] =
		        (EmbeddedFile){names[i], (const unsigned char *)text[i], strlen(text[i])};
	Err e;
	assert_int_equal(store_admin_load_from(t.db, files, NULL, &e), code);
	if (!strstr(e.msg, says))
		fail_msg("message '%s' lacks '%s'", e.msg, says);
	assert_int_equal(db_scalar(t.db, "SELECT COUNT(*) FROM admin_unit"), 0);
	assert_int_equal(db_depth(t.db), 0);
	tmpdb_close(&t);
}

static void missing_crosswalk_file(void **state)
{
	(void)state;
	load_fails_and_leaves_nothing(good, KC_ENOTFOUND, "commune_map.csv");
}

static void short_row(void **state)
{
	(void)state;
	const char *text[5] = {good[0], good[1],
	        "code,name,full_name,type,type_en,slug,district_code,province_code\n"
	        "31498,5,Phường 5\n",
	        good[3], good[4]};
	load_fails_and_leaves_nothing(text, KC_EINVAL, "'communes_legacy.csv' line 2: 3 fields");
}

static void long_row(void **state)
{
	(void)state;
	const char *text[5] = {good[0], good[1], good[2],
	        "code,name,full_name,type,type_en,name_en,slug\n"
	        "92,Cần Thơ,Thành phố Cần Thơ,Thành phố,municipality,Can Tho,can_tho,extra\n",
	        good[4]};
	load_fails_and_leaves_nothing(text, KC_EINVAL, "line 2: 8 fields, header has 7");
}

static void letters_in_a_province_code(void **state)
{
	(void)state;
	const char *text[5] = {
	        "code,name,full_name,type,type_en,name_en,slug,region_id,region_name,"
	        "socioeconomic_region,province_code_2025\n"
	        "94,Sóc Trăng,Tỉnh Sóc Trăng,Tỉnh,province,Soc Trang,soc_trang,8,X,Y,A1\n",
	        good[1], good[2], good[3], good[4]};
	load_fails_and_leaves_nothing(text, KC_EINVAL, "bad province_code_2025");
}

static void missing_column(void **state)
{
	(void)state;
	const char *text[5] = {good[0], good[1], good[2],
	        "code,title,full_name,type,type_en,name_en,slug\n"
	        "92,Cần Thơ,Thành phố Cần Thơ,Thành phố,municipality,Can Tho,can_tho\n",
	        good[4]};
	load_fails_and_leaves_nothing(text, KC_EINVAL, "lacks a column");
}

int main(void)
{
	TestList tl = {0};
	TL_ADD(&tl, missing_crosswalk_file);
	TL_ADD(&tl, short_row);
	TL_ADD(&tl, long_row);
	TL_ADD(&tl, letters_in_a_province_code);
	TL_ADD(&tl, missing_column);
	return tl_run(&tl, "store/admin_loader");
}
