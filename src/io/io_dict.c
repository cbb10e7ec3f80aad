/* io_dict.c — see io_dict.h. */
#include "io/io_dict.h"

#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/embed.h"
#include "core/vntext.h"
#include "io/io_sheet.h"

extern const EmbeddedFile kc_import_data[]; /* generated from data/import */

enum { NORM_MAX = 1 << 16 };

typedef struct Choice {
	const char *set, *value;
	const char **words; /* normal form, the value's own first */
	int nwords;
	const char *first; /* the first word as written, for messages */
} Choice;

struct IoDict {
	Arena a;
	IoColumn *cols;
	int ncols;
	Choice *choices;
	int nchoices;
};

int io_norm(const char *s, size_t len, Buf *out, Err *e)
{
	Buf f;
	buf_init(&f, 4 * len + 16);
	int rc = vn_fold(&f, s, len, e);
	bool space = true; /* drops leading spaces */
	for (size_t i = 0; rc == 0 && i < f.len; i++) {
		unsigned char c = (unsigned char)f.data[i];
		bool keep = c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
		if (keep) {
			buf_putc(out, (char)c);
			space = false;
		} else if (!space) {
			buf_putc(out, ' ');
			space = true;
		}
	}
	if (rc == 0 && out->len && out->data[out->len - 1] == ' ' && space)
		buf_truncate(out, out->len - 1);
	buf_free(&f);
	return rc;
}

/* The normal form of s, in the dictionary's arena. */
static const char *norm_dup(IoDict *d, const char *s, Err *e)
{
	Buf b;
	buf_init(&b, NORM_MAX);
	int rc = io_norm(s, strlen(s), &b, e);
	const char *r = rc ? NULL : arena_strdup(&d->a, buf_cstr(&b));
	buf_free(&b);
	return r;
}

/* Splits "a|b|c" into the normal forms of a, b and c, after first (if not
 * NULL). */
static int split_words(
        IoDict *d, const char *first, const char *list, const char ***out, int *n, Err *e)
{
	int cap = 2;
	for (const char *p = list; *p; p++)
		cap += *p == '|';
	const char **v = arena_alloc(&d->a, (size_t)cap * sizeof *v);
	int k = 0;
	if (first && !(v[k++] = norm_dup(d, first, e)))
		return KC_EINVAL;
	for (const char *p = list; *p;) {
		const char *bar = strchr(p, '|');
		size_t len = bar ? (size_t)(bar - p) : strlen(p);
		const char *nw = norm_dup(d, arena_strndup(&d->a, p, len), e);
		if (!nw)
			return KC_EINVAL;
		if (*nw)
			v[k++] = nw;
		p = bar ? bar + 1 : p + len;
	}
	*out = v;
	*n = k;
	return 0;
}

static const EmbeddedFile *data_file(const char *name)
{
	for (const EmbeddedFile *f = kc_import_data; f->name; f++)
		if (!strcmp(f->name, name))
			return f;
	return NULL;
}

/* Calls fn with the cells of each row of the built-in CSV file name after
 * its header, which must have ncols columns. */
typedef int (*RowFn)(IoDict *d, const IoRow *r, Err *e);

static int each_row(IoDict *d, const char *name, int ncols, RowFn fn, Err *e)
{
	const EmbeddedFile *f = data_file(name);
	if (!f)
		return err_set(e, KC_EIO, "'%s' is not built in", name);
	IoOpen o = io_open_default();
	o.encoding = "utf-8";
	IoBook *b;
	int rc = io_book_open_mem(&b, name, f->data, f->size, &o, e);
	if (rc == 0)
		rc = io_book_begin(b, 0, e);
	const IoRow *r;
	bool header = true;
	while (rc == 0 && (rc = io_book_next(b, &r, e)) == 0 && r) {
		if (r->n > ncols)
			rc = err_set(e, KC_EIO, "%s: row %lld has %d columns, not %d", name,
			        (long long)r->number, r->n, ncols);
		else if (!header)
			rc = fn(d, r, e);
		header = false;
	}
	io_book_close(b);
	return rc;
}

static const char *cell(IoDict *d, const IoRow *r, int i)
{
	return arena_strdup(&d->a, i < r->n ? r->cells[i].text : "");
}

static int column_row(IoDict *d, const IoRow *r, Err *e)
{
	IoColumn *c = &d->cols[d->ncols];
	*c = (IoColumn){.table = cell(d, r, 0),
	        .field = cell(d, r, 1),
	        .type = cell(d, r, 2),
	        .required = !strcmp(cell(d, r, 3), "yes"),
	        .label = cell(d, r, 4),
	        .help = cell(d, r, 5)};
	if (!*c->table || !*c->field || !*c->type || !*c->label)
		return err_set(
		        e, KC_EIO, "columns.csv: row %lld is incomplete", (long long)r->number);
	d->ncols++;
	return split_words(d, c->label, cell(d, r, 6), &c->syn, &c->nsyn, e);
}

static int choice_row(IoDict *d, const IoRow *r, Err *e)
{
	Choice *c = &d->choices[d->nchoices];
	const char *words = cell(d, r, 2);
	const char *bar = strchr(words, '|');
	*c = (Choice){.set = cell(d, r, 0),
	        .value = cell(d, r, 1),
	        .first = arena_strndup(&d->a, words, bar ? (size_t)(bar - words) : strlen(words))};
	if (!*c->set)
		return err_set(
		        e, KC_EIO, "choices.csv: row %lld is incomplete", (long long)r->number);
	d->nchoices++;
	return split_words(d, *c->value ? c->value : NULL, words, &c->words, &c->nwords, e);
}

static int count_lines(const char *name)
{
	const EmbeddedFile *f = data_file(name);
	int n = 0;
	for (size_t i = 0; f && i < f->size; i++)
		n += f->data[i] == '\n';
	return n + 1;
}

int io_dict_load(IoDict **out, Err *e)
{
	IoDict *d = calloc(1, sizeof *d);
	if (!d)
		abort();
	d->cols = arena_alloc(&d->a, (size_t)count_lines("columns.csv") * sizeof *d->cols);
	d->choices = arena_alloc(&d->a, (size_t)count_lines("choices.csv") * sizeof *d->choices);
	int rc = each_row(d, "columns.csv", 7, column_row, e);
	if (rc == 0)
		rc = each_row(d, "choices.csv", 3, choice_row, e);
	if (rc) {
		io_dict_free(d);
		return rc;
	}
	*out = d;
	return 0;
}

void io_dict_free(IoDict *d)
{
	if (!d)
		return;
	arena_free(&d->a);
	free(d);
}

const IoColumn *io_dict_columns(const IoDict *d, const char *table, int *n)
{
	*n = 0;
	for (int i = 0; i < d->ncols; i++)
		if (!strcmp(d->cols[i].table, table)) {
			int k = i;
			while (k < d->ncols && !strcmp(d->cols[k].table, table))
				k++;
			*n = k - i;
			return &d->cols[i];
		}
	return NULL;
}

const IoColumn *io_dict_match(const IoDict *d, const char *table, const char *norm)
{
	int n;
	const IoColumn *c = io_dict_columns(d, table, &n);
	for (int i = 0; i < n; i++)
		for (int k = 0; k < c[i].nsyn; k++)
			if (!strcmp(c[i].syn[k], norm))
				return &c[i];
	return NULL;
}

const char *io_dict_choice(const IoDict *d, const char *set, const char *norm)
{
	for (int i = 0; i < d->nchoices; i++) {
		const Choice *c = &d->choices[i];
		if (strcmp(c->set, set))
			continue;
		for (int k = 0; k < c->nwords; k++)
			if (!strcmp(c->words[k], norm))
				return c->value;
	}
	return NULL;
}

void io_dict_choice_list(const IoDict *d, const char *set, Buf *out)
{
	bool first = true;
	for (int i = 0; i < d->nchoices; i++)
		if (!strcmp(d->choices[i].set, set)) {
			buf_printf(out, "%s%s", first ? "" : ", ", d->choices[i].first);
			first = false;
		}
}

int io_dict_choice_words(const IoDict *d, const char *set, const char **out, int max)
{
	int n = 0;
	for (int i = 0; i < d->nchoices; i++)
		if (!strcmp(d->choices[i].set, set)) {
			if (n < max)
				out[n] = d->choices[i].first;
			n++;
		}
	return n;
}

const char *io_dict_prefix(const IoDict *d, const char *set, const char *norm, const char **rest)
{
	const char *best = NULL;
	size_t best_len = 0;
	for (int i = 0; i < d->nchoices; i++) {
		const Choice *c = &d->choices[i];
		if (strcmp(c->set, set))
			continue;
		for (int k = 0; k < c->nwords; k++) {
			size_t n = strlen(c->words[k]);
			if (n > best_len && !strncmp(norm, c->words[k], n) && norm[n] == ' ') {
				best = c->value;
				best_len = n;
				*rest = norm + n + 1;
			}
		}
	}
	return best;
}

/* The money unit a normal-form text names, or 0. */
static int64_t unit_of(const IoDict *d, const char *norm)
{
	const char *v = io_dict_choice(d, "money_unit", norm);
	return v ? strtoll(v, NULL, 10) : 0;
}

/* Takes the longest unit at the end off the normal-form name (in place). */
static int64_t strip_unit(const IoDict *d, char *name)
{
	for (size_t i = 1; name[i]; i++)
		if (name[i] == ' ') {
			int64_t unit = unit_of(d, name + i + 1);
			if (unit) {
				name[i] = '\0';
				return unit;
			}
		}
	return 0;
}

int io_dict_header(const IoDict *d, const char *text, Buf *out, const char **name,
        const char **bare, int64_t *unit, Err *e)
{
	*unit = 0;
	Buf f, g, inner;
	size_t len = strlen(text);
	buf_init(&f, 4 * len + 16);
	buf_init(&g, 4 * len + 16);
	buf_init(&inner, 4 * len + 16);
	int rc = vn_fold(&f, text, len, e);
	for (size_t i = 0; rc == 0 && i < f.len; i++) {
		const char *close = f.data[i] == '(' ? memchr(f.data + i, ')', f.len - i) : NULL;
		if (!close) {
			buf_putc(&g, f.data[i]);
			continue;
		}
		buf_reset(&inner);
		rc = io_norm(f.data + i + 1, (size_t)(close - f.data - i - 1), &inner, e);
		if (rc == 0 && unit_of(d, buf_cstr(&inner)))
			*unit = unit_of(d, buf_cstr(&inner));
		buf_putc(&g, ' ');
		i = (size_t)(close - f.data);
	}
	buf_reset(&inner);
	if (rc == 0 && (rc = io_norm(buf_cstr(&g), g.len, &inner, e)) == 0) {
		size_t at = out->len;
		buf_append(out, inner.data ? inner.data : "", inner.len + 1);
		size_t bare_at = out->len;
		buf_append(out, inner.data ? inner.data : "", inner.len + 1);
		if ((rc = buf_err(out)) == 0) {
			int64_t u = strip_unit(d, out->data + at);
			if (u && out->data[at])
				*unit = u;
			else if (u) /* the whole name was a unit: keep it */
				memcpy(out->data + at, out->data + bare_at, inner.len + 1);
			*name = out->data + at;
			*bare = out->data + bare_at;
		}
	}
	buf_free(&f);
	buf_free(&g);
	buf_free(&inner);
	return rc;
}

int64_t io_dict_unit_line(const IoDict *d, const char *text)
{
	Buf n;
	buf_init(&n, NORM_MAX);
	int64_t unit = 0;
	const char *rest;
	if (io_norm(text, strlen(text), &n, NULL) == 0 &&
	        io_dict_prefix(d, "unit_line", buf_cstr(&n), &rest))
		unit = unit_of(d, rest);
	buf_free(&n);
	return unit;
}
