/* err.c — see err.h. */
#include "err.h"

#include <stdio.h>
#include <string.h>

int err_vset(Err *e, int code, const char *fmt, va_list ap)
{
	if (!e)
		return code;
	e->code = code;
	e->field[0] = '\0';
	e->detail[0] = '\0';
	int n = vsnprintf(e->msg, sizeof e->msg, fmt, ap);
	if (n >= (int)sizeof e->msg) {
		/* Drop a UTF-8 sequence that the truncation cut in two. */
		size_t len = sizeof e->msg - 1, i = len;
		while (i > 0 && ((unsigned char)e->msg[i - 1] & 0xC0) == 0x80)
			i--;
		if (i > 0) {
			unsigned char lead = (unsigned char)e->msg[i - 1];
			size_t want = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
			if (i - 1 + want > len)
				e->msg[i - 1] = '\0';
		}
	}
	return code;
}

int err_set(Err *e, int code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	err_vset(e, code, fmt, ap);
	va_end(ap);
	return code;
}

int err_field(Err *e, const char *field, int code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	err_vset(e, code, fmt, ap);
	va_end(ap);
	if (e)
		snprintf(e->field, sizeof e->field, "%s", field);
	return code;
}

int err_set_detail(Err *e, int code, const char *message, const char *fmt, ...)
{
	err_set(e, code, "%s", message);
	if (e) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(e->detail, sizeof e->detail, fmt, ap);
		va_end(ap);
	}
	return code;
}

void err_clear(Err *e)
{
	if (!e)
		return;
	e->code = KC_OK;
	e->field[0] = '\0';
	e->msg[0] = '\0';
	e->detail[0] = '\0';
}

const char *err_name(int code)
{
	switch (code) {
	case KC_OK: return "ok";
	case KC_EINVAL: return "invalid input";
	case KC_ERANGE: return "out of range";
	case KC_ETOOBIG: return "too big";
	case KC_ENOTFOUND: return "not found";
	case KC_ECONFLICT: return "conflict";
	case KC_EDENIED: return "denied";
	case KC_EIO: return "input/output error";
	case KC_ENOTIMPL: return "not built yet";
	case KC_EWARN: return "needs confirmation";
	}
	return "unknown error";
}
