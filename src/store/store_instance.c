/* store_instance.c — see store_instance.h. */
#include "store/store_instance.h"

#include <sodium.h>
#include <stdio.h>

#include "store/store.h"

/* A version 4 (random) UUID in its usual text form. */
static void new_uuid(char out[STORE_INSTANCE_LEN])
{
	unsigned char b[16];
	randombytes_buf(b, sizeof b);
	b[6] = (unsigned char)((b[6] & 0x0f) | 0x40);
	b[8] = (unsigned char)((b[8] & 0x3f) | 0x80);
	snprintf(out, STORE_INSTANCE_LEN,
	        "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0], b[1],
	        b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14],
	        b[15]);
}

static int read_id(Db *db, char out[STORE_INSTANCE_LEN], Err *e)
{
	Stmt *st;
	int rc = db_prepare(db, "SELECT id FROM db_instance ORDER BY id", &st, e);
	if (rc)
		return rc;
	if ((rc = db_step(st, e)) == DB_ROW) {
		snprintf(out, STORE_INSTANCE_LEN, "%s", db_col_text(st, 0));
		rc = 0;
	} else if (rc == DB_DONE) {
		rc = KC_ENOTFOUND;
	}
	db_done(st);
	return rc;
}

/* Replaces whatever identity db has by a new one, in one transaction. */
static int write_id(Db *db, char out[STORE_INSTANCE_LEN], Err *e)
{
	if (sodium_init() < 0)
		return err_set(e, KC_EIO, "cannot initialise libsodium");
	char now[STORE_TIME_LEN];
	store_now(NULL, now);
	new_uuid(out);
	Stmt *st;
	int rc = db_begin(db, e);
	if (rc)
		return rc;
	if ((rc = db_prepare(db, "DELETE FROM db_instance", &st, e)) == 0) {
		rc = db_run(st, e);
		db_done(st);
	}
	if (rc == 0 &&
	        (rc = db_prepare(db, "INSERT INTO db_instance (id, created_at) VALUES (?, ?)", &st,
	                 e)) == 0) {
		db_bind_str(st, 1, out);
		db_bind_str(st, 2, now);
		rc = db_run(st, e);
		db_done(st);
	}
	return store_finish(db, rc, e);
}

int store_instance_id(Db *db, char out[STORE_INSTANCE_LEN], Err *e)
{
	int rc = read_id(db, out, e);
	return rc == KC_ENOTFOUND ? write_id(db, out, e) : rc;
}

int store_instance_renew(Db *db, Err *e)
{
	char id[STORE_INSTANCE_LEN];
	return write_id(db, id, e);
}
