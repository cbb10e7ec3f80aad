/* test_project_state.c — the đề án state machine: every (from, to) pair of
 * the 13 × 13 matrix against a table written here from DOMAIN §3.5, the
 * labels, the lists of next states and the refusal messages. */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/project_state.h"

/* The states in lifecycle order, with the labels the UI shows. */
static const char *const names[PROJECT_STATE_COUNT] = {"draft", "registered", "appraised_basic",
        "appraised", "approved", "not_funded", "contracted", "in_progress", "carried_over",
        "accepted", "settled", "closed", "terminated"};
static const char *const labels[PROJECT_STATE_COUNT] = {"Dự thảo", "Đã đăng ký",
        "Đã thẩm định cơ sở", "Đã thẩm định", "Đã phê duyệt", "Không được bố trí kinh phí",
        "Đã ký hợp đồng", "Đang thực hiện", "Chuyển sang năm sau", "Đã nghiệm thu",
        "Đã thanh quyết toán", "Đã đóng", "Ngừng thực hiện"};

/* expect[from][to]: '.' refused, 'y' allowed, 'D' allowed with a decision
 * number and date. Columns in the order of names[]. */
static const char *const expect[PROJECT_STATE_COUNT] = {
        /*         d r b a A n c i o a s C t */
        /* dra */ ".y...........",
        /* reg */ "..y.........D",
        /* apb */ "...y........D",
        /* app */ "....D.......D",
        /* apr */ ".....yy.....D",
        /* nfu */ ".y..D........",
        /* con */ ".......y....D",
        /* inp */ "........DD..D",
        /* car */ ".......y.....",
        /* acc */ "..........D..",
        /* set */ "...........y.",
        /* clo */ ".............",
        /* ter */ ".............",
};

typedef struct Pair {
	int from, to;
} Pair;

static Pair pairs[PROJECT_STATE_COUNT * PROJECT_STATE_COUNT];

static void pair(void **state)
{
	const Pair *p = *state;
	const char *from = names[p->from], *to = names[p->to];
	char want = expect[p->from][p->to];
	Err e;
	err_clear(&e);
	int rc = project_transition_check(from, to, &e);
	assert_int_equal(project_transition_needs_decision(from, to), want == 'D');
	if (want != '.') {
		assert_int_equal(rc, 0);
		return;
	}
	assert_int_equal(rc, KC_EDENIED);
	assert_string_equal(e.field, "status");
	char head[300];
	snprintf(head, sizeof head, "Không thể chuyển đề án từ '%s' sang '%s'; ", labels[p->from],
	        labels[p->to]);
	if (strncmp(e.msg, head, strlen(head)))
		fail_msg("message '%s' does not start with '%s'", e.msg, head);
	/* The rest lists exactly the allowed next states, in lifecycle order. */
	char tail[400] = "";
	size_t n = 0;
	for (int j = 0; j < PROJECT_STATE_COUNT; j++)
		if (expect[p->from][j] != '.')
			n += (size_t)snprintf(
			        tail + n, sizeof tail - n, "%s'%s'", n ? ", " : "", labels[j]);
	char rest[500];
	if (n)
		snprintf(rest, sizeof rest, "từ '%s' chỉ chuyển được sang: %s", labels[p->from],
		        tail);
	else
		snprintf(rest, sizeof rest, "'%s' là trạng thái cuối cùng", labels[p->from]);
	assert_string_equal(e.msg + strlen(head), rest);
}

static void labels_and_order(void **state)
{
	(void)state;
	for (int i = 0; i < PROJECT_STATE_COUNT; i++) {
		assert_string_equal(project_state_name(i), names[i]);
		assert_true(project_state_valid(names[i]));
		assert_string_equal(project_state_label(names[i]), labels[i]);
	}
	assert_null(project_state_name(-1));
	assert_null(project_state_name(PROJECT_STATE_COUNT));
}

static void unknown_states(void **state)
{
	(void)state;
	assert_false(project_state_valid("assigned")); /* an event of §1.4, not a state */
	assert_false(project_state_valid("Draft"));
	assert_false(project_state_valid(""));
	assert_false(project_state_valid(NULL));
	assert_null(project_state_label("done"));
	assert_null(project_state_label(NULL));
	Err e;
	assert_int_equal(project_transition_check("draft", "done", &e), KC_EINVAL);
	assert_string_equal(e.field, "status");
	assert_string_equal(e.msg, "Trạng thái đề án 'done' không có");
	assert_int_equal(project_transition_check("done", "draft", &e), KC_EINVAL);
	assert_string_equal(e.msg, "Trạng thái đề án 'done' không có");
	assert_int_equal(project_transition_check(NULL, "draft", &e), KC_EINVAL);
	assert_int_equal(project_transition_check("draft", NULL, &e), KC_EINVAL);
	/* A bad value is quoted cleanly. */
	assert_int_equal(project_transition_check("x\n\xff", "draft", &e), KC_EINVAL);
	assert_string_equal(e.msg, "Trạng thái đề án 'x?"
	                           "?' không có");
	assert_int_equal(project_transition_check("draft", "registered", NULL), 0);
	assert_int_equal(project_transition_check("draft", "closed", NULL), KC_EDENIED);
	assert_false(project_transition_needs_decision("done", "approved"));
	assert_false(project_transition_needs_decision(NULL, NULL));
	const char *out[2];
	assert_int_equal(project_state_next("done", out, 2), 0);
	assert_int_equal(project_state_next(NULL, out, 2), 0);
}

static void next_states(void **state)
{
	const int *from = *state;
	const char *out[PROJECT_STATE_COUNT];
	int n = project_state_next(names[*from], out, PROJECT_STATE_COUNT);
	int k = 0;
	for (int j = 0; j < PROJECT_STATE_COUNT; j++)
		if (expect[*from][j] != '.') {
			assert_true(k < n);
			assert_string_equal(out[k++], names[j]);
		}
	assert_int_equal(n, k);
}

static void next_states_truncated(void **state)
{
	(void)state;
	const char *out[2] = {NULL, NULL};
	/* in_progress has three next states; only the first fits. */
	assert_int_equal(project_state_next("in_progress", out, 1), 3);
	assert_string_equal(out[0], "carried_over"); /* lifecycle order */
	assert_null(out[1]);
	assert_int_equal(project_state_next("closed", out, 2), 0);
}

int main(void)
{
	TestList tl = {0};
	static int froms[PROJECT_STATE_COUNT];
	TL_ADD(&tl, labels_and_order);
	TL_ADD(&tl, unknown_states);
	TL_ADD(&tl, next_states_truncated);
	for (int i = 0; i < PROJECT_STATE_COUNT; i++) {
		froms[i] = i;
		tl_addf(&tl, next_states, &froms[i], "next from %s", names[i]);
	}
	for (int i = 0; i < PROJECT_STATE_COUNT; i++)
		for (int j = 0; j < PROJECT_STATE_COUNT; j++) {
			Pair *p = &pairs[i * PROJECT_STATE_COUNT + j];
			*p = (Pair){i, j};
			tl_addf(&tl, pair, p, "%s -> %s: %s", names[i], names[j],
			        expect[i][j] == '.'   ? "refused"
			        : expect[i][j] == 'D' ? "allowed with decision"
			                              : "allowed");
		}
	return tl_run(&tl, "core/project_state");
}
