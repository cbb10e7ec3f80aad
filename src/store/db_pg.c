/* db_pg.c — db.h on PostgreSQL through libpq (db_driver.h).
 *
 * SQL is translated once per statement (db_pg_dialect.c) and prepared on the
 * server under a name of this connection; the cache keyed by the original
 * text keeps the prepared statements for the connection's life. Values go as
 * text parameters whose types the server infers from the statement; results
 * come back whole, as text, and db_step walks their rows, so a caller may run
 * other statements while it reads (the store nests queries).
 *
 * Sessions run with plan_cache_mode = force_custom_plan: with a generic plan,
 * chosen after a statement's fifth run, PostgreSQL 15 planned the big
 * aggregations almost twice as slow as with the values in hand, and our
 * statements are cheap to plan.
 *
 * Writers take turns, as on SQLite: the outermost transaction begins with a
 * transaction-scoped advisory lock (pg_begin), so the store's check-then-
 * write rules (amounts within approved, caps, content-addressed documents)
 * hold with many connections, and transactions at READ COMMITTED never fail
 * to serialize. Reads outside transactions do not wait. Should a deadlock or
 * serialization failure still happen (another program writing), a statement
 * outside a transaction is run again (it is atomic on its own); inside one it
 * is reported as KC_ECONFLICT for the caller to run the whole change again.
 *
 * A lost connection (a restarted server) fails the statement with KC_EIO;
 * the next statement outside a transaction reconnects and prepares again. */
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store/db_driver.h"
#include "store/db_pg_dialect.h"

enum {
	PG_CACHE_MAX = 256,
	PG_RETRIES = 4,       /* extra runs of a statement after a serialization failure */
	PG_SQL_MAX = 1 << 22, /* translated SQL text */
};

/* Type OIDs of the results we read as integers (pg_type.dat). */
enum { OID_BOOL = 16, OID_INT8 = 20, OID_INT2 = 21, OID_INT4 = 23, OID_NUMERIC = 1700 };

typedef struct PgStmt {
	Stmt base;
	char *sql;     /* the original text: the cache key; NULL if uncached */
	char *pg_sql;  /* translated */
	char name[24]; /* the server-side prepared statement */
	unsigned gen;  /* the connection it was prepared on (PgDb.gen) */
	int nparams;
	char **vals;          /* nparams values as text, NULL for SQL NULL */
	const char *bind_err; /* the first failed bind since the last reset */
	PGresult *res;        /* the rows of the current run */
	PGresult *desc;       /* the columns, asked for before a run; NULL until then */
	int row, nrows;       /* the current row, -1 before the first */
	bool ran, in_use;
} PgStmt;

typedef struct PgDb {
	Db base;
	PGconn *conn;
	unsigned gen; /* bumped on every (re)connection */
	unsigned next_name;
	size_t ncache;
	PgStmt *cache[PG_CACHE_MAX];
} PgDb;

static PgDb *pgdb(Db *db)
{
	return (PgDb *)db;
}

static PgStmt *pgst(Stmt *st)
{
	return (PgStmt *)st;
}

/* SQLSTATE classes and codes khuyencong tells apart. */
static bool sqlstate_is(const char *state, const char *prefix)
{
	return state && !strncmp(state, prefix, strlen(prefix));
}

static bool retryable(const char *state)
{
	return sqlstate_is(state, "40001") || sqlstate_is(state, "40P01");
}

/* The error a failed result means: the store's code and a message in e. */
static int pg_error(PgDb *db, const PGresult *res, const char *what, Err *e)
{
	const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	const char *msg = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
	const char *detail = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_DETAIL) : NULL;
	if (!msg) {
		msg = PQerrorMessage(db->conn);
		state = NULL;
	}
	if (PQstatus(db->conn) != CONNECTION_OK)
		return err_set(e, KC_EIO, "%s: connection to the database lost: %.*s", what,
		        (int)strcspn(msg, "\n"), msg);
	if (retryable(state))
		return err_set_detail(e, KC_ECONFLICT,
		        "Dữ liệu đang được người khác cập nhật cùng lúc; xin thực hiện lại thao tác",
		        "%s: %s: %.*s", what, state, (int)strcspn(msg, "\n"), msg);
	int code = sqlstate_is(state, "23")   ? KC_ECONFLICT
	           : sqlstate_is(state, "22") ? KC_EINVAL
	                                      : KC_EIO;
	char text[sizeof e->msg];
	snprintf(text, sizeof text, "%s: %.*s%s%.*s (SQLSTATE %s)", what, (int)strcspn(msg, "\n"),
	        msg, detail ? ": " : "", detail ? (int)strcspn(detail, "\n") : 0,
	        detail ? detail : "", state ? state : "none");
	if (code == KC_EIO)
		return err_set(e, code, "%s", text);
	/* Keys and values of a constraint are the operator's to read, not the user's. */
	return err_set_detail(
	        e, code, code == KC_ECONFLICT ? db_conflict_message : db_value_message, "%s", text);
}

static void quiet(void *arg, const char *message)
{
	(void)arg, (void)message; /* NOTICEs ("already exists, skipping") are not errors */
}

/* The URL without its password (user:PASSWORD@ or ?password=...), for
 * messages; cut to fit out. */
static void redact(const char *url, char *out, size_t cap)
{
	Buf b;
	buf_init(&b, 4096);
	const char *p = url, *scheme = strstr(url, "://");
	const char *at = scheme ? strchr(scheme + 3, '@') : NULL;
	const char *colon = scheme ? strchr(scheme + 3, ':') : NULL;
	if (at && colon && colon < at) {
		buf_append(&b, url, (size_t)(colon - url));
		buf_puts(&b, ":***");
		p = at;
	}
	const char *pw = strstr(p, "password=");
	if (pw) {
		buf_append(&b, p, (size_t)(pw + 9 - p));
		buf_puts(&b, "***");
		p = pw + 9 + strcspn(pw + 9, "&");
	}
	buf_puts(&b, p);
	snprintf(
	        out, cap, "%s", buf_err(&b) ? "(a PostgreSQL URL too long to show)" : buf_cstr(&b));
	buf_free(&b);
}

/* What every session needs, after connecting and reconnecting. */
static int pg_session(PgDb *db, Err *e)
{
	const char *enc = PQparameterStatus(db->conn, "server_encoding");
	if (!enc || strcmp(enc, "UTF8"))
		return err_set(e, KC_EINVAL,
		        "database encoding is '%s', not UTF8 (create it WITH ENCODING 'UTF8')",
		        enc ? enc : "unknown");
	if (PQsetClientEncoding(db->conn, "UTF8"))
		return err_set(e, KC_EIO, "cannot use UTF8: %s", PQerrorMessage(db->conn));
	PQsetNoticeProcessor(db->conn, quiet, NULL);
	PGresult *r = PQexec(db->conn, "SET plan_cache_mode = force_custom_plan;"
	                               " SET lock_timeout = '60s'; SET DateStyle = 'ISO'");
	int rc = PQresultStatus(r) == PGRES_COMMAND_OK ? 0 : pg_error(db, r, "cannot set up", e);
	PQclear(r);
	db->gen++;
	return rc;
}

static void pg_free_stmt(PgStmt *st)
{
	PQclear(st->res);
	PQclear(st->desc);
	for (int k = 0; k < st->nparams; k++)
		free(st->vals[k]);
	free(st->vals);
	free(st->sql);
	free(st->pg_sql);
	free(st);
}

static void pg_close(Db *d)
{
	PgDb *db = pgdb(d);
	for (size_t i = 0; i < db->ncache; i++)
		pg_free_stmt(db->cache[i]);
	PQfinish(db->conn);
	free(db);
}

static int pg_open(Db **out, const char *url, Err *e)
{
	PgDb *db = calloc(1, sizeof *db);
	if (!db)
		abort();
	db->base.drv = &db_pg_driver;
	db->conn = PQconnectdb(url);
	char shown[256];
	redact(url, shown, sizeof shown);
	if (PQstatus(db->conn) != CONNECTION_OK) {
		const char *m = PQerrorMessage(db->conn);
		err_set(e, KC_EIO, "cannot connect to '%s': %.*s", shown, (int)strcspn(m, "\n"), m);
		pg_close(&db->base);
		return KC_EIO;
	}
	Err le;
	int rc = pg_session(db, &le);
	if (rc) {
		err_set(e, rc, "cannot open '%s': %s", shown, le.msg);
		pg_close(&db->base);
		return rc;
	}
	*out = &db->base;
	return 0;
}

/* Reconnects a lost connection, outside a transaction only: inside one, what
 * the transaction did is gone, and its owner must hear of it. */
static int pg_ready(PgDb *db, Err *e)
{
	if (PQstatus(db->conn) == CONNECTION_OK)
		return 0;
	if (db->base.depth > 0)
		return err_set(e, KC_EIO, "connection to the database lost inside a transaction");
	PQreset(db->conn);
	if (PQstatus(db->conn) != CONNECTION_OK) {
		const char *m = PQerrorMessage(db->conn);
		return err_set(e, KC_EIO, "cannot reconnect to the database: %.*s",
		        (int)strcspn(m, "\n"), m);
	}
	return pg_session(db, e);
}

/* Runs sql as it is (several statements, no parameters). */
static int pg_exec_raw(PgDb *db, const char *sql, Err *e)
{
	int rc = pg_ready(db, e);
	if (rc)
		return rc;
	PGresult *r = PQexec(db->conn, sql);
	ExecStatusType s = PQresultStatus(r);
	if (s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK || s == PGRES_EMPTY_QUERY) {
		/* COMMIT of a transaction an error aborted answers ROLLBACK. */
		if (!strcmp(sql, "COMMIT") && !strcmp(PQcmdStatus(r), "ROLLBACK"))
			rc = err_set(e, KC_ECONFLICT, "transaction aborted by an earlier error");
	} else {
		rc = pg_error(db, r, "statement failed", e);
	}
	PQclear(r);
	return rc;
}

/* Every identity column of the schema continues after its largest value. */
static const char sync_ids_sql[] =
        "DO $kc$ DECLARE r record; BEGIN"
        " FOR r IN SELECT a.attrelid::regclass AS tbl, a.attname AS col,"
        "  pg_get_serial_sequence(a.attrelid::regclass::text, a.attname) AS seq"
        "  FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid"
        "  WHERE a.attidentity <> '' AND NOT a.attisdropped AND c.relkind = 'r'"
        "  AND c.relnamespace = current_schema()::regnamespace LOOP"
        " EXECUTE format('SELECT setval(%L, COALESCE((SELECT MAX(%I) FROM %s), 0) + 1, false)',"
        "  r.seq, r.col, r.tbl);"
        " END LOOP; END $kc$";

static int pg_sync_ids(Db *d, Err *e)
{
	return pg_exec_raw(pgdb(d), sync_ids_sql, e);
}

static int pg_exec(Db *d, const char *sql, Err *e)
{
	PgDb *db = pgdb(d);
	Buf t;
	PgSql info;
	buf_init(&t, PG_SQL_MAX);
	int rc = pg_dialect(sql, true, &t, &info, e);
	if (rc == 0)
		rc = pg_exec_raw(db, buf_cstr(&t), e);
	if (rc == 0 && info.inserts)
		rc = pg_sync_ids(d, e);
	buf_free(&t);
	return rc;
}

static int pg_begin(Db *d, Err *e)
{
	PgDb *db = pgdb(d);
	/* One round trip; 47231 is the key of the writers' turn in every
	 * khuyencong database. A lock that times out leaves the transaction
	 * open and aborted. */
	int rc = pg_exec_raw(db, "BEGIN; SELECT pg_advisory_xact_lock(47231)", e);
	if (rc && PQtransactionStatus(db->conn) != PQTRANS_IDLE)
		pg_exec_raw(db, "ROLLBACK", NULL);
	return rc;
}

/* Prepares st's translated text on the server under st's name. */
static int pg_prepare_on_server(PgDb *db, PgStmt *st, Err *e)
{
	PGresult *r = PQprepare(db->conn, st->name, st->pg_sql, 0, NULL);
	int rc = PQresultStatus(r) == PGRES_COMMAND_OK
	                 ? 0
	                 : pg_error(db, r, "cannot prepare statement", e);
	PQclear(r);
	if (rc == 0)
		st->gen = db->gen;
	return rc;
}

static int pg_prepare(Db *d, const char *sql, Stmt **out, Err *e)
{
	PgDb *db = pgdb(d);
	int rc = pg_ready(db, e);
	if (rc)
		return rc;
	for (size_t i = 0; i < db->ncache; i++) {
		PgStmt *st = db->cache[i];
		if (!st->in_use && !strcmp(st->sql, sql)) {
			st->in_use = true;
			*out = &st->base;
			return 0;
		}
	}
	Buf t;
	PgSql info;
	buf_init(&t, PG_SQL_MAX);
	if ((rc = pg_dialect(sql, false, &t, &info, e))) {
		buf_free(&t);
		return rc;
	}
	PgStmt *st = calloc(1, sizeof *st);
	if (!st)
		abort();
	st->base = (Stmt){&db_pg_driver, d};
	st->pg_sql = buf_detach(&t);
	st->nparams = info.nparams;
	st->vals = calloc((size_t)info.nparams + 1, sizeof *st->vals);
	if (!st->pg_sql || !st->vals)
		abort();
	snprintf(st->name, sizeof st->name, "kc%u", db->next_name++);
	if ((rc = pg_prepare_on_server(db, st, e))) {
		pg_free_stmt(st);
		return rc;
	}
	st->in_use = true;
	st->row = -1;
	if (db->ncache < PG_CACHE_MAX) {
		if (!(st->sql = strdup(sql)))
			abort();
		db->cache[db->ncache++] = st;
	} /* else uncached: done deallocates it */
	*out = &st->base;
	return 0;
}

static void pg_reset(Stmt *s)
{
	PgStmt *st = pgst(s);
	PQclear(st->res);
	st->res = NULL;
	for (int k = 0; k < st->nparams; k++) {
		free(st->vals[k]);
		st->vals[k] = NULL;
	}
	st->bind_err = NULL;
	st->ran = false;
	st->row = -1;
	st->nrows = 0;
}

static void pg_done(Stmt *s)
{
	PgStmt *st = pgst(s);
	pg_reset(s);
	if (st->sql) {
		st->in_use = false;
		return;
	}
	PgDb *db = pgdb(s->db);
	if (PQstatus(db->conn) == CONNECTION_OK && st->gen == db->gen) {
		char sql[48]; /* our own statement name, never data */
		snprintf(sql, sizeof sql, "DEALLOCATE %s", st->name);
		PQclear(PQexec(db->conn, sql));
	}
	pg_free_stmt(st);
}

/* Keeps value (malloc'ed, or NULL for SQL NULL) as parameter i. */
static void pg_bind(Stmt *s, int i, char *value)
{
	PgStmt *st = pgst(s);
	if (i < 1 || i > st->nparams) {
		free(value);
		if (!st->bind_err)
			st->bind_err = "column index out of range";
		return;
	}
	free(st->vals[i - 1]);
	st->vals[i - 1] = value;
}

static void pg_bind_int64(Stmt *st, int i, int64_t v)
{
	char *s = malloc(24);
	if (!s)
		abort();
	snprintf(s, 24, "%lld", (long long)v);
	pg_bind(st, i, s);
}

static void pg_bind_text(Stmt *s, int i, const char *text, size_t len)
{
	if (memchr(text, '\0', len)) {
		PgStmt *st = pgst(s);
		if (!st->bind_err)
			st->bind_err = "text holds a NUL byte";
		return;
	}
	char *v = malloc(len + 1);
	if (!v)
		abort();
	memcpy(v, text, len);
	v[len] = '\0';
	pg_bind(s, i, v);
}

static void pg_bind_null(Stmt *st, int i)
{
	pg_bind(st, i, NULL);
}

static void pause_before_retry(int attempt)
{
	struct timespec ts = {0, (long)(5 + 10 * attempt * attempt) * 1000000L};
	nanosleep(&ts, NULL);
}

/* Runs st with its bound values; its rows land in st->res. */
static int pg_run(PgDb *db, PgStmt *st, Err *e)
{
	for (int attempt = 0;; attempt++) {
		int rc = pg_ready(db, e);
		if (rc == 0 && st->gen != db->gen)
			rc = pg_prepare_on_server(db, st, e); /* a new connection */
		if (rc)
			return rc;
		/* Outside a transaction (ours or one begun by SQL text) the
		 * statement is atomic on its own, so running it again is safe. */
		bool alone = PQtransactionStatus(db->conn) == PQTRANS_IDLE;
		PGresult *r = PQexecPrepared(db->conn, st->name, st->nparams,
		        (const char *const *)st->vals, NULL, NULL, 0);
		ExecStatusType s = PQresultStatus(r);
		if (s == PGRES_TUPLES_OK || s == PGRES_COMMAND_OK) {
			st->res = r;
			st->nrows = PQntuples(r);
			return 0;
		}
		const char *state = PQresultErrorField(r, PG_DIAG_SQLSTATE);
		if (retryable(state) && alone && attempt < PG_RETRIES) {
			PQclear(r);
			pause_before_retry(attempt);
			continue;
		}
		rc = pg_error(db, r, "statement failed", e);
		PQclear(r);
		return rc;
	}
}

static int pg_step(Stmt *s, Err *e)
{
	PgStmt *st = pgst(s);
	if (st->bind_err)
		return err_set(e, KC_EINVAL, "cannot bind a parameter: %s", st->bind_err);
	if (!st->ran) {
		int rc = pg_run(pgdb(s->db), st, e);
		if (rc)
			return rc;
		st->ran = true;
	}
	if (st->row + 1 < st->nrows) {
		st->row++;
		return DB_ROW;
	}
	return DB_DONE;
}

/* The result that describes st's columns: its rows, or before a run the
 * server's description of the prepared statement (NULL if unavailable). */
static const PGresult *shape(PgStmt *st)
{
	if (st->res)
		return st->res;
	PgDb *db = pgdb(st->base.db);
	if (!st->desc && st->gen == db->gen) {
		PGresult *r = PQdescribePrepared(db->conn, st->name);
		if (PQresultStatus(r) == PGRES_COMMAND_OK)
			st->desc = r;
		else
			PQclear(r);
	}
	return st->desc;
}

static int pg_col_count(Stmt *s)
{
	const PGresult *r = shape(pgst(s));
	return r ? PQnfields(r) : 0;
}

static const char *pg_col_name(Stmt *s, int i)
{
	const PGresult *r = shape(pgst(s));
	return r ? PQfname(r, i) : NULL;
}

static bool in_row(PgStmt *st, int i)
{
	return st->res && st->row >= 0 && st->row < st->nrows && i >= 0 && i < PQnfields(st->res);
}

/* Whether a numeric value is an integer (a SUM of BIGINT is numeric). */
static bool integral(const char *v)
{
	v += *v == '-';
	return *v && strspn(v, "0123456789") == strlen(v);
}

static int pg_col_type(Stmt *s, int i)
{
	PgStmt *st = pgst(s);
	if (!in_row(st, i) || PQgetisnull(st->res, st->row, i))
		return DB_NULL;
	switch (PQftype(st->res, i)) {
	case OID_INT2:
	case OID_INT4:
	case OID_INT8:
	case OID_BOOL: return DB_INTEGER;
	case OID_NUMERIC: return integral(PQgetvalue(st->res, st->row, i)) ? DB_INTEGER : DB_TEXT;
	default: return DB_TEXT;
	}
}

static int64_t pg_col_int64(Stmt *s, int i)
{
	PgStmt *st = pgst(s);
	if (!in_row(st, i) || PQgetisnull(st->res, st->row, i))
		return 0;
	const char *v = PQgetvalue(st->res, st->row, i);
	if (PQftype(st->res, i) == OID_BOOL)
		return v[0] == 't';
	return strtoll(v, NULL, 10);
}

static const char *pg_col_text(Stmt *s, int i)
{
	PgStmt *st = pgst(s);
	if (!in_row(st, i))
		return "";
	const char *v = PQgetvalue(st->res, st->row, i);
	if (PQftype(st->res, i) == OID_BOOL && !PQgetisnull(st->res, st->row, i))
		return v[0] == 't' ? "1" : "0";
	return v;
}

const DbDriver db_pg_driver = {
        .name = "postgresql",
        .open = pg_open,
        .close = pg_close,
        .exec = pg_exec,
        .begin = pg_begin,
        .tables_sql = "SELECT c.relname FROM pg_class c WHERE c.relkind = 'r'"
                      " AND c.relnamespace = CAST(current_schema() AS regnamespace) ORDER BY c.oid",
        .key_sql = "SELECT a.attname, a.atttypid IN (20, 21, 23) FROM pg_index i"
                   " JOIN pg_attribute a ON a.attrelid = i.indrelid"
                   " AND a.attnum = ANY (i.indkey) WHERE i.indisprimary"
                   " AND i.indrelid = CAST(CAST(? AS TEXT) AS regclass)"
                   " ORDER BY array_position(CAST(i.indkey AS int2[]), a.attnum)",
        .fkeys_sql = "SELECT CAST(c.oid AS BIGINT), a.attname, p.relname, pa.attname"
                     " FROM pg_constraint c CROSS JOIN LATERAL unnest(c.conkey, c.confkey)"
                     " WITH ORDINALITY AS k(col, ref, n)"
                     " JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.col"
                     " JOIN pg_class p ON p.oid = c.confrelid"
                     " JOIN pg_attribute pa ON pa.attrelid = c.confrelid AND pa.attnum = k.ref"
                     " WHERE c.contype = 'f' AND c.conrelid = CAST(CAST(? AS TEXT) AS regclass)"
                     " ORDER BY c.oid, k.n",
        .uniques_sql =
                "SELECT ci.relname, a.attname FROM pg_index i"
                " JOIN pg_class ci ON ci.oid = i.indexrelid"
                " CROSS JOIN LATERAL unnest(CAST(i.indkey AS int2[])) WITH ORDINALITY"
                " AS k(col, n) LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid"
                " AND a.attnum = k.col WHERE i.indisunique AND NOT i.indisprimary"
                " AND i.indrelid = CAST(CAST(? AS TEXT) AS regclass) ORDER BY ci.relname, k.n",
        .sync_ids = pg_sync_ids,
        .prepare = pg_prepare,
        .done = pg_done,
        .reset = pg_reset,
        .bind_int64 = pg_bind_int64,
        .bind_text = pg_bind_text,
        .bind_null = pg_bind_null,
        .step = pg_step,
        .col_count = pg_col_count,
        .col_name = pg_col_name,
        .col_type = pg_col_type,
        .col_int64 = pg_col_int64,
        .col_text = pg_col_text,
};
