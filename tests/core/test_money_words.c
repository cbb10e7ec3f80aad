/* test_money_words.c — amounts in words ("Bằng chữ"), DOMAIN.md §8.5.
 *
 * Every expected string was read out by hand from the rules of §8.5, group
 * by group; the first rows are §8.5's own test vectors. */
#include "harness.h"

#include <inttypes.h>
#include <string.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/money_words.h"

/* Option sets the rows refer to. */
enum { DEF, BARE, BARE_LOWER, LOWER, LE, NGAN, BON, NHAM, CHAN, SOUTH };

static const WordsOptions options[] = {
        [DEF] = {0},
        [BARE] = {.suffix = ""},
        [BARE_LOWER] = {.suffix = "", .lowercase = 1},
        [LOWER] = {.lowercase = 1},
        [LE] = {.le = 1},
        [NGAN] = {.ngan = 1},
        [BON] = {.bon = 1},
        [NHAM] = {.nham = 1},
        [CHAN] = {.suffix = "đồng chẵn"},
        [SOUTH] = {.le = 1, .ngan = 1, .bon = 1, .nham = 1},
};

static const char *const option_names[] = {
        "", " bare", " bare lower", " lower", " lẻ", " ngàn", " bốn", " nhăm", " chẵn", " south"};

typedef struct Row {
	int64_t dong;
	int opt;
	const char *words;
} Row;

static const Row rows[] = {
        /* DOMAIN.md §8.5 test vectors. */
        {300000000, DEF, "Ba trăm triệu đồng"},
        {1050000000, DEF, "Một tỷ không trăm năm mươi triệu đồng"},
        {6047500000, DEF, "Sáu tỷ không trăm bốn mươi bảy triệu năm trăm nghìn đồng"},
        {20253331000, DEF, "Hai mươi tỷ hai trăm năm mươi ba triệu ba trăm ba mươi mốt nghìn đồng"},
        {73738019000, DEF,
                "Bảy mươi ba tỷ bảy trăm ba mươi tám triệu không trăm mười chín nghìn đồng"},
        {125920000000, DEF, "Một trăm hai mươi lăm tỷ chín trăm hai mươi triệu đồng"},
        {5310000000000, DEF, "Năm nghìn ba trăm mười tỷ đồng"},
        {1000005, DEF, "Một triệu không trăm linh năm đồng"},
        {2520, BARE, "Hai nghìn năm trăm hai mươi"},
        {115, BARE_LOWER, "một trăm mười lăm"},
        {121, BARE_LOWER, "một trăm hai mươi mốt"},
        {124, BARE_LOWER, "một trăm hai mươi tư"},
        {105, BARE_LOWER, "một trăm linh năm"},
        /* Small numbers and each rule of a group. */
        {0, DEF, "Không đồng"},
        {0, BARE, "Không"},
        {1, DEF, "Một đồng"},
        {5, DEF, "Năm đồng"},
        {10, DEF, "Mười đồng"},
        {11, DEF, "Mười một đồng"},
        {14, DEF, "Mười bốn đồng"},
        {15, DEF, "Mười lăm đồng"},
        {20, DEF, "Hai mươi đồng"},
        {21, DEF, "Hai mươi mốt đồng"},
        {24, DEF, "Hai mươi tư đồng"},
        {25, DEF, "Hai mươi lăm đồng"},
        {45, DEF, "Bốn mươi lăm đồng"},
        {54, DEF, "Năm mươi tư đồng"},
        {91, DEF, "Chín mươi mốt đồng"},
        {100, DEF, "Một trăm đồng"},
        {101, DEF, "Một trăm linh một đồng"},
        {110, DEF, "Một trăm mười đồng"},
        {1000, DEF, "Một nghìn đồng"},
        {1001, DEF, "Một nghìn không trăm linh một đồng"},
        {1014, DEF, "Một nghìn không trăm mười bốn đồng"},
        {10000, DEF, "Mười nghìn đồng"},
        {21000, DEF, "Hai mươi mốt nghìn đồng"},
        {100000, DEF, "Một trăm nghìn đồng"},
        {1000000, DEF, "Một triệu đồng"},
        {1000100, DEF, "Một triệu một trăm đồng"},
        {1010000, DEF, "Một triệu không trăm mười nghìn đồng"},
        {1000000000, DEF, "Một tỷ đồng"},
        {1000000001, DEF, "Một tỷ không trăm linh một đồng"},
        {100000000000, DEF, "Một trăm tỷ đồng"},
        /* Seed figures (DOMAIN.md §7). */
        {137440000, DEF, "Một trăm ba mươi bảy triệu bốn trăm bốn mươi nghìn đồng"},
        {11532000000, DEF, "Mười một tỷ năm trăm ba mươi hai triệu đồng"},
        {93991350000, DEF,
                "Chín mươi ba tỷ chín trăm chín mươi mốt triệu ba trăm năm mươi nghìn đồng"},
        /* A thousand tỷ and more: read as a number of tỷ. */
        {1000000000000, DEF, "Một nghìn tỷ đồng"},
        {5010000000000, DEF, "Năm nghìn không trăm mười tỷ đồng"},
        {10000000000000, DEF, "Mười nghìn tỷ đồng"},
        {1000000000000000, DEF, "Một triệu tỷ đồng"},
        {1000000000000005, DEF, "Một triệu tỷ không trăm linh năm đồng"},
        {1000000000000000000, DEF, "Một tỷ tỷ đồng"},
        {INT64_MAX, DEF,
                "Chín tỷ hai trăm hai mươi ba triệu ba trăm bảy mươi hai nghìn không trăm ba "
                "mươi sáu tỷ tám trăm năm mươi tư triệu bảy trăm bảy mươi lăm nghìn tám trăm "
                "linh bảy đồng"},
        /* Negative amounts. */
        {-1500, DEF, "Âm một nghìn năm trăm đồng"},
        {-1500, LOWER, "âm một nghìn năm trăm đồng"},
        {INT64_MIN, DEF,
                "Âm chín tỷ hai trăm hai mươi ba triệu ba trăm bảy mươi hai nghìn không trăm "
                "ba mươi sáu tỷ tám trăm năm mươi tư triệu bảy trăm bảy mươi lăm nghìn tám "
                "trăm linh tám đồng"},
        /* Options. */
        {1000005, LE, "Một triệu không trăm lẻ năm đồng"},
        {105, LE, "Một trăm lẻ năm đồng"},
        {2520, NGAN, "Hai ngàn năm trăm hai mươi đồng"},
        {1000000000000, NGAN, "Một ngàn tỷ đồng"},
        {124, BON, "Một trăm hai mươi bốn đồng"},
        {14, BON, "Mười bốn đồng"},
        {125, NHAM, "Một trăm hai mươi nhăm đồng"},
        {25, NHAM, "Hai mươi nhăm đồng"},
        {15, NHAM, "Mười lăm đồng"},
        {105, NHAM, "Một trăm linh năm đồng"},
        {300000000, CHAN, "Ba trăm triệu đồng chẵn"},
        {300000000, LOWER, "ba trăm triệu đồng"},
        {1234, SOUTH, "Một ngàn hai trăm ba mươi bốn đồng"},
        {1005, SOUTH, "Một ngàn không trăm lẻ năm đồng"},
        {6047500000, SOUTH, "Sáu tỷ không trăm bốn mươi bảy triệu năm trăm ngàn đồng"},
        {75, SOUTH, "Bảy mươi nhăm đồng"},
};

static void test_row(void **state)
{
	const Row *t = *state;
	Buf b;
	buf_init(&b, 1024);
	money_words(&b, t->dong, t->opt == DEF ? NULL : &options[t->opt]);
	assert_int_equal(buf_err(&b), 0);
	assert_string_equal(buf_cstr(&b), t->words);
	buf_free(&b);
}

static void null_and_zero_options_agree(void **state)
{
	(void)state;
	Buf a, b;
	buf_init(&a, 1024);
	buf_init(&b, 1024);
	money_words(&a, 73738019000, NULL);
	money_words(&b, 73738019000, &options[DEF]);
	assert_string_equal(buf_cstr(&a), buf_cstr(&b));
	buf_free(&a);
	buf_free(&b);
}

/* Words go after what the buffer holds; only their own first letter is
 * capitalised. */
static void appends_after_existing_text(void **state)
{
	(void)state;
	Buf b;
	buf_init(&b, 1024);
	buf_puts(&b, "Bằng chữ: ");
	money_words(&b, 1050000000, NULL);
	assert_string_equal(buf_cstr(&b), "Bằng chữ: Một tỷ không trăm năm mươi triệu đồng");
	buf_free(&b);
}

static void full_buffer_sets_error(void **state)
{
	(void)state;
	Buf b;
	buf_init(&b, 10);
	money_words(&b, INT64_MIN, NULL);
	assert_int_equal(buf_err(&b), KC_ETOOBIG);
	assert_true(b.len <= 10);
	buf_free(&b);
	buf_init(&b, 0);
	money_words(&b, 1, NULL);
	assert_int_equal(buf_err(&b), KC_ETOOBIG);
	buf_free(&b);
}

int main(void)
{
	TestList tl = {0};
	for (size_t i = 0; i < COUNT_OF(rows); i++)
		tl_addf(&tl, test_row, (void *)&rows[i], "%" PRId64 "%s", rows[i].dong,
		        option_names[rows[i].opt]);
	TL_ADD(&tl, null_and_zero_options_agree);
	TL_ADD(&tl, appends_after_existing_text);
	TL_ADD(&tl, full_buffer_sets_error);
	return tl_run(&tl, "core/money_words");
}
