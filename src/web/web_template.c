/* web_template.c — the report templates as pages (/mau-bao-cao): the list
 * and one template's document. The API only reads them; an administrator
 * of the server changes one with `khuyencong report template --save`. */
#include <string.h>

#include "report/report.h"
#include "web/web_admin.h"
#include "web/web_routes.h"

int web_template_list(Ctx *c)
{
	StoredTemplateList l;
	int rc = report_template_list(c->db, c->arena, &l, &c->err);
	if (rc)
		return rc;
	Buf *b = web_out(c);
	web_begin(c, 200, "Mẫu báo cáo", "quan-tri");
	html_raw(b, "<div class=\"table-wrap\"><table class=\"list\"><thead><tr>"
	            "<th scope=\"col\">Mã</th><th scope=\"col\">Tên báo cáo</th>"
	            "<th scope=\"col\" class=\"num\">Phiên bản</th><th scope=\"col\">Nguồn</th>"
	            "<th scope=\"col\">Lưu lúc</th></tr></thead><tbody>\n");
	for (int i = 0; i < l.n; i++) {
		const StoredTemplate *x = &l.v[i];
		html_raw(b, "<tr><td><a href=\"/mau-bao-cao/");
		html_urlarg(b, x->id);
		html_printf(b, "\">%s</a></td><td>%s</td><td class=\"num\">%d</td><td>%s</td><td>",
		        x->id, x->title, x->version,
		        x->origin && !strcmp(x->origin, "edited") ? "Đã sửa" : "Kèm chương trình");
		web_vn_time(c, x->created_at);
		html_raw(b, "</td></tr>\n");
	}
	html_raw(b,
	        "</tbody></table></div>\n<p class=\"muted\">Mẫu báo cáo được sửa bằng lệnh "
	        "<code>khuyencong report template --save</code> của người quản trị máy chủ; trang này chỉ "
	        "xem.</p>\n");
	web_end(c);
	return 0;
}

int web_template_show(Ctx *c)
{
	StoredTemplate x;
	int rc = store_report_template_get(c->db, c->key, 0, c->arena, &x, &c->err);
	if (rc)
		return rc;
	Buf *b = web_out(c);
	web_begin(c, 200, x.title, "quan-tri");
	html_printf(b,
	        "<dl class=\"facts\"><dt>Mã</dt><dd>%s</dd><dt>Phiên bản</dt><dd>%d</dd>"
	        "<dt>Nguồn</dt><dd>%s</dd><dt>Lưu lúc</dt><dd>",
	        x.id, x.version,
	        x.origin && !strcmp(x.origin, "edited") ? "Đã sửa" : "Kèm chương trình");
	web_vn_time(c, x.created_at);
	html_raw(b, "</dd></dl>\n<div class=\"actions\"><a class=\"button\" href=\"/bao-cao?mau=");
	html_urlarg(b, x.id);
	html_raw(b, "\">Lập báo cáo theo mẫu này</a><a href=\"/mau-bao-cao\">Các mẫu</a></div>\n"
	            "<h2>Nội dung mẫu (JSON)</h2>\n<pre class=\"template\">");
	html_text(b, x.body);
	html_raw(b, "</pre>\n");
	web_end(c);
	return 0;
}
