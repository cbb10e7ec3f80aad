/* db_pg_dialect.c — see db_pg_dialect.h. */
#include "store/db_pg_dialect.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

typedef enum { T_END, T_SPACE, T_WORD, T_QUOTED, T_STRING, T_PARAM, T_PUNCT } TokKind;

typedef struct Tok {
	TokKind kind;
	const char *p;
	size_t n;
} Tok;

/* Reads the token at *pp: spaces and comments are one T_SPACE token. */
static int next_tok(const char **pp, Tok *t, Err *e)
{
	const char *p = *pp, *s = p;
	if (!*p) {
		*t = (Tok){T_END, p, 0};
		return 0;
	}
	TokKind k = T_PUNCT;
	if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || (p[0] == '-' && p[1] == '-') ||
	        (p[0] == '/' && p[1] == '*')) {
		k = T_SPACE;
		while (*p) {
			if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
				p++;
			} else if (p[0] == '-' && p[1] == '-') {
				p += strcspn(p, "\n");
			} else if (p[0] == '/' && p[1] == '*') {
				const char *end = strstr(p + 2, "*/");
				if (!end)
					return err_set(e, KC_EINVAL, "unterminated comment in SQL");
				p = end + 2;
			} else {
				break;
			}
		}
	} else if (*p == '\'' || *p == '"') {
		/* A literal or a quoted name; a doubled quote stands for itself. */
		char q = *p++;
		k = q == '\'' ? T_STRING : T_QUOTED;
		for (;; p++) {
			if (!*p)
				return err_set(e, KC_EINVAL, "unterminated %s in SQL",
				        q == '\'' ? "string literal" : "quoted name");
			if (*p == q && p[1] == q)
				p++;
			else if (*p == q)
				break;
		}
		p++;
	} else if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || *p == '_' ||
	           (*p >= '0' && *p <= '9') || (unsigned char)*p >= 0x80) {
		k = T_WORD; /* names, keywords and numbers alike */
		while ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || *p == '_' ||
		        (*p >= '0' && *p <= '9') || *p == '$' || (unsigned char)*p >= 0x80)
			p++;
	} else {
		k = *p == '?' ? T_PARAM : T_PUNCT;
		p++;
	}
	*t = (Tok){k, s, (size_t)(p - s)};
	*pp = p;
	return 0;
}

static bool is_word(const Tok *t, const char *w)
{
	return t->kind == T_WORD && t->n == strlen(w) && !strncasecmp(t->p, w, t->n);
}

static bool is_punct(const Tok *t, char c)
{
	return t->kind == T_PUNCT && t->p[0] == c;
}

/* The next word after p, skipping spaces and comments (T_END if none). */
static Tok peek(const char *p)
{
	Tok t;
	do {
		if (next_tok(&p, &t, NULL))
			return (Tok){T_END, p, 0};
	} while (t.kind == T_SPACE);
	return t;
}

/* Where a REFERENCES clause is: its parts in order, then done. */
typedef enum {
	R_NONE,
	R_TABLE,  /* after REFERENCES: the table */
	R_AFTER,  /* after a complete part: more parts may follow */
	R_COLS,   /* inside its column list */
	R_ON,     /* after ON: DELETE or UPDATE */
	R_ACTION, /* CASCADE, RESTRICT, NO ACTION, SET NULL, SET DEFAULT */
	R_SECOND, /* the second word of NO ACTION, SET NULL, SET DEFAULT */
	R_MATCH,  /* after MATCH: FULL, PARTIAL, SIMPLE */
} RefState;

typedef struct Dialect {
	Buf *out;
	bool ddl;
	PgSql *info;
	int words;  /* words of the current statement so far */
	bool table; /* the statement is CREATE TABLE or ALTER TABLE */
	bool alter;
	int depth;
	int column;      /* 1: a column name comes next, 2: its type comes next */
	RefState ref;    /* where a REFERENCES clause is */
	size_t ref_end;  /* where in out the clause's last part ends */
	const char *src; /* the text after the current token */
} Dialect;

static const char *const table_constraints[] = {
        "CONSTRAINT", "PRIMARY", "UNIQUE", "FOREIGN", "CHECK", "EXCLUDE"};

static bool is_table_constraint(const Tok *t)
{
	for (size_t i = 0; i < sizeof table_constraints / sizeof table_constraints[0]; i++)
		if (is_word(t, table_constraints[i]))
			return true;
	return false;
}

/* Inserts s into out at position at. */
static void insert_at(Buf *out, size_t at, const char *s)
{
	size_t n = strlen(s), tail = out->len - at;
	buf_append(out, s, n);
	if (buf_err(out))
		return;
	memmove(out->data + at + n, out->data + at, tail);
	memcpy(out->data + at, s, n);
}

/* Follows a REFERENCES clause through token t; when t is not part of it,
 * marks the clause DEFERRABLE where it ended. */
static void follow_reference(Dialect *d, const Tok *t)
{
	if (t->kind == T_SPACE)
		return;
	RefState next = R_NONE;
	switch (d->ref) {
	case R_NONE: return;
	case R_TABLE: next = R_AFTER; break;
	case R_COLS: next = is_punct(t, ')') ? R_AFTER : R_COLS; break;
	case R_ON: next = R_ACTION; break;
	case R_ACTION: next = is_word(t, "NO") || is_word(t, "SET") ? R_SECOND : R_AFTER; break;
	case R_SECOND: next = R_AFTER; break;
	case R_MATCH: next = R_AFTER; break;
	case R_AFTER: {
		Tok after = peek(d->src);
		if (is_punct(t, '('))
			next = R_COLS;
		else if (is_word(t, "ON"))
			next = R_ON;
		else if (is_word(t, "MATCH"))
			next = R_MATCH;
		else if (is_word(t, "DEFERRABLE") ||
		         (is_word(t, "NOT") && is_word(&after, "DEFERRABLE")))
			next = R_NONE; /* the author chose */
		else
			insert_at(d->out, d->ref_end, " DEFERRABLE");
		d->ref = next;
		return;
	}
	}
	d->ref = next;
	d->ref_end = d->out->len + t->n; /* after t, which is emitted next */
}

/* The replacement of a column's type t, or NULL to keep it. */
static const char *column_type(const Dialect *d, const Tok *t)
{
	if (is_word(t, "INTEGER")) {
		const char *p = d->src;
		Tok a = peek(p);
		if (is_word(&a, "PRIMARY")) {
			p = a.p + a.n;
			Tok b = peek(p);
			if (is_word(&b, "KEY"))
				return "BIGINT GENERATED BY DEFAULT AS IDENTITY";
		}
		return "BIGINT";
	}
	if (is_word(t, "INT"))
		return "BIGINT";
	if (is_word(t, "TEXT"))
		return "TEXT COLLATE \"C\"";
	return NULL;
}

/* Notes what statement this is from its first words. */
static void classify(Dialect *d, const Tok *t)
{
	if (d->words == 0) {
		d->table = d->alter = false;
		if (is_word(t, "INSERT"))
			d->info->inserts = true;
		d->alter = is_word(t, "ALTER");
	} else if (d->words <= 2 && is_word(t, "TABLE") && d->depth == 0) {
		d->table = true; /* CREATE [TEMP] TABLE, ALTER TABLE */
	}
	d->words++;
}

/* Tracks where column definitions are, and returns t's replacement. */
static const char *ddl_token(Dialect *d, const Tok *t)
{
	const char *repl = NULL;
	if (is_word(t, "REFERENCES")) {
		d->ref = R_TABLE;
		return NULL;
	}
	if (!d->table)
		return NULL;
	if (d->column == 2 && t->kind == T_WORD) {
		repl = column_type(d, t);
		d->column = 0;
	} else if (d->column == 1 && (t->kind == T_WORD || t->kind == T_QUOTED)) {
		if (d->alter && is_word(t, "COLUMN"))
			return NULL;
		d->column = is_table_constraint(t) ? 0 : 2;
	} else if (d->alter && d->depth == 0 && is_word(t, "ADD")) {
		d->column = 1;
	} else if (!d->alter && d->depth == 1 && (is_punct(t, '(') || is_punct(t, ','))) {
		d->column = 1;
	}
	return repl;
}

int pg_dialect(const char *sql, bool ddl, Buf *out, PgSql *info, Err *e)
{
	*info = (PgSql){0};
	Dialect d = {.out = out, .ddl = ddl, .info = info};
	const char *p = sql;
	for (;;) {
		Tok t;
		int rc = next_tok(&p, &t, e);
		if (rc)
			return rc;
		d.src = p;
		if (ddl)
			follow_reference(&d, &t);
		if (t.kind == T_END)
			break;
		const char *repl = NULL;
		if (is_punct(&t, ';') && d.depth == 0) {
			d.words = 0;
			d.table = d.alter = false;
			d.column = 0;
		} else if (t.kind == T_WORD) {
			classify(&d, &t);
		}
		if (is_punct(&t, '('))
			d.depth++;
		if (ddl && t.kind != T_SPACE)
			repl = ddl_token(&d, &t);
		if (is_punct(&t, ')') && d.depth > 0)
			d.depth--;
		if (t.kind == T_PARAM)
			buf_printf(out, "$%d", ++info->nparams);
		else if (repl)
			buf_puts(out, repl);
		else
			buf_append(out, t.p, t.n);
	}
	if (buf_err(out))
		return err_set(e, KC_ETOOBIG, "SQL text too long to translate");
	return 0;
}
