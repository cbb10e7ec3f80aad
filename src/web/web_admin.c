/* web_admin.c — what the administration pages share: Việt Nam times and
 * days, and reading their forms (see web_admin.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "store/store.h"
#include "web/web_admin.h"

/* ---- Times ----------------------------------------------------------------------------- */

enum { VN_OFFSET_MINUTES = 7 * 60 };

void web_vn_time(Ctx *c, const char *utc)
{
	int y, mo, d, h, mi, s;
	Date day;
	if (!utc || sscanf(utc, "%4d-%2d-%2dT%2d:%2d:%2d", &y, &mo, &d, &h, &mi, &s) != 6 ||
	        date_from_ymd(y, mo, d, &day, NULL)) {
		web_text_or_dash(c, utc);
		return;
	}
	int minutes = h * 60 + mi + VN_OFFSET_MINUTES;
	if (minutes >= 24 * 60 && date_add_days(day, 1, &day, NULL) == 0)
		minutes -= 24 * 60;
	date_to_ymd(day, &y, &mo, &d);
	html_printf(web_out(c), "%02d/%02d/%04d %02d:%02d", d, mo, y, minutes / 60, minutes % 60);
}

const char *web_vn_day_bound(Ctx *c, const char *day, bool end, const char *field)
{
	if (!day || !*day)
		return NULL;
	Date d;
	Err e = {0};
	/* A day in Việt Nam starts at 17:00 UTC the day before. */
	if (date_parse(day, strlen(day), &d, &e) || (!end && date_add_days(d, -1, &d, &e))) {
		err_field(
		        &c->err, field, KC_EINVAL, "Ngày '%.20s' không đúng: viết dd/mm/yyyy", day);
		return NULL;
	}
	int y, m, dd;
	date_to_ymd(d, &y, &m, &dd);
	char *out = arena_alloc(c->arena, STORE_TIME_LEN);
	snprintf(out, STORE_TIME_LEN, "%04d-%02d-%02dT%s", y, m, dd,
	        end ? "16:59:59Z" : "17:00:00Z");
	return out;
}

const char *web_id_text(Ctx *c, int64_t v)
{
	char *s = arena_alloc(c->arena, 24);
	snprintf(s, 24, "%lld", (long long)v);
	return s;
}

/* ---- Forms ----------------------------------------------------------------------------- */

const char *web_form_text(const Ctx *c, const char *name)
{
	const char *v = ctx_form(c, name);
	return v && *v ? v : NULL;
}

int web_form_number(Ctx *c, const char *name, const char *what, int64_t *out)
{
	int64_t v = web_parse_money(ctx_form(c, name));
	if (v == -2)
		return err_field(&c->err, name, KC_EINVAL,
		        "%s phải là số nguyên không âm, viết bằng chữ số", what);
	*out = v;
	return 0;
}

int web_form_version(const Ctx *c)
{
	const char *v = ctx_form(c, "version");
	long n = v ? strtol(v, NULL, 10) : 0;
	return n > 0 && n < 1000000000 ? (int)n : 0;
}

bool web_refusal(int rc)
{
	return rc == KC_EINVAL || rc == KC_ERANGE || rc == KC_ECONFLICT || rc == KC_ENOTFOUND;
}
