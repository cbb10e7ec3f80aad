/* err.h — error codes and the error record every fallible function fills.
 *
 * Convention (STYLE.md §13): functions return 0 on success or a small KC_E*
 * code; when the caller passes an Err, it also receives a message. Messages
 * meant for users (bad input) are Vietnamese with full diacritics and say
 * which value was wrong and why; messages meant for developers and operators
 * are English, lowercase, no full stop, the subject quoted. */
#ifndef KC_ERR_H
#define KC_ERR_H

#include <stdarg.h>

enum {
	KC_OK = 0,
	KC_EINVAL,    /* malformed or ambiguous input */
	KC_ERANGE,    /* a value outside its allowed range, or arithmetic overflow */
	KC_ETOOBIG,   /* a size limit was reached */
	KC_ENOTFOUND, /* the thing asked for does not exist */
	KC_ECONFLICT, /* the change conflicts with what is stored */
	KC_EDENIED,   /* not allowed for this user or in this state */
	KC_EIO,       /* the operating system or a library failed */
	KC_ENOTIMPL,  /* not built yet */
	KC_EWARN,     /* allowed only with a reason: the caller must confirm (a cap exceeded) */
};

typedef struct Err {
	int code;
	char field[48]; /* the input field at fault ("tax_code"), or "" */
	char msg[512];
	/* A library's own words behind msg (a database driver's, naming tables,
	 * keys and values): for the operator's log, never shown to users; "". */
	char detail[256];
} Err;

/* Records code and a formatted message in e (if e is not NULL) and returns
 * code, so a failing function can end with `return err_set(e, KC_EINVAL, ...)`;
 * the detail of an earlier error is cleared.
 * The message is truncated at a UTF-8 character boundary if it is too long. */
int err_set(Err *e, int code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int err_vset(Err *e, int code, const char *fmt, va_list ap) __attribute__((format(printf, 3, 0)));
/* Like err_set, and names the input field at fault, for forms and API
 * answers that point at it. */
int err_field(Err *e, const char *field, int code, const char *fmt, ...)
        __attribute__((format(printf, 4, 5)));
/* Like err_set with a fixed message for users, and the formatted detail
 * (a library's own text) in e->detail for the operator's log. */
int err_set_detail(Err *e, int code, const char *message, const char *fmt, ...)
        __attribute__((format(printf, 4, 5)));
/* Clears e to KC_OK with an empty message; does nothing if e is NULL. */
void err_clear(Err *e);
/* A short English name for a code ("invalid input", "out of range", ...). */
const char *err_name(int code);

#endif
