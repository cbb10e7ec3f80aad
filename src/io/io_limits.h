/* io_limits.h — every hard limit of the importer, in one place.
 *
 * Files come from outside: a spreadsheet mailed by a district, an upload on
 * a slow link. Each reader stops at these limits with a Vietnamese message
 * naming the limit, before the work or the memory they bound is spent: a
 * zip bomb is refused from its directory, before anything is unpacked. The
 * defaults are documented in docs/import.md; tests pass smaller ones. */
#ifndef KC_IO_LIMITS_H
#define KC_IO_LIMITS_H

#include <stddef.h>
#include <stdint.h>

typedef struct IoLimits {
	int64_t file_bytes;    /* the largest file read: 128 MiB */
	int64_t rows;          /* rows of one sheet: 1 048 576, Excel's own limit */
	int columns;           /* cells of one row: 256 */
	size_t cell_bytes;     /* UTF-8 bytes of one cell: 65 536 (Excel: 32 767 characters) */
	int sheets;            /* sheets of a workbook: 64 */
	int zip_entries;       /* members of an XLSX archive: 10 000 */
	int64_t entry_bytes;   /* unpacked size of one member: 1 GiB */
	int64_t total_bytes;   /* unpacked size of all the members read: 2 GiB */
	int64_t strings_bytes; /* the shared-string table held in memory: 256 MiB */
	int xml_depth;         /* nesting of XML elements: 64 */
	int merged_ranges;     /* merged cell ranges of one sheet: 100 000 */
	int header_rows;       /* rows searched for the header row: 30 */
	int problems;          /* problems kept in detail in a report; the rest are counted */
} IoLimits;

/* The limits of a normal import. */
IoLimits io_limits_default(void);

#endif
