/* web_units.c — the province and commune picker of a record's form (issue
 * 7): the provinces of both lists, and the communes of the chosen province
 * as they are today and as they were before 01/7/2025 ("(cũ)", with what
 * they became). Without JavaScript it is two plain selects, the communes
 * those of the record's province; app.js adds a search ignoring diacritics
 * and follows a change of province (GET /api/v1/units/communes). */
#include <stdio.h>
#include <string.h>

#include "store/store_admin.h"
#include "web/web.h"
#include "web/web_units.h"

enum { MAX_COMMUNES = 2000 }; /* a current province has a few hundred, legacy ones included */

/* "list:code" split; list "current" when the value has none. */
static void split_unit(Ctx *c, const char *v, const char **list, const char **code)
{
	const char *colon = v ? strchr(v, ':') : NULL;
	*list = colon ? arena_strndup(c->arena, v, (size_t)(colon - v)) : v ? "current" : NULL;
	*code = colon ? colon + 1 : v;
}

/* The current province of a province (list, code), or "" when unknown. */
static void current_of(Ctx *c, const char *list, const char *code, char out[3])
{
	UnitRef u = {.level = "province"};
	Err e = {0};
	out[0] = '\0';
	if (!list || !code || strlen(list) >= sizeof u.list || strlen(code) >= sizeof u.code)
		return;
	snprintf(u.list, sizeof u.list, "%s", list);
	snprintf(u.code, sizeof u.code, "%s", code);
	if (store_admin_current_province(c->db, &u, out, &e))
		out[0] = '\0';
}

static void commune_options(
        Ctx *c, const char *province_list, const char *province_code, const char *selected)
{
	Buf *b = web_out(c);
	char current[3];
	current_of(c, province_list, province_code, current);
	if (!*current)
		return;
	CommunePick *v = arena_alloc(c->arena, MAX_COMMUNES * sizeof *v);
	int n;
	bool more;
	Err e = {0};
	if (store_admin_communes(c->db, current, NULL, MAX_COMMUNES, c->arena, v, &n, &more, &e))
		return;
	const char *group = NULL;
	for (int i = 0; i < n; i++) {
		if (!group || strcmp(group, v[i].list)) {
			html_printf(b, "%s<optgroup label=\"%s\">", group ? "</optgroup>" : "",
			        strcmp(v[i].list, "legacy") ? "Xã, phường hiện nay (từ 01/7/2025)"
			                                    : "Xã, phường cũ (trước 01/7/2025)");
			group = v[i].list;
		}
		char value[16];
		snprintf(value, sizeof value, "%s:%s", v[i].list, v[i].code);
		html_printf(b, "<option value=\"%s\"%s>%s", value,
		        selected && !strcmp(selected, value) ? " selected" : "", v[i].name);
		if (v[i].became)
			html_printf(b, " (cũ) → nay thuộc %s", v[i].became);
		else if (!strcmp(v[i].list, "legacy"))
			html_raw(b, " (cũ)");
		html_raw(b, "</option>");
	}
	if (group)
		html_raw(b, "</optgroup>");
}

void web_unit_picker(Ctx *c, const char *label, const char *province_list,
        const char *province_code, const char *commune_list, const char *commune_code)
{
	Buf *b = web_out(c);
	int nu;
	const char *const *units = web_unit_options(c, &nu);
	char province[16] = "", commune[16] = "";
	if (province_code)
		snprintf(province, sizeof province, "%s:%s",
		        province_list ? province_list : "current", province_code);
	if (commune_code)
		snprintf(commune, sizeof commune, "%s:%s",
		        commune_list    ? commune_list
		        : province_list ? province_list
		                        : "current",
		        commune_code);
	html_raw(b, "<div class=\"unit-picker\" data-unit-picker>");
	web_select(c, "province_code", label, units, nu, province, "— chọn tỉnh —");
	html_raw(b, "<div class=\"field\"><label for=\"f-commune_code\">Xã, phường</label>"
	            "<span class=\"hint\">Xã hiện nay, hoặc xã cũ (trước 01/7/2025) của tỉnh đã "
	            "chọn</span><input type=\"search\" id=\"f-commune-q\" "
	            "data-commune-search=\"f-commune_code\" aria-label=\"Tìm xã theo tên, không "
	            "cần dấu\" placeholder=\"Tìm xã, không cần dấu\" hidden>"
	            "<select id=\"f-commune_code\" name=\"commune_code\" data-commune-select");
	if (c->err.code && !strcmp(c->err.field, "commune_code"))
		html_raw(b, " aria-invalid=\"true\" aria-describedby=\"loi-commune_code\"");
	html_raw(b, "><option value=\"\">— không ghi xã —</option>");
	commune_options(c, province_list, province_code, *commune ? commune : NULL);
	html_raw(b, "</select>");
	web_field_error(c, "commune_code");
	html_raw(b, "</div></div>\n");
}

/* The province (list:code) a commune lies in, in the commune's own list. */
static bool commune_province(Ctx *c, const char *list, const char *code, char out[3])
{
	UnitFound f[4];
	int n = 0;
	Err e = {0};
	const char *const keys[3] = {NULL, NULL, NULL};
	if (store_admin_find(c->db, "commune", code, keys, NULL, NULL, f, 4, &n, &e))
		return false;
	for (int i = 0; i < n && i < 4; i++)
		if (!strcmp(f[i].list, list)) {
			snprintf(out, 3, "%s", f[i].province);
			return true;
		}
	return false;
}

void web_unit_read(Ctx *c, const char **province_list, const char **province_code,
        const char **commune_list, const char **commune_code)
{
	const char *p = ctx_form(c, "province_code"), *m = ctx_form(c, "commune_code");
	split_unit(c, p && *p ? p : NULL, province_list, province_code);
	split_unit(c, m && *m ? m : NULL, commune_list, commune_code);
	if (!*commune_code || !*province_code || !strcmp(*commune_list, *province_list))
		return;
	/* A commune of the other list, in the same province today: the record
	 * keeps both in the commune's list, as the store requires. */
	char own[3], a[3], b2[3];
	if (!commune_province(c, *commune_list, *commune_code, own))
		return;
	current_of(c, *province_list, *province_code, a);
	current_of(c, *commune_list, own, b2);
	if (*a && !strcmp(a, b2)) {
		*province_list = *commune_list;
		*province_code = arena_strdup(c->arena, own);
	}
}
