/* report_pdf.c — a table as a PDF laid out as a Vietnamese administrative
 * report (Nghị định 30/2020/NĐ-CP, Phụ lục I; DOMAIN §8.4), with cairo and
 * pango: A4 landscape (allowed for tables), margins top and bottom 20 mm,
 * left 30 mm, right 15 mm, Liberation Serif (metric-compatible with Times
 * New Roman, from Debian's fonts-liberation).
 *
 * Page 1: the issuing body (parent body in capitals, the issuer in bold
 * capitals with a rule under it, "Số: .../BC-...") beside the national motto
 * block ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh
 * phúc" with a rule as wide as the text), the place and date in italics;
 * the title "BÁO CÁO" and the abstract in bold with a short rule. Then the
 * form number and unit line, the table — which breaks across pages with
 * its header repeated — the notes, "Nơi nhận" and the signature block.
 * Page numbers from page 2, centred in the top margin. */
#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/date.h"
#include "core/vntext.h"
#include "report/report_render.h"

#define MM(x) ((x)*72.0 / 25.4)

static const double page_w = MM(297), page_h = MM(210);
static const double margin_top = MM(20), margin_bottom = MM(20);
static const double margin_left = MM(30), margin_right = MM(15);
static const double pad = 3; /* inside a table cell, points */
static const char font_family[] = "Liberation Serif";

static const double TABLE_PT = 10.5;

typedef struct P {
	cairo_t *cr;
	const ReportTable *t;
	double y;     /* the next line's top */
	double x0, w; /* the text area */
	double col_x[64], col_w[64];
	int page;
} P;

static cairo_status_t to_buf(void *closure, const unsigned char *data, unsigned int len)
{
	Buf *b = closure;
	buf_append(b, data, len);
	return buf_err(b) ? CAIRO_STATUS_WRITE_ERROR : CAIRO_STATUS_SUCCESS;
}

/* A layout of text in the font at size pt (bold, italic), wrapped to width
 * (0: no wrap). The caller unrefs it. */
/* Whether this thread has laid text out: it then has pango's default font
 * map (one per thread), which report_render_release shuts down. */
static _Thread_local bool used_fonts;

static PangoLayout *layout(P *p, const char *text, double pt, bool bold, bool italic, double width,
        PangoAlignment align)
{
	used_fonts = true;
	PangoLayout *l = pango_cairo_create_layout(p->cr);
	PangoFontDescription *fd = pango_font_description_new();
	pango_font_description_set_family(fd, font_family);
	pango_font_description_set_absolute_size(fd, pt * PANGO_SCALE);
	pango_font_description_set_weight(fd, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
	pango_font_description_set_style(fd, italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	if (width > 0) {
		pango_layout_set_width(l, (int)(width * PANGO_SCALE));
		pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	}
	pango_layout_set_alignment(l, align);
	pango_layout_set_text(l, text ? text : "", -1);
	return l;
}

static double height_of(PangoLayout *l)
{
	int w, h;
	pango_layout_get_size(l, &w, &h);
	return (double)h / PANGO_SCALE;
}

static double width_of(PangoLayout *l)
{
	int w, h;
	pango_layout_get_size(l, &w, &h);
	return (double)w / PANGO_SCALE;
}

/* Draws text in a box x..x+width at y; returns its height. */
static double text(P *p, const char *s, double x, double y, double width, double pt, bool bold,
        bool italic, PangoAlignment align)
{
	PangoLayout *l = layout(p, s, pt, bold, italic, width, align);
	cairo_move_to(p->cr, x, y);
	pango_cairo_show_layout(p->cr, l);
	double h = height_of(l);
	g_object_unref(l);
	return h;
}

static double text_width(P *p, const char *s, double pt, bool bold)
{
	PangoLayout *l = layout(p, s, pt, bold, false, 0, PANGO_ALIGN_LEFT);
	double w = width_of(l);
	g_object_unref(l);
	return w;
}

static void rule(P *p, double cx, double y, double width)
{
	cairo_set_line_width(p->cr, 0.6);
	cairo_move_to(p->cr, cx - width / 2, y);
	cairo_line_to(p->cr, cx + width / 2, y);
	cairo_stroke(p->cr);
}

/* ---- Page 1: the administrative header ---------------------------------------------- */

static void upper(const char *s, Buf *out)
{
	Err e;
	if (vn_upper(out, s, strlen(s), &e))
		buf_puts(out, s);
}

static void header(P *p, const ReportDoc *d)
{
	double left_w = p->w * 0.40, right_w = p->w * 0.60;
	double lx = p->x0, rx = p->x0 + left_w, y = p->y;
	Buf b;
	buf_init(&b, 1024);
	upper(d->parent ? d->parent : "", &b);
	double ly =
	        y + text(p, buf_cstr(&b), lx, y, left_w, 12.5, false, false, PANGO_ALIGN_CENTER);
	buf_reset(&b);
	upper(d->issuer ? d->issuer : "", &b);
	ly += text(p, buf_cstr(&b), lx, ly, left_w, 12.5, true, false, PANGO_ALIGN_CENTER);
	double iw = text_width(p, buf_cstr(&b), 12.5, true);
	rule(p, lx + left_w / 2, ly + 2, iw / 2.5);
	ly += 8;
	buf_reset(&b);
	buf_printf(&b, "Số: %s", d->number);
	ly += text(p, buf_cstr(&b), lx, ly, left_w, 13, false, false, PANGO_ALIGN_CENTER);

	double ry = y + text(p, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", rx, y, right_w, 12.5, true,
	                        false, PANGO_ALIGN_CENTER);
	const char *motto = "Độc lập - Tự do - Hạnh phúc";
	ry += text(p, motto, rx, ry, right_w, 13.5, true, false, PANGO_ALIGN_CENTER);
	rule(p, rx + right_w / 2, ry + 2, text_width(p, motto, 13.5, true));
	ry += 8;
	buf_reset(&b);
	Date day = 0;
	if (!d->date || date_parse(d->date, strlen(d->date), &day, NULL)) {
		time_t now = time(NULL);
		struct tm tm;
		localtime_r(&now, &tm);
		date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, &day, NULL);
	}
	buf_printf(&b, "%s, ", d->place ? d->place : "");
	date_format_long(&b, day, DATE_LEADING_ZERO);
	ry += text(p, buf_cstr(&b), rx, ry, right_w, 13, false, true, PANGO_ALIGN_CENTER);
	buf_free(&b);
	p->y = (ly > ry ? ly : ry) + 18;
}

static void title(P *p, const ReportDoc *d)
{
	const ReportTable *t = p->t;
	double cx = p->x0 + p->w / 2;
	p->y += text(p, "BÁO CÁO", p->x0, p->y, p->w, 14, true, false, PANGO_ALIGN_CENTER);
	/* The period goes on the abstract in lower case: "... khuyến công năm 2019". */
	Buf b;
	buf_init(&b, 2048);
	buf_printf(&b, "%s ", t->abstract);
	int32_t cp;
	size_t first = vn_utf8_decode(t->period_label, strlen(t->period_label), &cp);
	Err e;
	if (!first || vn_lower(&b, t->period_label, first, &e))
		first = 0;
	buf_printf(&b, "%s - %s", t->period_label + first, t->scope_label);
	p->y += text(p, buf_cstr(&b), p->x0 + p->w * 0.1, p->y, p->w * 0.8, 14, true, false,
	        PANGO_ALIGN_CENTER);
	buf_free(&b);
	char line[1200];
	rule(p, cx, p->y + 3, p->w / 6);
	p->y += 12;
	if (d->recipient) {
		snprintf(line, sizeof line, "Kính gửi: %s", d->recipient);
		p->y += text(p, line, p->x0, p->y, p->w, 13.5, false, false, PANGO_ALIGN_CENTER);
		p->y += 6;
	}
}

/* ---- The table ---------------------------------------------------------------------- */

static double default_width(const ReportColumn *c)
{
	if (c->width)
		return c->width;
	switch (c->role) {
	case COL_NO: return 7;
	case COL_LABEL: return 40;
	case COL_UNIT: return 9;
	case COL_VALUE: return 11;
	case COL_TEXT: return 14;
	case COL_NOTE: return 12;
	}
	return 10;
}

static void columns(P *p)
{
	const ReportTable *t = p->t;
	double total = 0;
	for (int c = 0; c < t->n_cols; c++)
		total += default_width(&t->cols[c]);
	double x = p->x0;
	for (int c = 0; c < t->n_cols; c++) {
		p->col_w[c] = p->w * default_width(&t->cols[c]) / total;
		p->col_x[c] = x;
		x += p->col_w[c];
	}
}

static void box(P *p, double x, double y, double w, double h)
{
	cairo_set_line_width(p->cr, 0.5);
	cairo_rectangle(p->cr, x, y, w, h);
	cairo_stroke(p->cr);
}

static bool has_groups(const ReportTable *t)
{
	for (int c = 0; c < t->n_cols; c++)
		if (t->cols[c].group)
			return true;
	return false;
}

static double label_height(P *p, const char *s, double width)
{
	PangoLayout *l = layout(p, s, TABLE_PT, true, false, width - 2 * pad, PANGO_ALIGN_CENTER);
	double h = height_of(l) + 2 * pad;
	g_object_unref(l);
	return h;
}

static void cell_label(P *p, const char *s, double x, double y, double w, double h)
{
	PangoLayout *l = layout(p, s, TABLE_PT, true, false, w - 2 * pad, PANGO_ALIGN_CENTER);
	double th = height_of(l);
	cairo_move_to(p->cr, x + pad, y + (h - th) / 2);
	pango_cairo_show_layout(p->cr, l);
	g_object_unref(l);
	box(p, x, y, w, h);
}

/* The header: group row (if any) and label row, drawn at p->y. */
static void table_header(P *p)
{
	const ReportTable *t = p->t;
	bool groups = has_groups(t);
	double h1 = 0, h2 = 0;
	for (int c = 0; c < t->n_cols; c++) {
		double h = label_height(p, t->cols[c].label, p->col_w[c]);
		if (groups && t->cols[c].group) {
			h2 = h > h2 ? h : h2;
			double g = label_height(p, t->cols[c].group, p->col_w[c] * 2);
			h1 = g > h1 ? g : h1;
		} else
			h2 = h > h2 ? h : h2;
	}
	double y = p->y;
	for (int c = 0; c < t->n_cols;) {
		const char *g = groups ? t->cols[c].group : NULL;
		int end = c;
		while (g && end + 1 < t->n_cols && t->cols[end + 1].group &&
		        !strcmp(t->cols[end + 1].group, g))
			end++;
		if (!g) {
			cell_label(p, t->cols[c].label, p->col_x[c], y, p->col_w[c], h1 + h2);
		} else {
			double w = p->col_x[end] + p->col_w[end] - p->col_x[c];
			cell_label(p, g, p->col_x[c], y, w, h1);
			for (int k = c; k <= end; k++)
				cell_label(
				        p, t->cols[k].label, p->col_x[k], y + h1, p->col_w[k], h2);
		}
		c = end + 1;
	}
	p->y = y + h1 + h2;
}

static void page_number(P *p)
{
	char n[16];
	snprintf(n, sizeof n, "%d", p->page);
	text(p, n, p->x0, margin_top / 2 - 6, p->w, 13, false, false, PANGO_ALIGN_CENTER);
}

static void new_page(P *p)
{
	cairo_show_page(p->cr);
	p->page++;
	p->y = margin_top;
	page_number(p);
}

/* The layouts of a row's cells, and the row's height. */
static double row_layouts(P *p, const ReportRow *row, PangoLayout **ls, Buf *b)
{
	const ReportTable *t = p->t;
	double h = 0;
	bool bold = row->group || row->total;
	for (int c = 0; c < t->n_cols; c++) {
		buf_reset(b);
		report_cell_text(t, c, &row->cells[c], b);
		ColRole role = t->cols[c].role;
		double indent = role == COL_LABEL ? 8.0 * row->depth : 0;
		PangoAlignment a = role == COL_VALUE                    ? PANGO_ALIGN_RIGHT
		                   : role == COL_NO || role == COL_UNIT ? PANGO_ALIGN_CENTER
		                                                        : PANGO_ALIGN_LEFT;
		/* Numbers never wrap: a figure split over two lines misreads. */
		double width = role == COL_VALUE ? 0 : p->col_w[c] - 2 * pad - indent;
		ls[c] = layout(p, buf_cstr(b), TABLE_PT, bold, false, width, a);
		double ch = height_of(ls[c]) + 2 * pad;
		h = ch > h ? ch : h;
	}
	return h;
}

static void table(P *p)
{
	const ReportTable *t = p->t;
	PangoLayout *ls[64];
	Buf b;
	buf_init(&b, 4096);
	columns(p);
	table_header(p);
	for (int r = 0; r < t->n_rows; r++) {
		const ReportRow *row = &t->rows[r];
		double h = row_layouts(p, row, ls, &b);
		if (p->y + h > page_h - margin_bottom) {
			new_page(p);
			table_header(p);
		}
		for (int c = 0; c < t->n_cols; c++) {
			double indent = t->cols[c].role == COL_LABEL ? 8.0 * row->depth : 0;
			if (t->cols[c].role == COL_VALUE) /* right-aligned by hand: no wrap width */
				indent = p->col_w[c] - 2 * pad - width_of(ls[c]);
			cairo_move_to(p->cr, p->col_x[c] + pad + indent, p->y + pad);
			pango_cairo_show_layout(p->cr, ls[c]);
			g_object_unref(ls[c]);
			box(p, p->col_x[c], p->y, p->col_w[c], h);
		}
		p->y += h;
	}
	buf_free(&b);
}

/* ---- After the table ---------------------------------------------------------------- */

static void ensure(P *p, double h)
{
	if (p->y + h > page_h - margin_bottom)
		new_page(p);
}

static void notes(P *p)
{
	p->y += 6;
	for (int i = 0; i < p->t->n_notes; i++) {
		ensure(p, 16);
		p->y += text(
		        p, p->t->notes[i], p->x0, p->y, p->w, 11, false, true, PANGO_ALIGN_LEFT);
	}
	char line[600];
	snprintf(line, sizeof line, "%s.%s%s", p->t->boundaries_label,
	        p->t->filters_label ? " " : "", p->t->filters_label ? p->t->filters_label : "");
	ensure(p, 16);
	p->y += text(p, line, p->x0, p->y, p->w, 11, false, true, PANGO_ALIGN_LEFT);
}

static void signature(P *p, const ReportDoc *d)
{
	static const char *const keep[] = {"Lưu: VT.", NULL};
	const char *const *to = d->copies_to ? d->copies_to : keep;
	double left_w = p->w * 0.45, right_w = p->w * 0.45;
	double rx = p->x0 + p->w - right_w;
	ensure(p, 130);
	p->y += 14;
	double ly = p->y, ry = p->y;
	ly += text(p, "Nơi nhận:", p->x0, ly, left_w, 12, true, true, PANGO_ALIGN_LEFT);
	for (int i = 0; to[i]; i++) {
		char line[400];
		snprintf(line, sizeof line, "- %s", to[i]);
		ly += text(p, line, p->x0, ly, left_w, 11, false, false, PANGO_ALIGN_LEFT);
	}
	Buf b;
	buf_init(&b, 512);
	if (d->signer_authority) {
		upper(d->signer_authority, &b);
		ry += text(p, buf_cstr(&b), rx, ry, right_w, 13, true, false, PANGO_ALIGN_CENTER);
		buf_reset(&b);
	}
	upper(d->signer_title ? d->signer_title : "", &b);
	ry += text(p, buf_cstr(&b), rx, ry, right_w, 13, true, false, PANGO_ALIGN_CENTER);
	ry += 60; /* the signature and the seal */
	if (d->signer_name)
		ry += text(p, d->signer_name, rx, ry, right_w, 13, true, false, PANGO_ALIGN_CENTER);
	buf_free(&b);
	p->y = ly > ry ? ly : ry;
}

/* Texts the defaults are made of. */
typedef struct DocText {
	char parent[400], place[200];
} DocText;

/* What a field left NULL says: a province's report comes from its Sở Công
 * Thương under the provincial People's Committee; a region's or the
 * nation's from the Ministry. The number is left blank for the văn thư. */
static void doc_defaults(const ReportTable *t, ReportDoc *d, DocText *x)
{
	bool province = t->scope && !strncmp(t->scope, "province:", 9);
	const char *label = t->scope_label ? t->scope_label : "";
	size_t n = strcspn(label, "(,");
	while (n && label[n - 1] == ' ')
		n--;
	if (!d->parent && province) {
		Buf b;
		buf_init(&b, sizeof x->parent - 1);
		buf_puts(&b, "UBND ");
		upper(label, &b);
		snprintf(x->parent, sizeof x->parent, "%.*s", (int)(n + 5), buf_cstr(&b));
		buf_free(&b);
		d->parent = x->parent;
	}
	if (!d->parent)
		d->parent = "BỘ CÔNG THƯƠNG";
	if (!d->issuer)
		d->issuer = province ? "SỞ CÔNG THƯƠNG" : "";
	if (!d->number)
		d->number = province ? "      /BC-SCT" : "      /BC-BCT";
	if (!d->place && province) {
		/* "Tỉnh Sóc Trăng" → "Sóc Trăng": the name after the unit type. */
		const char *types[] = {"Tỉnh ", "Thành phố "};
		const char *name = label;
		for (size_t i = 0; i < 2; i++)
			if (!strncmp(label, types[i], strlen(types[i])))
				name = label + strlen(types[i]);
		snprintf(
		        x->place, sizeof x->place, "%.*s", (int)(n - (size_t)(name - label)), name);
		d->place = x->place;
	}
	if (!d->place)
		d->place = "Hà Nội";
	if (!d->signer_title)
		d->signer_title = province ? "GIÁM ĐỐC" : "CỤC TRƯỞNG";
}

int report_render_pdf(const ReportTable *t, const ReportDoc *doc, Buf *out, Err *e)
{
	if (t->n_cols > 64)
		return err_set(e, KC_EINVAL, "a PDF table has at most 64 columns");
	ReportDoc d = {0};
	DocText dt;
	if (doc)
		d = *doc;
	doc_defaults(t, &d, &dt);
	cairo_surface_t *s = cairo_pdf_surface_create_for_stream(to_buf, out, page_w, page_h);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, t->title);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "khuyencong");
	P p = {.cr = cairo_create(s),
	        .t = t,
	        .y = margin_top,
	        .x0 = margin_left,
	        .w = page_w - margin_left - margin_right,
	        .page = 1};
	cairo_set_source_rgb(p.cr, 0, 0, 0);
	header(&p, &d);
	title(&p, &d);
	char line[300];
	snprintf(line, sizeof line, "%s%s%s", t->form ? t->form : "", t->form ? "\n" : "",
	        t->unit_line);
	p.y += text(&p, line, p.x0, p.y, p.w, 12, false, true, PANGO_ALIGN_RIGHT) + 4;
	table(&p);
	notes(&p);
	signature(&p, &d);
	cairo_show_page(p.cr);
	cairo_destroy(p.cr);
	cairo_surface_finish(s);
	cairo_status_t st = cairo_surface_status(s);
	cairo_surface_destroy(s);
	if (st != CAIRO_STATUS_SUCCESS)
		return err_set(e, buf_err(out) ? KC_ETOOBIG : KC_EIO, "cannot write the PDF: %s",
		        cairo_status_to_string(st));
	return 0;
}

void report_render_release(void)
{
	/* pango 1.50 sorts fonts on a thread of its own, which can still hold
	 * references to the map's fonts when rendering is over: shut the map
	 * down first (its fonts dropped, its caches cleared), or cairo finds
	 * live fonts in the caches it resets and aborts.
	 * A thread that never laid text out is left alone: asking it for its map
	 * would make one only to shut it down. */
	PangoFontMap *map = used_fonts ? pango_cairo_font_map_get_default() : NULL;
	if (map && PANGO_IS_FC_FONT_MAP(map))
		pango_fc_font_map_shutdown(PANGO_FC_FONT_MAP(map));
	used_fonts = false;
	pango_cairo_font_map_set_default(NULL);
	cairo_debug_reset_static_data();
	/* Not FcFini: it races that thread too (FcCacheFini's assertion);
	 * fontconfig's caches stay until the process ends (tests/lsan.supp). */
}
