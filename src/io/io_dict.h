/* io_dict.h — the importer's vocabulary, read from data/import (built into
 * the binary): the columns of each kind of table with the headers people
 * write for them, and the words people write for the values of closed sets.
 *
 * Everything is compared in one normal form, io_norm: folded (no diacritics,
 * đ as d, lower case) with every ASCII character other than a letter or a
 * digit made a space, and spaces collapsed. "Tỉnh/Thành phố" and "tinh thanh
 * pho" are then the same, as are "Mã số thuế:" and "MA SO THUE". Adding a
 * synonym is an edit to a CSV file, not to the code. */
#ifndef KC_IO_DICT_H
#define KC_IO_DICT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/err.h"

/* Appends the normal form of s[0..len) to out. */
int io_norm(const char *s, size_t len, Buf *out, Err *e);

/* One column of a kind of table (a row of data/import/columns.csv). */
typedef struct IoColumn {
	const char *table, *field;
	const char *type; /* "text", "count", "money", "choice:legal_form", ... */
	bool required;
	const char *label; /* the template's header */
	const char *help;  /* the template's description */
	const char **syn;  /* the headers it is recognised by, normal form */
	int nsyn;
} IoColumn;

typedef struct IoDict IoDict;

/* Loads the built-in vocabulary; KC_EIO if the data is malformed. */
int io_dict_load(IoDict **out, Err *e);
void io_dict_free(IoDict *d);

/* The columns of table, in the order of the file; *n receives how many
 * (0 for an unknown table). */
const IoColumn *io_dict_columns(const IoDict *d, const char *table, int *n);
/* The column of table whose synonyms include the normal-form header norm,
 * or NULL. */
const IoColumn *io_dict_match(const IoDict *d, const char *table, const char *norm);

/* The value of set that the normal-form text norm is a word for, or NULL.
 * The value itself ("sme") is a word for it too. */
const char *io_dict_choice(const IoDict *d, const char *set, const char *norm);
/* Appends the first word of each value of set, comma-separated, for a
 * message ("Doanh nghiệp, Hợp tác xã, ..."). */
void io_dict_choice_list(const IoDict *d, const char *set, Buf *out);
/* The first word of each value of set, as written ("Doanh nghiệp"), into
 * out[0..max); returns how many there are. */
int io_dict_choice_words(const IoDict *d, const char *set, const char **out, int max);
/* Whether norm is, word for word, one of set's words followed by a space
 * and more text; *rest receives what follows (used to read "Tỉnh Sóc
 * Trăng" and a legal form at the start of a name). */
const char *io_dict_prefix(const IoDict *d, const char *set, const char *norm, const char **rest);

/* Splits a header into its name in normal form and the money unit it names
 * (10^6 for "Doanh thu (triệu đồng)", 0 when none): parenthesised notes are
 * dropped, a unit at the end is taken off. *bare receives the name without
 * the unit taken off the end (both in out, bare after name's NUL). */
int io_dict_header(const IoDict *d, const char *text, Buf *out, const char **name,
        const char **bare, int64_t *unit, Err *e);
/* The money unit a cell such as "Đơn vị tính: triệu đồng" sets, or 0. */
int64_t io_dict_unit_line(const IoDict *d, const char *text);

#endif
