/* fuzz_report_template.c — libFuzzer target for the report template parser
 * (report/report_template.h), which reads documents an administrator edits.
 *
 * Any input must parse or fail cleanly: a refusal names the field
 * "template" and says where and why. A template that parses must hold
 * together: an id, columns within bounds, ratio columns naming earlier value
 * or ratio columns, rows nested at most TPL_MAX_DEPTH deep with measures that
 * name real sources and measures, formulas only on rows without measures.
 * Any mismatch aborts. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "report/report_template.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int check_rows(const TplRow *v, int n, int depth)
{
	int count = n;
	for (int i = 0; i < n; i++) {
		const TplRow *r = &v[i];
		if (r->depth != depth || depth >= TPL_MAX_DEPTH || !r->label ||
		        r->n_m > TPL_MAX_SLOTS)
			abort();
		if (r->op != OP_NONE && (r->n_m || r->each))
			abort();
		for (int k = 0; k < r->n_m; k++) {
			const TplMeasure *m = &r->m[k];
			if (!m->slot || (!m->indicator && m->rec.src < 0))
				abort();
			if (m->rec.src >= SRC_COUNT || (m->rec.src >= 0 && m->rec.meas < 0))
				abort();
		}
		count += check_rows(r->kids, r->n_kids, depth + 1);
	}
	return count;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	Arena arena = {0};
	Template t;
	Err e = {0};
	if (tpl_parse((const char *)data, size, &arena, &t, &e) != KC_OK) {
		if (e.code != KC_EINVAL || strcmp(e.field, "template") || e.msg[0] == '\0' ||
		        !memchr(e.msg, '\0', sizeof e.msg))
			abort();
		arena_free(&arena);
		return 0;
	}
	if (!t.id || !t.title || t.n_cols < 1 || t.n_cols > TPL_MAX_COLS || t.phase_length < 2)
		abort();
	for (int c = 0; c < t.n_cols; c++) {
		const TplColumn *col = &t.cols[c];
		if (col->show == SHOW_RATIO && (col->ratio_a < 0 || col->ratio_a >= c ||
		                                       col->ratio_b < 0 || col->ratio_b >= c))
			abort();
		if (col->show == SHOW_VALUE && !col->slot)
			abort();
	}
	if (check_rows(t.rows, t.n_rows, 0) > TPL_MAX_ROWS)
		abort();
	arena_free(&arena);
	return 0;
}
