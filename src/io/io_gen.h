/* io_gen.h — synthetic data at the size of the whole country (issue 9), for
 * benchmarks and for trying the program at national scale.
 *
 * Twenty years (2006–2025) of every current province: đề án of every
 * ordinary kind with their cost lines, lifecycle and disbursements, recorded
 * in the legacy province they belonged to before 2025 and in the current
 * province in 2025; establishments spread over the real legacy communes with
 * Vietnamese names; certified typical products; training classes, fairs,
 * media and study tours of the đề án; reported figures of every province and
 * half-year. Names, places and the đề án's content come from the
 * demonstration kit (io_demo_kit.h); nothing is an article's figure.
 *
 * Deterministic: the same seed writes the same data (every choice is drawn
 * from splitmix64 seeded per province). Every record goes through the store:
 * establishments, products, activities and figures through their store
 * functions, đề án with their whole history through store_bulk_project;
 * records are committed in batches (GenOptions.batch) so a national load
 * neither holds one huge transaction nor pays a commit per record. */
#ifndef KC_IO_GEN_H
#define KC_IO_GEN_H

#include <stdint.h>

#include "store/store.h"

typedef enum GenScale {
	GEN_TINY,     /* one province, 3 years, a few hundred records: the tests */
	GEN_PROVINCE, /* one current province's share of the national data */
	GEN_NATIONAL, /* 34 provinces × 20 years: ≈ 136 000 đề án, 1 000 000 establishments */
} GenScale;

typedef struct GenCounts GenCounts;
/* Reports what is written so far, in the province-th of provinces current
 * provinces; called once per batch and once at the end. */
typedef void (*GenProgress)(void *ctx, const GenCounts *so_far, int province, int provinces);

typedef struct GenOptions {
	GenScale scale;
	uint64_t seed;
	const char *province; /* current province code for tiny and province scales;
	                          NULL: 92 (Cần Thơ, which took in Sóc Trăng and Hậu Giang) */
	int batch;            /* records per commit; 0: 20 000 */
	GenProgress progress; /* may be NULL */
	void *ctx;
} GenOptions;

/* What a load wrote. */
struct GenCounts {
	int64_t projects, establishments, products, certifications, activities, figures;
};

/* Parses "tiny", "province", "national"; -1 for anything else. */
int gen_scale_parse(const char *s);

/* Loads the synthetic data into db (migrated, reference data loaded) as a's
 * changes. Refuses with KC_ECONFLICT a database that already holds đề án or
 * establishments. A failure leaves the batches committed before it (the
 * database is then to be thrown away; the message names the record). */
int gen_load(Db *db, const Actor *a, const GenOptions *o, GenCounts *out, Err *e);

#endif
