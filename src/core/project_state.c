/* project_state.c — see project_state.h. */
#include "core/project_state.h"

#include <stddef.h>
#include <string.h>

#include "core/buf.h"
#include "core/vntext.h"

/* Lifecycle order: lists and filters show the states in this order. */
static const struct {
	const char *name, *label;
} states[PROJECT_STATE_COUNT] = {
        {"draft", "Dự thảo"},
        {"registered", "Đã đăng ký"},
        {"appraised_basic", "Đã thẩm định cơ sở"},
        {"appraised", "Đã thẩm định"},
        {"approved", "Đã phê duyệt"},
        {"not_funded", "Không được bố trí kinh phí"},
        {"contracted", "Đã ký hợp đồng"},
        {"in_progress", "Đang thực hiện"},
        {"carried_over", "Chuyển sang năm sau"},
        {"accepted", "Đã nghiệm thu"},
        {"settled", "Đã thanh quyết toán"},
        {"closed", "Đã đóng"},
        {"terminated", "Ngừng thực hiện"},
};

/* The allowed moves. decision: the move is made by a document whose number
 * and date must be recorded — the approval of the plan (Bộ Công Thương or
 * UBND tỉnh), the decision to stop (§3.2), the approval of the carry-over
 * into the next year (Bộ for KCQG, §3.1 step 11), the acceptance minutes and
 * the settlement. The other moves are working steps (registration,
 * appraisal, signing, starting, closing the file, not being funded, coming
 * back from a carry-over) whose papers are recorded elsewhere (contract) or
 * not required; they may still carry a number. not_funded → approved is the
 * province's decision to fund the đề án from its own budget (W-LNV21), so it
 * is an approval and needs one. */
static const struct {
	const char *from, *to;
	bool decision;
} moves[] = {
        {"draft", "registered", false},
        {"registered", "appraised_basic", false},
        {"registered", "terminated", true},
        {"appraised_basic", "appraised", false},
        {"appraised_basic", "terminated", true},
        {"appraised", "approved", true},
        {"appraised", "terminated", true},
        {"approved", "contracted", false},
        {"approved", "not_funded", false},
        {"approved", "terminated", true},
        {"not_funded", "registered", false},
        {"not_funded", "approved", true},
        {"contracted", "in_progress", false},
        {"contracted", "terminated", true},
        {"in_progress", "accepted", true},
        {"in_progress", "carried_over", true},
        {"in_progress", "terminated", true},
        {"carried_over", "in_progress", false},
        {"accepted", "settled", true},
        {"settled", "closed", false},
};

static int find_state(const char *name)
{
	for (int i = 0; name && i < PROJECT_STATE_COUNT; i++)
		if (!strcmp(states[i].name, name))
			return i;
	return -1;
}

static int find_move(const char *from, const char *to)
{
	for (size_t i = 0; from && to && i < sizeof moves / sizeof moves[0]; i++)
		if (!strcmp(moves[i].from, from) && !strcmp(moves[i].to, to))
			return (int)i;
	return -1;
}

bool project_state_valid(const char *name)
{
	return find_state(name) >= 0;
}

const char *project_state_label(const char *name)
{
	int i = find_state(name);
	return i < 0 ? NULL : states[i].label;
}

const char *project_state_name(int i)
{
	return i < 0 || i >= PROJECT_STATE_COUNT ? NULL : states[i].name;
}

int project_state_next(const char *from, const char **out, int max)
{
	int n = 0;
	for (int i = 0; i < PROJECT_STATE_COUNT; i++)
		if (find_move(from, states[i].name) >= 0) {
			if (n < max)
				out[n] = states[i].name;
			n++;
		}
	return n;
}

bool project_transition_needs_decision(const char *from, const char *to)
{
	int i = find_move(from, to);
	return i >= 0 && moves[i].decision;
}

/* The refusal: both states by label, then where `from` may go instead. */
static int refuse(const char *from, const char *to, Err *e)
{
	const char *next[PROJECT_STATE_COUNT];
	int n = project_state_next(from, next, PROJECT_STATE_COUNT);
	Buf b;
	buf_init(&b, 400);
	for (int i = 0; i < n; i++)
		buf_printf(&b, "%s'%s'", i ? ", " : "", project_state_label(next[i]));
	const char *from_vi = project_state_label(from);
	int rc;
	if (n)
		rc = err_field(e, "status", KC_EDENIED,
		        "Không thể chuyển đề án từ '%s' sang '%s'; từ '%s' chỉ chuyển được sang: %s",
		        from_vi, project_state_label(to), from_vi, buf_cstr(&b));
	else
		rc = err_field(e, "status", KC_EDENIED,
		        "Không thể chuyển đề án từ '%s' sang '%s'; '%s' là trạng thái cuối cùng",
		        from_vi, project_state_label(to), from_vi);
	buf_free(&b);
	return rc;
}

int project_transition_check(const char *from, const char *to, Err *e)
{
	const char *bad = !project_state_valid(from) ? from : !project_state_valid(to) ? to : NULL;
	if (!project_state_valid(from) || !project_state_valid(to)) {
		char q[64];
		vn_quote(q, sizeof q, bad ? bad : "", bad ? strlen(bad) : 0);
		return err_field(e, "status", KC_EINVAL, "Trạng thái đề án '%s' không có", q);
	}
	return find_move(from, to) >= 0 ? 0 : refuse(from, to, e);
}
