/* io_template.h — the template workbook of each kind of table: what an
 * office fills in to import, and the description of every column. */
#ifndef KC_IO_TEMPLATE_H
#define KC_IO_TEMPLATE_H

#include "core/err.h"

/* Writes the template of kind (a name of io_import_kinds) to an XLSX file
 * at path: on the first sheet the header row (required columns marked *,
 * closed sets as drop-down lists), on the second each column's meaning, how
 * to write it and the other headers it is recognised by. KC_EINVAL for an
 * unknown kind. */
int io_template_xlsx(const char *kind, const char *path, Err *e);

#endif
