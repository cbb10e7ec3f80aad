/* io_import.c — see io_import.h. The engine: finds each sheet's table,
 * reads its rows into typed values and hands them to the kind's handler
 * (io_kind_*.c) inside the import's one transaction. */
#include "io/io_import.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/money.h"
#include "core/vntext.h"
#include "io/io_dict.h"
#include "io/io_run.h"
#include "io/io_value.h"

enum { PROGRESS_EVERY = 1000, MAX_HEAD_COLS = 256 };

/* The kinds in the order a workbook's sheets are imported. */
static const KindDef *const kinds[] = {&io_kind_establishments, &io_kind_projects,
        &io_kind_project_costs, &io_kind_beneficiaries, &io_kind_disbursements,
        &io_kind_certifications, &io_kind_trainings, &io_kind_fairs, &io_kind_aggregates};
enum { NKINDS = sizeof kinds / sizeof kinds[0] };

ImportOptions io_import_options(void)
{
	return (ImportOptions){
	        .open = io_open_default(), .actor = {.name = "system", .via = "import"}};
}

const ImportKind *io_import_kinds(int *n)
{
	static const ImportKind list[NKINDS] = {
	        {"establishments", "Cơ sở công nghiệp nông thôn"},
	        {"projects", "Đề án khuyến công"},
	        {"project_costs", "Dòng kinh phí của đề án"},
	        {"beneficiaries", "Cơ sở thụ hưởng của đề án"},
	        {"disbursements", "Giải ngân"},
	        {"certifications", "Sản phẩm CNNT tiêu biểu được công nhận"},
	        {"trainings", "Lớp đào tạo, tập huấn"},
	        {"fairs", "Hội chợ, triển lãm"},
	        {"aggregates", "Số liệu tổng hợp theo chỉ tiêu"},
	};
	*n = NKINDS;
	return list;
}

/* ---- Report ----------------------------------------------------------------------- */

static const char *rep_dup(ImportReport *rep, const char *s)
{
	return s ? arena_strdup(&rep->arena, s) : NULL;
}

static void add_problem(Run *r, const char *sheet, int64_t row, int col, const char *column,
        const char *value, bool warning, const char *msg)
{
	ImportReport *rep = r->rep;
	if (warning)
		rep->warnings++;
	else
		rep->errors++;
	int max = r->o->open.limits.problems;
	if (rep->nproblems >= max)
		return;
	if (!rep->problems)
		rep->problems = arena_alloc(&rep->arena, (size_t)max * sizeof *rep->problems);
	char q[VN_QUOTE_MAX];
	rep->problems[rep->nproblems++] = (ImportProblem){
	        .sheet = rep_dup(rep, sheet),
	        .row = row,
	        .col = col,
	        .column = rep_dup(rep, column),
	        .value = value && *value ? rep_dup(rep, vn_quote(q, sizeof q, value, strlen(value)))
	                                 : NULL,
	        .message = rep_dup(rep, msg),
	        .warning = warning,
	};
}

/* A problem of the file or of a sheet as a whole. */
static void sheet_problem(Run *r, const char *sheet, int64_t row, bool warning, const char *fmt,
        ...) __attribute__((format(printf, 5, 6)));
static void sheet_problem(
        Run *r, const char *sheet, int64_t row, bool warning, const char *fmt, ...)
{
	char msg[600];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	add_problem(r, sheet, row, -1, NULL, NULL, warning, msg);
}

/* A problem at column col of the current row. */
static void col_problem(Run *r, int col, bool warning, const char *msg)
{
	const IoRow *row = r->row;
	const char *value = row && col >= 0 && col < row->n ? row->cells[col].text : NULL;
	add_problem(r, r->sheet, row ? row->number : 0, col,
	        col >= 0 && r->b ? r->b->header[col] : NULL, value, warning, msg);
	if (!warning)
		r->row_failed = true;
}

void run_problem(Run *r, int field, bool warning, const char *fmt, ...)
{
	char msg[600];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	col_problem(r, field >= 0 && r->b ? r->b->col_of[field] : -1, warning, msg);
}

int run_store(Run *r, int rc, const Err *e, Outcome *out)
{
	if (rc == 0)
		return 0;
	if (rc == KC_EIO)
		return rc;
	int field = -1;
	for (int i = 0; e->field[0] && i < r->b->kind->nfields; i++)
		if (!strcmp(e->field, r->b->kind->fields[i]))
			field = i;
	run_problem(r, field, false, "%s", e->msg);
	*out = OUT_FAILED;
	return 0;
}

void io_import_report_free(ImportReport *r)
{
	arena_free(&r->arena);
	*r = (ImportReport){0};
}

/* ---- Finding the header ------------------------------------------------------------ */

/* The first rows of a sheet, kept to look for its header. */
typedef struct Head {
	int n;
	int64_t *number;
	int *ncells;
	const char ***text;
	Arena a;
} Head;

static int read_head(Run *r, int sheet, Head *h, Err *e)
{
	int max = r->o->open.limits.header_rows;
	h->number = arena_alloc(&h->a, (size_t)max * sizeof *h->number);
	h->ncells = arena_alloc(&h->a, (size_t)max * sizeof *h->ncells);
	h->text = arena_alloc(&h->a, (size_t)max * sizeof *h->text);
	int rc = io_book_begin(r->book, sheet, e);
	const IoRow *row;
	while (rc == 0 && h->n < max && (rc = io_book_next(r->book, &row, e)) == 0 && row) {
		int n = row->n < MAX_HEAD_COLS ? row->n : MAX_HEAD_COLS;
		h->number[h->n] = row->number;
		h->ncells[h->n] = n;
		h->text[h->n] = arena_alloc(&h->a, (size_t)(n + 1) * sizeof **h->text);
		for (int i = 0; i < n; i++)
			h->text[h->n][i] = arena_strdup(&h->a, row->cells[i].text);
		h->n++;
	}
	return rc;
}

static const char *head_cell(const Head *h, int row, int col)
{
	return row < h->n && col < h->ncells[row] && *h->text[row][col] ? h->text[row][col] : NULL;
}

static int field_index(const KindDef *k, const char *field)
{
	for (int i = 0; i < k->nfields; i++)
		if (!strcmp(k->fields[i], field))
			return i;
	return -1;
}

/* What one column of a candidate header holds. */
typedef struct ColMatch {
	int field;
	int64_t unit;
	const char *text; /* the header as written that matched */
	const IoColumn *info;
} ColMatch;

/* Matches the header text of one column against kind k. */
static ColMatch match_text(Run *r, const KindDef *k, const char *text)
{
	ColMatch m = {.field = -1};
	Buf b;
	buf_init(&b, 16 * strlen(text) + 64);
	const char *name, *bare;
	int64_t unit;
	if (io_dict_header(r->dict, text, &b, &name, &bare, &unit, NULL) == 0) {
		const IoColumn *c = io_dict_match(r->dict, k->name, name);
		if (!c)
			c = io_dict_match(r->dict, k->name, bare);
		if (c) {
			m = (ColMatch){field_index(k, c->field), unit, text, c};
		} else if (unit) {
			m.unit = unit; /* "Kinh phí (triệu đồng)" above a column: its unit */
		}
	}
	buf_free(&b);
	return m;
}

/* Maps the columns of the header at rows top (and top + 1 when two) to
 * kind k's fields into cols (may be NULL); returns the distinct fields
 * matched (the STT column not counted) and their required ones missing. */
static int map_header(Run *r, const Head *h, int top, bool two, const KindDef *k, ColMatch *cols,
        int *missing, Arena *a)
{
	bool taken[RUN_MAX_FIELDS] = {false};
	int ncols = 0, matched = 0;
	for (int i = top; i <= top + two && i < h->n; i++)
		ncols = h->ncells[i] > ncols ? h->ncells[i] : ncols;
	for (int c = 0; c < ncols; c++) {
		const char *up = head_cell(h, top, c), *low = two ? head_cell(h, top + 1, c) : NULL;
		const char *texts[3] = {NULL, low, up};
		if (up && low && strcmp(up, low)) {
			size_t n = strlen(up) + strlen(low) + 2;
			char *both = arena_alloc(a, n);
			snprintf(both, n, "%s %s", up, low);
			texts[0] = both;
		}
		ColMatch m = {.field = -1}, group = {.field = -1};
		for (int t = 0; t < 3 && m.field < 0; t++) {
			if (!texts[t])
				continue;
			ColMatch x = match_text(r, k, texts[t]);
			if (x.field >= 0 && !taken[x.field])
				m = x;
			else if (!group.unit)
				group.unit = x.unit;
		}
		if (m.field >= 0) {
			taken[m.field] = true;
			matched += strcmp(m.info->type, "skip") != 0;
			if (!m.unit)
				m.unit = group.unit;
		}
		if (cols)
			cols[c] = m;
	}
	*missing = 0;
	int n;
	const IoColumn *c = io_dict_columns(r->dict, k->name, &n);
	for (int i = 0; i < n; i++)
		*missing += c[i].required && !taken[field_index(k, c[i].field)];
	return matched;
}

typedef struct Best {
	const KindDef *k;
	int top;
	bool two;
	int matched, missing;
} Best;

static bool better(const Best *a, const Best *b)
{
	if (!b->k)
		return true;
	if ((a->missing == 0) != (b->missing == 0))
		return a->missing == 0;
	if (a->matched != b->matched)
		return a->matched > b->matched;
	if (a->two != b->two)
		return !a->two; /* a title line above the header is not part of it */
	return false;           /* earlier rows were tried first */
}

static Best find_header(Run *r, const Head *h)
{
	Best best = {0};
	Arena a = {0};
	for (int top = 0; top < h->n; top++)
		for (int two = 0; two <= (top + 1 < h->n); two++)
			for (int k = 0; k < NKINDS; k++) {
				if (r->o->kind && strcmp(r->o->kind, kinds[k]->name))
					continue;
				Best c = {kinds[k], top, two, 0, 0};
				c.matched =
				        map_header(r, h, top, two, kinds[k], NULL, &c.missing, &a);
				if (c.matched >= 1 && better(&c, &best))
					best = c;
			}
	arena_free(&a);
	return best;
}

/* The labels of kind k's required columns the header lacks. */
static void missing_labels(Run *r, const KindDef *k, const ColMatch *cols, int ncols, Buf *out)
{
	int n;
	const IoColumn *c = io_dict_columns(r->dict, k->name, &n);
	for (int i = 0; i < n; i++) {
		bool have = false;
		for (int j = 0; j < ncols && !have; j++)
			have = cols[j].info == &c[i];
		if (c[i].required && !have)
			buf_printf(out, "%s'%s'", out->len ? ", " : "", c[i].label);
	}
}

/* Builds the binding of the header best found in sheet; reports unknown
 * and repeated columns. */
static Binding *bind(Run *r, int sheet, const Head *h, const Best *best, Arena *a)
{
	const char *name = io_book_sheet_name(r->book, sheet);
	int ncols = 0;
	for (int i = best->top; i <= best->top + best->two; i++)
		ncols = h->ncells[i] > ncols ? h->ncells[i] : ncols;
	ColMatch *cols = arena_alloc(a, (size_t)(ncols + 1) * sizeof *cols);
	int missing;
	map_header(r, h, best->top, best->two, best->k, cols, &missing, a);
	Binding *b = arena_alloc(a, sizeof *b);
	*b = (Binding){.sheet = sheet,
	        .kind = best->k,
	        .top_row = h->number[best->top],
	        .header_row = h->number[best->top + best->two],
	        .ncols = ncols};
	b->field_of = arena_alloc(a, (size_t)(ncols + 1) * sizeof *b->field_of);
	b->header = arena_alloc(a, (size_t)(ncols + 1) * sizeof *b->header);
	for (int f = 0; f < RUN_MAX_FIELDS; f++)
		b->col_of[f] = -1;
	int64_t sheet_unit = 0;
	for (int i = 0; i < best->top; i++)
		for (int c = 0; c < h->ncells[i]; c++)
			if (head_cell(h, i, c) && io_dict_unit_line(r->dict, h->text[i][c]))
				sheet_unit = io_dict_unit_line(r->dict, h->text[i][c]);
	for (int c = 0; c < ncols; c++) {
		const char *up = head_cell(h, best->top, c);
		const char *low = best->two ? head_cell(h, best->top + 1, c) : NULL;
		int f = cols[c].field;
		b->field_of[c] = f;
		/* The header rows are freed once planned: the binding keeps copies. */
		b->header[c] = arena_strdup(a, cols[c].text ? cols[c].text : low ? low : up);
		if (f >= 0) {
			b->col_of[f] = c;
			b->info[f] = cols[c].info;
			b->unit[f] = cols[c].unit ? cols[c].unit : sheet_unit ? sheet_unit : 1;
		} else if (b->header[c]) {
			char cn[8];
			sheet_problem(r, name, b->header_row, true,
			        "Cột %s '%s' không nhận ra (hoặc trùng nghĩa với một cột trước): bỏ qua",
			        io_col_name(c, cn), b->header[c]);
		}
	}
	return b;
}

/* ---- Rows ------------------------------------------------------------------------------ */

static bool roman_or_letter(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n > 5)
		return false;
	if (n == 1 && s[0] >= 'A' && s[0] <= 'Z')
		return true;
	for (size_t i = 0; i < n; i++)
		if (!strchr("IVXivx", s[i]))
			return false;
	return true;
}

/* A row of column numbers under the header: "1 2 3 ..." or "(1) (2) ...". */
static bool numbers_row(const IoRow *row)
{
	int numbers = 0;
	for (int i = 0; i < row->n; i++) {
		const char *s = row->cells[i].text;
		if (!*s)
			continue;
		s += *s == '(';
		char *end;
		long v = strtol(s, &end, 10);
		if (end == s || v < 0 || v > 999 || (*end && strcmp(end, ")")))
			return false;
		numbers++;
	}
	return numbers >= 3;
}

static int field_type_is(const Binding *b, int f, const char *type)
{
	return b->info[f] && !strcmp(b->info[f]->type, type);
}

/* Whether text has a letter (any character beyond ASCII may be one). */
static bool has_letter(const char *text)
{
	for (const unsigned char *p = (const unsigned char *)text; *p; p++)
		if (*p >= 0x80 || (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z'))
			return true;
	return false;
}

/* A total row: one of its first cells says "Tổng cộng", "Cộng"... A cell
 * without a letter (the STT, a tax code) says none of them: it is not
 * normalised to be looked up. */
static bool total_row(Run *r, const IoRow *row)
{
	int seen = 0;
	for (int i = 0; i < row->n && seen < 3; i++) {
		if (!row->cells[i].len || row->cells[i].type != IO_CELL_TEXT)
			continue;
		seen++;
		if (has_letter(row->cells[i].text) &&
		        io_dict_choice(r->dict, "total_row", run_norm(r, row->cells[i].text)))
			return true;
	}
	return false;
}

static const IoCell *cell_of(const Run *r, int f)
{
	static const IoCell empty = {.type = IO_CELL_EMPTY, .text = ""};
	int c = r->b->col_of[f];
	return c >= 0 && c < r->row->n ? &r->row->cells[c] : &empty;
}

static int parse_number(Run *r, const IoCell *c, IoVal *v, const char *label, Err *e)
{
	(void)r;
	if (c->type != IO_CELL_TEXT)
		return io_val_number(c, label, &v->dec, e);
	const char *s = v->text;
	size_t n = strlen(s);
	if (n && s[n - 1] == '%') { /* a percentage: the number before the sign */
		n--;
		vn_trim(&s, &n);
	}
	const char *why;
	if (num_span(s, n) == n) {
		if (num_parse_why(s, n, &v->dec, &why) == 0)
			return 0;
		char q[VN_QUOTE_MAX];
		return err_set(e, KC_EINVAL, "%s '%s' không hợp lệ: %s", label,
		        vn_quote(q, sizeof q, v->text, strlen(v->text)), why);
	}
	MoneyParsed m;
	Err me;
	if (money_parse(s, n, &m, &me))
		return err_set(e, KC_EINVAL, "%s: %s", label, me.msg);
	v->dec = (NumDec){m.dong, 0};
	v->qualifier = m.qualifier;
	v->in_dong = m.unit != MONEY_DONG || strstr(s, "đ") || strstr(s, "Đ");
	return 0;
}

static int parse_bool(Run *r, const IoCell *c, IoVal *v, const char *label, Err *e)
{
	(void)c;
	const char *norm = run_norm(r, v->text);
	if (io_dict_choice(r->dict, "yes", norm))
		v->num = 1;
	else if (io_dict_choice(r->dict, "no", norm))
		v->num = 0;
	else
		return err_set(e, KC_EINVAL,
		        "%s '%s' không hiểu: ghi x (hoặc có) khi đúng, để trống (hoặc không) khi"
		        " không",
		        label, v->text);
	return 0;
}

/* Tax codes and phone numbers that Excel kept as numbers, losing the 0
 * they start with. */
static int parse_digits(Run *r, int f, const IoCell *c, IoVal *v, const char *label, Err *e)
{
	if (c->type == IO_CELL_TEXT)
		return 0;
	Buf b;
	buf_init(&b, 64);
	int rc = io_val_digits(c, 0, label, &b, e);
	bool tax = !strcmp(r->b->info[f]->type, "tax_code");
	if (rc == 0 && ((tax && b.len == 9) || (!tax && buf_cstr(&b)[0] != '0'))) {
		size_t n = b.len + 2;
		char *d = arena_alloc(&r->row_arena, n);
		snprintf(d, n, "0%s", buf_cstr(&b));
		if (tax)
			run_problem(r, f, true,
			        "%s %s được lưu dạng số nên mất số 0 ở đầu: đọc là %s (nên định dạng"
			        " cột là văn bản)",
			        label, buf_cstr(&b), d);
		v->text = d;
	} else if (rc == 0) {
		v->text = arena_strdup(&r->row_arena, buf_cstr(&b));
	}
	buf_free(&b);
	return rc;
}

static int parse_choice(Run *r, const char *set, IoVal *v, const char *label, Err *e)
{
	v->code = io_dict_choice(r->dict, set, run_norm(r, v->text));
	if (v->code)
		return 0;
	Buf list;
	buf_init(&list, 2048);
	io_dict_choice_list(r->dict, set, &list);
	char q[VN_QUOTE_MAX];
	int rc = err_set(e, KC_EINVAL, "%s '%s' không có; ghi một trong: %s", label,
	        vn_quote(q, sizeof q, v->text, strlen(v->text)), buf_cstr(&list));
	buf_free(&list);
	return rc;
}

/* A code list entry written as its code or its label (funding sources also
 * by the words of data/import/choices.csv). */
static int parse_code(Run *r, const char *list, IoVal *v, const char *label, Err *e)
{
	const char *norm = run_norm(r, v->text);
	size_t n = strlen(list) + strlen(norm) + 2;
	char *key = arena_alloc(&r->row_arena, n);
	snprintf(key, n, "%s|%s", list, norm);
	v->code = smap_get(&r->codes, key, NULL);
	if (!v->code && !strcmp(list, "source"))
		v->code = io_dict_choice(r->dict, "source", norm);
	if (v->code)
		return 0;
	char q[VN_QUOTE_MAX];
	return err_set(e, KC_EINVAL,
	        "%s '%s' không có trong danh mục: ghi mã hoặc tên đúng như"
	        " danh mục",
	        label, vn_quote(q, sizeof q, v->text, strlen(v->text)));
}

/* Parses the cell of field f by its column's type into r->v[f]. */
static void parse_field(Run *r, int f)
{
	const Binding *b = r->b;
	const IoColumn *info = b->info[f];
	const IoCell *c = cell_of(r, f);
	IoVal *v = &r->v[f];
	*v = (IoVal){.present = true};
	const char *s;
	size_t n;
	io_val_trim(c, &s, &n);
	if (c->type == IO_CELL_EMPTY || n == 0 || !strcmp(info->type, "skip"))
		return;
	if (c->type == IO_CELL_ERROR) {
		run_problem(r, f, false, "Ô có lỗi công thức '%s'", c->text);
		return;
	}
	v->set = true;
	v->text = arena_strndup(&r->row_arena, s, n);
	const char *t = info->type, *label = info->label;
	Err e = {0};
	int rc = 0;
	if (!strcmp(t, "count") || !strcmp(t, "id")) {
		rc = io_val_count(c, label, &v->num, &e);
	} else if (!strcmp(t, "money")) {
		rc = io_val_money(c, b->unit[f], label, &v->num, &v->qualifier, &e);
	} else if (!strcmp(t, "date")) {
		rc = io_val_date(c, label, v->date, &e);
	} else if (!strcmp(t, "year")) {
		int y = 0;
		rc = io_val_year(c, label, &y, &e);
		v->num = y;
	} else if (!strcmp(t, "number")) {
		rc = parse_number(r, c, v, label, &e);
	} else if (!strcmp(t, "bool")) {
		rc = parse_bool(r, c, v, label, &e);
	} else if (!strcmp(t, "tax_code") || !strcmp(t, "phone")) {
		rc = parse_digits(r, f, c, v, label, &e);
	} else if (!strncmp(t, "choice:", 7)) {
		rc = parse_choice(r, t + 7, v, label, &e);
	} else if (!strcmp(t, "unit")) {
		const char *u = io_dict_choice(r->dict, "money_unit", run_norm(r, v->text));
		v->num = u ? strtoll(u, NULL, 10) : 0;
	} else if (!strcmp(t, "activity") || !strcmp(t, "source") || !strcmp(t, "indicator") ||
	           !strcmp(t, "sector")) {
		rc = parse_code(r, t, v, label, &e);
	}
	if (rc)
		run_problem(r, f, false, "%s", e.msg);
}

/* Sums of the numeric columns, to check a total row against. */
typedef struct Sums {
	int64_t all[RUN_MAX_FIELDS], since[RUN_MAX_FIELDS];
	bool bad[RUN_MAX_FIELDS];
} Sums;

static bool numeric(const Binding *b, int f)
{
	return b->col_of[f] >= 0 && (field_type_is(b, f, "count") || field_type_is(b, f, "money"));
}

static void add_sums(Run *r, Sums *s)
{
	for (int f = 0; f < r->b->kind->nfields; f++)
		if (numeric(r->b, f) && r->v[f].set) {
			if (__builtin_add_overflow(s->all[f], r->v[f].num, &s->all[f]))
				s->bad[f] = true;
			s->since[f] += r->v[f].num;
		}
}

/* Checks a total row's figures against the rows above it (all of them, or
 * those since the previous total row). */
static void check_totals(Run *r, Sums *s)
{
	for (int f = 0; f < r->b->kind->nfields; f++) {
		if (!numeric(r->b, f) || s->bad[f])
			continue;
		const IoCell *c = cell_of(r, f);
		const IoColumn *info = r->b->info[f];
		int64_t num;
		int rc = !c->len ? -1
		         : field_type_is(r->b, f, "count")
		                 ? io_val_count(c, info->label, &num, NULL)
		                 : io_val_money(c, r->b->unit[f], info->label, &num, NULL, NULL);
		if (rc)
			continue;
		const IoVal *v = &(IoVal){.num = num};
		if (v->num != s->all[f] && v->num != s->since[f]) {
			Buf a, b;
			buf_init(&a, 64);
			buf_init(&b, 64);
			num_format_int(&a, v->num);
			num_format_int(&b, s->since[f]);
			run_problem(r, f, true,
			        "Dòng tổng cộng ghi %s nhưng cộng các dòng phía trên được %s",
			        buf_cstr(&a), buf_cstr(&b));
			buf_free(&a);
			buf_free(&b);
		}
		s->since[f] = 0;
	}
}

/* Whether the parsed row holds data: a required field, or two fields. */
static bool data_like(const Run *r)
{
	int set = 0;
	for (int f = 0; f < r->b->kind->nfields; f++) {
		if (!r->v[f].set || (r->b->info[f] && !strcmp(r->b->info[f]->type, "skip")))
			continue;
		if (r->b->info[f]->required)
			return true;
		set++;
	}
	return set >= 2;
}

/* Whether every required field of the row has a value. */
static bool complete(const Run *r)
{
	for (int f = 0; f < r->b->kind->nfields; f++)
		if (r->b->info[f] && r->b->info[f]->required && !r->v[f].set)
			return false;
	return true;
}

static void count(ImportTable *t, Outcome out)
{
	switch (out) {
	case OUT_CREATED: t->created++; break;
	case OUT_UPDATED: t->updated++; break;
	case OUT_UNCHANGED: t->unchanged++; break;
	case OUT_SKIPPED: t->skipped++; break;
	case OUT_FAILED: t->failed++; break;
	}
}

/* A row that failed after it wrote, though its kind writes only once
 * (one_write): what it wrote cannot be undone, so nothing is committed and
 * the import stops here rather than read on over it. */
static void spoiled(Run *r)
{
	run_problem(r, -1, false,
	        "Dòng bị lỗi sau khi đã ghi một phần vào cơ sở dữ liệu, không hoàn tác được:"
	        " dừng nhập, không ghi gì");
	r->stopped = true;
}

/* Runs the kind's handler on the parsed row inside a savepoint, so that a
 * row with a problem leaves nothing behind. */
static int handle_row(Run *r, Err *e)
{
	int rc = db_begin(r->db, e);
	if (rc)
		return rc;
	Outcome out = OUT_FAILED;
	if ((rc = r->b->kind->row(r, &out))) {
		db_rollback(r->db);
		return rc;
	}
	if (out == OUT_FAILED && !r->row_failed) /* never commit a row that was not written */
		run_problem(r, -1, false, "Dòng không ghi được vào cơ sở dữ liệu");
	if (r->row_failed)
		out = OUT_FAILED;
	if (out == OUT_FAILED)
		db_rollback(r->db);
	else if ((rc = db_commit(r->db, e)))
		return rc;
	count(r->table, out);
	return 0;
}

/* handle_row, without savepoints for a kind that writes once (db_flat). */
static int write_row(Run *r, Err *e)
{
	db_flat(r->db, r->b->kind->one_write);
	int rc = handle_row(r, e);
	db_flat(r->db, false);
	if (rc == 0 && db_spoiled(r->db))
		spoiled(r);
	return rc;
}

static int import_row(Run *r, Sums *sums, Err *e)
{
	arena_free(&r->row_arena);
	r->row_failed = false;
	const Binding *b = r->b;
	int stt = field_index(b->kind, "stt");
	const IoRow *row = r->row;
	if (stt >= 0 && b->col_of[stt] >= 0 && b->col_of[stt] < row->n &&
	        roman_or_letter(row->cells[b->col_of[stt]].text))
		return 0; /* a group heading: "I", "II", "A" */
	if (total_row(r, row)) {
		check_totals(r, sums);
		r->after_total = true;
		return 0;
	}
	for (int f = 0; f < b->kind->nfields; f++)
		if (b->col_of[f] >= 0)
			parse_field(r, f);
		else
			r->v[f] = (IoVal){0};
	if (r->after_total && !complete(r)) {
		r->row_failed = false;
		run_problem(r, -1, true,
		        "Dòng sau dòng tổng cộng thiếu cột bắt buộc (phần ghi chú, ký tên): bỏ qua");
		r->table->skipped++;
		return 0;
	}
	if (!data_like(r)) {
		if (!r->row_failed)
			run_problem(
			        r, -1, true, "Dòng không có dữ liệu ở các cột bắt buộc: bỏ qua");
		r->table->skipped++;
		return 0;
	}
	r->table->rows++;
	add_sums(r, sums);
	if (r->row_failed) {
		r->table->failed++;
		return 0;
	}
	return write_row(r, e);
}

/* Tells the progress callback; false when it abandons the import, which is
 * then an error of the file, so that nothing is written. */
static bool progress(Run *r, int64_t rows)
{
	if (!r->o->progress || r->stopped)
		return !r->stopped;
	ImportProgress p = {.sheet = r->sheet, .rows = rows};
	io_book_progress(r->book, &p.done, &p.total);
	if (r->o->progress(r->o->progress_ctx, &p))
		return true;
	r->stopped = r->rep->stopped = true;
	sheet_problem(r, r->sheet, 0, false,
	        "Việc nhập bị dừng giữa chừng (dòng thứ %lld của trang): không ghi gì vào cơ sở dữ"
	        " liệu",
	        (long long)rows);
	return false;
}

static int import_sheet(Run *r, Binding *b, Err *e)
{
	r->b = b;
	r->sheet = io_book_sheet_name(r->book, b->sheet);
	ImportReport *rep = r->rep;
	ImportTable *t = &rep->tables[rep->ntables++];
	*t = (ImportTable){.sheet = rep_dup(rep, r->sheet),
	        .kind = b->kind->name,
	        .label = b->kind->label,
	        .header_row = b->header_row};
	r->table = t;
	r->after_total = false;
	Sums *sums = calloc(1, sizeof *sums);
	if (!sums)
		abort();
	Err re = {0};
	int rc = io_book_begin(r->book, b->sheet, &re);
	bool first = true;
	int64_t n = 0;
	bool go = progress(r, 0);
	while (go && rc == 0 && !r->stopped && (rc = io_book_next(r->book, &r->row, &re)) == 0 &&
	        r->row) {
		if (r->row->number <= b->header_row)
			continue;
		if (first && (first = false, numbers_row(r->row)))
			continue;
		if ((rc = import_row(r, sums, e)))
			break;
		if (++n % PROGRESS_EVERY == 0)
			go = progress(r, n);
	}
	if (rc && re.code) { /* the reader's: a problem of the file, not ours */
		sheet_problem(r, r->sheet, 0, false, "%s", re.msg);
		rc = 0;
	}
	if (go)
		progress(r, n);
	r->row = NULL;
	r->b = NULL;
	free(sums);
	return rc;
}

/* ---- A whole import -------------------------------------------------------------------- */

/* Checks that data/import/columns.csv and the handlers name the same fields. */
static int check_kinds(Run *r, Err *e)
{
	for (int k = 0; k < NKINDS; k++) {
		int n;
		const IoColumn *c = io_dict_columns(r->dict, kinds[k]->name, &n);
		if (kinds[k]->nfields > RUN_MAX_FIELDS)
			return err_set(e, KC_EIO, "kind '%s' has too many fields", kinds[k]->name);
		for (int i = 0; i < n; i++)
			if (field_index(kinds[k], c[i].field) < 0)
				return err_set(e, KC_EIO, "columns.csv: '%s' has no field '%s'",
				        kinds[k]->name, c[i].field);
		for (int f = 0; f < kinds[k]->nfields; f++) {
			bool found = false;
			for (int i = 0; i < n && !found; i++)
				found = !strcmp(c[i].field, kinds[k]->fields[f]);
			if (!found)
				return err_set(e, KC_EIO, "columns.csv lacks '%s' of '%s'",
				        kinds[k]->fields[f], kinds[k]->name);
		}
	}
	return 0;
}

static int kind_order(const KindDef *k)
{
	for (int i = 0; i < NKINDS; i++)
		if (kinds[i] == k)
			return i;
	return NKINDS;
}

/* A sheet whose best header lacks required columns. */
typedef struct Partial {
	const char *sheet;
	const KindDef *kind;
	int64_t row;
} Partial;

/* Finds the table of each sheet to import; reports the sheets without one. */
static int plan(Run *r, Binding **plan_out, int *n, Arena *a, Err *e)
{
	int sheets = io_book_sheets(r->book);
	Partial *partial = arena_alloc(a, (size_t)(sheets + 1) * sizeof *partial);
	int np = 0, *npartial = &np;
	bool only = sheets == 1 || r->o->sheet;
	for (int s = 0; s < sheets; s++) {
		const char *name = io_book_sheet_name(r->book, s);
		if (r->o->sheet && strcmp(r->o->sheet, name))
			continue;
		Head h = {0};
		Err re = {0};
		if (read_head(r, s, &h, &re)) {
			sheet_problem(r, name, 0, false, "%s", re.msg);
			arena_free(&h.a);
			continue;
		}
		Best best = find_header(r, &h);
		if (best.k && best.missing == 0 && (best.matched >= 2 || r->o->kind)) {
			plan_out[(*n)++] = bind(r, s, &h, &best, a);
		} else if (best.k && best.matched >= 2 && !only) {
			partial[(*npartial)++] =
			        (Partial){name, best.k, h.number[best.top + best.two]};
		} else if (best.k && best.matched >= 2) {
			ColMatch cols[MAX_HEAD_COLS];
			int missing;
			Arena tmp = {0};
			map_header(r, &h, best.top, best.two, best.k, cols, &missing, &tmp);
			Buf labels;
			buf_init(&labels, 2048);
			missing_labels(r, best.k, cols, h.ncells[best.top + best.two], &labels);
			sheet_problem(r, name, h.number[best.top + best.two], false,
			        "Bảng '%s' (hàng tiêu đề ở dòng %lld) thiếu cột bắt buộc: %s",
			        best.k->label, (long long)h.number[best.top + best.two],
			        buf_cstr(&labels));
			buf_free(&labels);
			arena_free(&tmp);
		} else {
			sheet_problem(r, name, 0, !only,
			        "Không nhận ra hàng tiêu đề của bảng nào trong %d dòng đầu%s",
			        r->o->open.limits.header_rows, only ? "" : ": bỏ qua trang này");
		}
		arena_free(&h.a);
	}
	(void)e;
	/* A sheet that looks like a table without being one: notes beside a
	 * table (a warning), or a table lacking columns when there is no other. */
	for (int i = 0; i < np; i++)
		sheet_problem(r, partial[i].sheet, partial[i].row, *n > 0,
		        "Trang này giống bảng '%s' (dòng %lld) nhưng thiếu cột bắt buộc: %s",
		        partial[i].kind->label, (long long)partial[i].row,
		        *n > 0 ? "bỏ qua" : "không nhập được");
	/* Sheets in the order of their kinds, stable: establishments first. */
	for (int i = 1; i < *n; i++)
		for (int j = i;
		        j > 0 && kind_order(plan_out[j - 1]->kind) > kind_order(plan_out[j]->kind);
		        j--) {
			Binding *t = plan_out[j];
			plan_out[j] = plan_out[j - 1];
			plan_out[j - 1] = t;
		}
	return 0;
}

static int run_all(Run *r, Err *e)
{
	ImportReport *rep = r->rep;
	int rc = io_dict_load(&r->dict, e);
	if (rc == 0)
		rc = check_kinds(r, e);
	if (rc)
		return rc;
	int sheets = io_book_sheets(r->book);
	rep->tables = arena_alloc(&rep->arena, (size_t)(sheets + 1) * sizeof *rep->tables);
	if ((rc = store_bulk_mode(r->db, e)) || (rc = db_begin(r->db, e)))
		return rc;
	Arena a = {0};
	Binding **bindings = arena_alloc(&a, (size_t)(sheets + 1) * sizeof *bindings);
	int n = 0;
	if ((rc = run_load_codes(r, e)) == 0)
		rc = plan(r, bindings, &n, &a, e);
	for (int i = 0; rc == 0 && !r->stopped && i < n; i++)
		rc = import_sheet(r, bindings[i], e);
	if (rc == 0 && n == 0 && rep->errors == 0)
		sheet_problem(r, NULL, 0, false, "Tệp không có bảng nào nhận ra được để nhập");
	arena_free(&a);
	if (rc == 0 && rep->errors == 0 && r->o->commit) {
		if ((rc = db_commit(r->db, e)) == 0)
			rep->committed = true;
	}
	if (db_depth(r->db) > 0)
		db_rollback(r->db);
	return rc;
}

static int import_book(Db *db, const char *name, IoBook *book, int open_rc, const Err *open_err,
        const ImportOptions *o, ImportReport *rep, Err *e)
{
	Run r = {.db = db, .o = o, .rep = rep, .actor = o->actor, .book = book};
	r.actor.via = "import";
	if (!r.actor.name)
		r.actor.name = "system";
	rep->file = rep_dup(rep, name);
	int rc = 0;
	if (open_rc) {
		rep->unreadable = open_rc;
		sheet_problem(&r, NULL, 0, false, "%s", open_err->msg);
	} else {
		rep->format = book ? io_book_format(book) : NULL;
		rep->encoding = book ? io_book_encoding(book) : NULL;
		rep->separator = book ? io_book_separator(book) : 0;
		rc = run_all(&r, e);
	}
	io_dict_free(r.dict);
	smap_free(&r.codes);
	smap_free(&r.places);
	smap_free(&r.scopes);
	imap_free(&r.seen);
	arena_free(&r.row_arena);
	return rc;
}

int io_import_file(Db *db, const char *path, const ImportOptions *o, ImportReport *r, Err *e)
{
	*r = (ImportReport){0};
	IoBook *book = NULL;
	Err oe = {0};
	int orc = io_book_open(&book, path, &o->open, &oe);
	int rc = import_book(db, path, book, orc, &oe, o, r, e);
	io_book_close(book);
	return rc;
}

int io_import_mem(Db *db, const char *name, const void *data, size_t size, const ImportOptions *o,
        ImportReport *r, Err *e)
{
	*r = (ImportReport){0};
	IoBook *book = NULL;
	Err oe = {0};
	int orc = io_book_open_mem(&book, name, data, size, &o->open, &oe);
	int rc = import_book(db, name, book, orc, &oe, o, r, e);
	io_book_close(book);
	return rc;
}
