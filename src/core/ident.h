/* ident.h — validators for Vietnamese identifiers: tax codes (mã số thuế),
 * administrative unit codes and phone numbers.
 *
 * What it is: syntax checks on (pointer, length) slices. A failure returns
 * KC_EINVAL with a Vietnamese message that quotes the value and says why,
 * e.g. "Mã số thuế '03012' không hợp lệ: cần 10 chữ số, hiện có 5". Every
 * validator ignores spaces around the value, no-break spaces included
 * (vn_space_len; ident_trim gives the slice to store); a space inside a value
 * is an error.
 *
 * What it is not: a registry lookup. A well-formed unit code may not exist
 * (look it up in the admin-unit table, keyed by code list and code, DOMAIN §6)
 * and a tax code is not checked against the tax authority.
 *
 * Tax codes: 10 digits ("0301234567"), or 10 digits, '-' and 3 digits for a
 * branch or dependent unit ("0301234567-001"). The check digit is
 * deliberately NOT verified: DOMAIN does not confirm the checksum rule, and
 * rejecting a real enterprise's code would be worse than accepting a typo.
 *
 * Phone numbers are normalised to the national form, digits only: mobile
 * 10 digits starting 03 05 07 08 09, landline 11 digits starting 02, and
 * service numbers 1800/1900 of 8 or 10 digits. Accepted decoration: the
 * separators '.', ' ', '-', '(' and ')', and a +84 or 84 country prefix
 * (also "+84 (0)24 ...", where the 0 is dropped). */
#ifndef KC_IDENT_H
#define KC_IDENT_H

#include <stddef.h>

#include "buf.h"
#include "err.h"

/* The level of an administrative unit code (DOMAIN §6): 2 digits for a
 * province, 3 for a district (legacy list only), 5 for a commune. */
typedef enum UnitLevel {
	UNIT_ANY = 0, /* infer the level from the length */
	UNIT_PROVINCE,
	UNIT_DISTRICT,
	UNIT_COMMUNE,
} UnitLevel;

/* Narrows *s, *len to leave out spaces at both ends: vn_trim, kept for the
 * callers that store the trimmed value. */
void ident_trim(const char **s, size_t *len);

/* Checks a tax code: 10 digits, optionally '-' and a 3-digit unit suffix. */
int ident_tax_code(const char *s, size_t len, Err *e);
/* Checks an administrative unit code of the given level (UNIT_ANY: any of
 * the three lengths). Leading zeros are significant and all-zero codes do
 * not exist ("01" is Hà Nội, "1" is an error). */
int ident_unit_code(const char *s, size_t len, UnitLevel level, Err *e);
/* Checks a phone number and appends its national form to normalised
 * ("0866.59.4498" → "0866594498"); nothing is appended on failure. */
int ident_phone(Buf *normalised, const char *s, size_t len, Err *e);

#endif
