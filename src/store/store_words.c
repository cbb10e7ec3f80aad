/* store_words.c — see store_words.h. */
#include "store/store_words.h"

#include <stdbool.h>
#include <string.h>

#include "core/vntext.h"

/* Letters and digits, and every byte of a character beyond ASCII, so that a
 * word never starts inside a character. */
static bool alnum(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c >= 0x80;
}

/* The length of s cut to STORE_WORD_MAX bytes, not inside a character. */
static size_t cut(const char *s, size_t n)
{
	if (n <= STORE_WORD_MAX)
		return n;
	n = STORE_WORD_MAX;
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	return n;
}

int store_words_of(const char *name_key, const char *start[], size_t len[])
{
	const unsigned char *s = (const unsigned char *)name_key;
	size_t total = strlen(name_key);
	int n = 0;
	for (size_t i = 0; i < total && n < STORE_WORDS_MAX; i++) {
		if (s[i] == ' ')
			continue;
		if (i > 0 && s[i - 1] != ' ' && (alnum(s[i - 1]) || !alnum(s[i])))
			continue;
		start[n] = name_key + i;
		len[n] = cut(name_key + i, total - i);
		/* Cut, two words can read alike ("xx...x xx...x"): one row each. */
		bool again = false;
		for (int k = 0; k < n && !again; k++)
			again = len[k] == len[n] && !memcmp(start[k], start[n], len[n]);
		n += !again;
	}
	return n;
}

/* Runs sql for each word of name_key: the word, then id. */
static int each_word(Db *db, const char *sql, int64_t id, const char *name_key, Err *e)
{
	const char *start[STORE_WORDS_MAX];
	size_t len[STORE_WORDS_MAX];
	int n = store_words_of(name_key, start, len);
	Stmt *st;
	int rc = n ? db_prepare(db, sql, &st, e) : 0;
	for (int i = 0; rc == 0 && i < n; i++) {
		db_reset(st);
		db_bind_text(st, 1, start[i], len[i]);
		db_bind_int64(st, 2, id);
		rc = db_run(st, e);
	}
	if (n)
		db_done(st);
	return rc;
}

/* One statement for all the words rather than one a word: the values
 * "(?, ?)" of insert_sql again for each word after the first, constant
 * text (the statement cache keeps one per count of words). A name's half
 * dozen INSERTs were a sixth of an import's instructions. */
int store_words_add(Db *db, const char *insert_sql, int64_t id, const char *name_key, Err *e)
{
	const char *start[STORE_WORDS_MAX];
	size_t len[STORE_WORDS_MAX];
	int n = store_words_of(name_key, start, len);
	if (n == 0)
		return 0;
	Buf sql;
	buf_init(&sql, strlen(insert_sql) + STORE_WORDS_MAX * sizeof ", (?, ?)");
	buf_puts(&sql, insert_sql);
	for (int i = 1; i < n; i++)
		buf_puts(&sql, ", (?, ?)");
	Stmt *st;
	int rc = buf_err(&sql) ? err_set(e, KC_ETOOBIG, "word insert too long")
	                       : db_prepare(db, buf_cstr(&sql), &st, e);
	if (rc == 0) {
		for (int i = 0; i < n; i++) {
			db_bind_text(st, 2 * i + 1, start[i], len[i]);
			db_bind_int64(st, 2 * i + 2, id);
		}
		rc = db_run(st, e);
		db_done(st);
	}
	buf_free(&sql);
	return rc;
}

int store_words_remove(Db *db, const char *delete_sql, int64_t id, const char *name_key, Err *e)
{
	return each_word(db, delete_sql, id, name_key, e);
}

int store_words_range(const char *q, Buf *from, Buf *to, Err *e)
{
	Buf folded;
	buf_init(&folded, 4096);
	int rc = vn_fold(&folded, q, strlen(q), e);
	if (rc == 0 && folded.len) {
		size_t n = cut(folded.data, folded.len);
		buf_append(from, folded.data, n);
		buf_append(to, folded.data, n);
		buf_puts(to, "\xF4\x8F\xBF\xBF"); /* U+10FFFF: after every character */
		rc = buf_err(from) || buf_err(to) ? err_set(e, KC_ETOOBIG, "search too long") : 0;
	}
	buf_free(&folded);
	return rc;
}
