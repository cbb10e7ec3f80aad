/* web_units.h — the province and commune picker the forms of records share
 * (đề án, establishments): plain selects that work without JavaScript,
 * a search ignoring diacritics with it. */
#ifndef KC_WEB_UNITS_H
#define KC_WEB_UNITS_H

#include "http/http_router.h"

/* The fields province_code and commune_code, each "list:code": the
 * provinces of both lists (label names the first), the communes of the
 * chosen province today and before 01/7/2025, with the one given selected;
 * the store's message shows next to the field it names. */
void web_unit_picker(Ctx *c, const char *label, const char *province_list,
        const char *province_code, const char *commune_list, const char *commune_code);

/* The picker's fields of a form post, split into list and code (NULL when
 * empty). A commune of the other list than the province's, in the same
 * province today, brings the province into the commune's list: a record
 * keeps its province and commune in one list. */
void web_unit_read(Ctx *c, const char **province_list, const char **province_code,
        const char **commune_list, const char **commune_code);

#endif
