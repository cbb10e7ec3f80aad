/* store_words.h — finding a name by the start of any of its words, with an
 * index, on both engines.
 *
 * A table with many names (establishments: a million at national scale)
 * keeps beside it a word table: for each word of a record's folded name
 * (name_key), the folded name from that word on, cut to STORE_WORD_MAX bytes.
 * A search typed without diacritics, "banh pia", folds to a prefix, and the
 * records whose name has a word starting with it are one index range of the
 * word table: word >= 'banh pia' AND word < 'banh pia' || U+10FFFF. That
 * holds on SQLite (BINARY) and on PostgreSQL (every text column is "C"),
 * where a LIKE 'banh pia%' would use no index on SQLite.
 *
 * A word starts at the start of the name, after a space, and where a letter
 * or digit follows another character: "HTX Đồng Tâm (Sóc Trăng)" folds to
 * "htx dong tam (soc trang)" and is found by "dong tam", "tam", "(soc" and
 * "soc trang", not by "ong tam" (the middle of a word). The caller still
 * checks name_key LIKE '%q%' on the range's rows, so a query longer than a
 * stored word is exact, and a word row left behind could never list a
 * record that does not match.
 *
 * The word table is the module's: (word TEXT, <record>_id BIGINT) with that
 * pair as its primary key; its SQL is the module's constant text. */
#ifndef KC_STORE_WORDS_H
#define KC_STORE_WORDS_H

#include <stdint.h>

#include "core/buf.h"
#include "store/db.h"

enum { STORE_WORD_MAX = 48, STORE_WORDS_MAX = 64 };

/* The words of name_key (a folded name): each is the name from a word's
 * start, cut to at most STORE_WORD_MAX bytes at a character boundary, each
 * text once; into start[] and len[] (at most STORE_WORDS_MAX; a longer name
 * is found by its first ones); returns how many. */
int store_words_of(const char *name_key, const char *start[], size_t len[]);

/* Adds the words of name_key for record id with insert_sql, the module's
 * "INSERT INTO t_word (word, t_id) VALUES (?, ?)", in one statement (its
 * values repeated for each word). */
int store_words_add(Db *db, const char *insert_sql, int64_t id, const char *name_key, Err *e);
/* Removes them with delete_sql, "DELETE FROM t_word WHERE word = ? AND t_id = ?". */
int store_words_remove(Db *db, const char *delete_sql, int64_t id, const char *name_key, Err *e);

/* The index range of the words that start like the search q: its folded
 * form, trimmed and cut like a stored word, into from, and from followed by
 * U+10FFFF into to. from is empty when q folds to nothing (search by LIKE
 * alone then). */
int store_words_range(const char *q, Buf *from, Buf *to, Err *e);

#endif
