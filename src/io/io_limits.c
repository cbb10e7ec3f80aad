/* io_limits.c — see io_limits.h. */
#include "io/io_limits.h"

IoLimits io_limits_default(void)
{
	return (IoLimits){
	        .file_bytes = 128 << 20,
	        .rows = 1048576,
	        .columns = 256,
	        .cell_bytes = 65536,
	        .sheets = 64,
	        .zip_entries = 10000,
	        .entry_bytes = (int64_t)1 << 30,
	        .total_bytes = (int64_t)2 << 30,
	        .strings_bytes = 256 << 20,
	        .xml_depth = 64,
	        .merged_ranges = 100000,
	        .header_rows = 30,
	        .problems = 1000,
	};
}
