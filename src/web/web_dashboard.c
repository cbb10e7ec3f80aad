/* web_dashboard.c — the first page after signing in: the year's đề án by
 * status, funds by source, deadlines, a chart per activity content and the
 * map of provinces, for the caller's scope. */
#include <stdio.h>
#include <string.h>

#include "web/web.h"
#include "web/web_routes.h"

static const char *const notices[] = {"mat-khau", NULL};

const Param web_dashboard_params[] = {
        {"year", PARAM_INT, 1990, 2100, NULL, "Năm", false},
        {"province", PARAM_TEXT, 0, 16, NULL, "Tỉnh", false},
        {"tb", PARAM_ENUM, 0, 0, notices, "Thông báo", false},
        {NULL},
};

int web_dashboard(Ctx *c)
{
	web_begin(c, 200, "Tổng quan", "tong-quan");
	if (ctx_param(c, "tb")->set)
		web_notice(c, "Đã đổi mật khẩu.");
	web_end(c);
	return 0;
}
