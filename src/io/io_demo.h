/* io_demo.h — the demonstration data set, built from the five source
 * articles (../shared/seeds/, DOMAIN.md §7).
 *
 * It holds Sóc Trăng 2012–2023 and its programme 2016–2020 (seed000,
 * seed004; legacy province 94, in Cần Thơ today), the southern region's
 * first half of 2016 as reported figures (seed001), Thanh Hóa 2017 to
 * mid-2018 (seed002; legacy 38) and Lào Cai 2021–2023 with its phase
 * targets (seed003; legacy 10, in Lào Cai 15 today). Where an article gives
 * only a total, the records are invented — real communes, plausible names,
 * amounts and dates — and add up exactly to it; docs/demo.md says what is
 * where. The same binary always writes the same data.
 *
 * Not here: the schema and reference data (khuyencong init must have run),
 * reports over the data. */
#ifndef KC_IO_DEMO_H
#define KC_IO_DEMO_H

#include "store/db.h"
#include "store/store.h"

/* Loads the demonstration data into db, all or nothing, in one transaction,
 * every record through the store (validated and audited as a's). Refuses
 * with KC_ECONFLICT a database that already holds đề án or establishments —
 * the demonstration data or anyone's — so it never mixes with real records
 * and is never loaded twice. */
int demo_load(Db *db, const Actor *a, Err *e);

#endif
