/* store_activity.h — the activities reports count, one record each: training
 * classes, trade fairs, media items, study tours and the fee-based consulting
 * service (tư vấn phát triển công nghiệp, dịch vụ có thu).
 *
 * Each record belongs to the province that organised or supported it, as
 * recorded at the time: (list, code) must be a province of a code list in
 * force in the record's year. A record may name the đề án that paid for it;
 * that đề án must lie in the same province today (a legacy Sóc Trăng đề án
 * and a Cần Thơ class are the same province since 01/7/2025). Consulting
 * services are per period and never overlap within a province, so that
 * summing them never counts a month twice.
 *
 * Every change is validated and audited (store.h). These tables carry no
 * version column, so an update overwrites what is stored: the last write
 * wins. store_activity_totals sums everything for the reports in one
 * aggregate query per table.
 *
 * Not here: đề án (store_project.h), figures reported as numbers rather than
 * records (store_aggregate.h). */
#ifndef KC_STORE_ACTIVITY_H
#define KC_STORE_ACTIVITY_H

#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/period.h"
#include "store/db.h"
#include "store/store.h"
#include "store/store_admin.h"

/* Conventions of every record below: unknown numbers are -1, unknown text
 * NULL, no đề án is project_id 0. Dates are given in any writing date_parse
 * reads and come back as YYYY-MM-DD. The strings of a record read from the
 * store live in the caller's arena. */

/* Kinds of training class, in the order of ActivityTotals.by_kind. */
enum {
	ACT_TRAIN_VOCATIONAL,         /* đào tạo nghề, nâng cao tay nghề */
	ACT_TRAIN_CRAFT_TRANSMISSION, /* truyền nghề */
	ACT_TRAIN_MANAGEMENT,         /* nâng cao năng lực quản lý */
	ACT_TRAIN_STARTUP,            /* khởi sự doanh nghiệp */
	ACT_TRAIN_STAFF,              /* tập huấn cán bộ, cơ sở */
	ACT_TRAIN_CLEANER_PRODUCTION, /* sản xuất sạch hơn */
	ACT_TRAIN_OTHER,
	ACT_TRAIN_KINDS
};

/* Kinds of media item, in the order of ActivityTotals.media. */
enum {
	ACT_MEDIA_SPECIAL_PAGE, /* chuyên trang */
	ACT_MEDIA_HANDBOOK,     /* cẩm nang (quyển) */
	ACT_MEDIA_LEAFLET,      /* tờ gấp */
	ACT_MEDIA_NEWSPAPER,    /* tờ báo mua và phát hành */
	ACT_MEDIA_TV_RADIO,     /* chương trình phát thanh, truyền hình */
	ACT_MEDIA_LETTER,       /* thư gửi trực tiếp cơ sở */
	ACT_MEDIA_WEBSITE,
	ACT_MEDIA_OTHER,
	ACT_MEDIA_KINDS
};

/* The stored code of training kind k ("craft_transmission") or media kind k
 * ("special_page"); NULL when k is out of range. Static storage. */
const char *store_activity_training_kind(int k);
const char *store_activity_media_kind(int k);

/* A training course: `classes` classes of the same kind held together. Its
 * year is the year of start_date, else of end_date; one of them is needed. */
typedef struct TrainingClass {
	int64_t id;
	int64_t project_id;
	const char *province_list, *province_code;
	const char *kind; /* vocational | craft_transmission | management | startup | staff |
	                     cleaner_production | other */
	const char *title;
	const char *start_date, *end_date; /* end_date >= start_date */
	int64_t classes;                   /* > 0 */
	int64_t trainees;                  /* >= 0; học viên, lao động or lượt người */
	int64_t women, ethnic_minority;    /* <= trainees */
	int64_t jobs_created;
	const char *note;
} TrainingClass;

/* A fair the province supported its establishments at. Its year is the year
 * of start_date, else of end_date; one of them is needed. */
typedef struct Fair {
	int64_t id;
	int64_t project_id;
	const char *province_list, *province_code;
	const char *name;
	const char *place;
	const char *scope; /* provincial | regional | national | international */
	const char *start_date, *end_date;
	int64_t booths;         /* gian hàng */
	int64_t participations; /* lượt cơ sở */
	const char *note;
} Fair;

/* Copies of one kind of information material. year is required; when
 * issued_on is known it must fall in that year (year 0 takes it from
 * issued_on). */
typedef struct MediaItem {
	int64_t id;
	int64_t project_id;
	const char *province_list, *province_code;
	const char *kind; /* special_page | handbook | leaflet | newspaper | tv_radio | letter |
	                     website | other */
	int64_t quantity; /* > 0 */
	const char *issued_on;
	int year;
	const char *note;
} MediaItem;

/* Study-tour delegations (đoàn tham quan học tập). year as for MediaItem,
 * with start_date in place of issued_on. */
typedef struct StudyTour {
	int64_t id;
	int64_t project_id;
	const char *province_list, *province_code;
	const char *start_date;
	int year;
	int64_t delegations;  /* > 0 */
	int64_t participants; /* >= 0 */
	const char *places;   /* as written: "Khánh Hòa, Bà Rịa - Vũng Tàu, ..." */
	const char *note;
} StudyTour;

/* The fee-based consulting service's results for one period: given in any
 * writing period_parse reads, stored as its canonical code ("2016-H1"). At
 * least one of projects and revenue is known. */
typedef struct ConsultingService {
	int64_t id;
	const char *province_list, *province_code;
	const char *period;
	int64_t projects; /* dự án được tư vấn */
	int64_t revenue;  /* đồng */
	const char *note;
} ConsultingService;

/* Records with every optional field unknown, one class or delegation. */
TrainingClass store_activity_training_blank(void);
Fair store_activity_fair_blank(void);
MediaItem store_activity_media_blank(void);
StudyTour store_activity_tour_blank(void);
ConsultingService store_activity_consulting_blank(void);

/* For each kind of record: create validates and inserts in (*id receives
 * the new id); update validates and overwrites the record in->id; delete
 * removes the record id; get reads it. KC_ENOTFOUND when there is no such
 * record; KC_EINVAL with e.field naming the field for invalid input. */
int store_activity_training_create(
        Db *db, const Actor *a, const TrainingClass *in, int64_t *id, Err *e);
int store_activity_training_update(Db *db, const Actor *a, const TrainingClass *in, Err *e);
int store_activity_training_delete(Db *db, const Actor *a, int64_t id, Err *e);
int store_activity_training_get(Db *db, int64_t id, Arena *arena, TrainingClass *out, Err *e);

int store_activity_fair_create(Db *db, const Actor *a, const Fair *in, int64_t *id, Err *e);
int store_activity_fair_update(Db *db, const Actor *a, const Fair *in, Err *e);
int store_activity_fair_delete(Db *db, const Actor *a, int64_t id, Err *e);
int store_activity_fair_get(Db *db, int64_t id, Arena *arena, Fair *out, Err *e);

int store_activity_media_create(Db *db, const Actor *a, const MediaItem *in, int64_t *id, Err *e);
int store_activity_media_update(Db *db, const Actor *a, const MediaItem *in, Err *e);
int store_activity_media_delete(Db *db, const Actor *a, int64_t id, Err *e);
int store_activity_media_get(Db *db, int64_t id, Arena *arena, MediaItem *out, Err *e);

int store_activity_tour_create(Db *db, const Actor *a, const StudyTour *in, int64_t *id, Err *e);
int store_activity_tour_update(Db *db, const Actor *a, const StudyTour *in, Err *e);
int store_activity_tour_delete(Db *db, const Actor *a, int64_t id, Err *e);
int store_activity_tour_get(Db *db, int64_t id, Arena *arena, StudyTour *out, Err *e);

/* KC_ECONFLICT (field "period") if the period overlaps another record of the
 * same province. */
int store_activity_consulting_create(
        Db *db, const Actor *a, const ConsultingService *in, int64_t *id, Err *e);
int store_activity_consulting_update(Db *db, const Actor *a, const ConsultingService *in, Err *e);
int store_activity_consulting_delete(Db *db, const Actor *a, int64_t id, Err *e);
int store_activity_consulting_get(Db *db, int64_t id, Arena *arena, ConsultingService *out, Err *e);

/* Which records a list returns. A filter on something a kind of record does
 * not have (a đề án for consulting services, a kind for study tours and
 * consulting services) matches none of them. */
typedef struct ActivityFilter {
	const char *province_list, *province_code; /* the province as recorded; NULL: all */
	const char *current_province; /* recorded in this current province, or in a legacy
	                                 province that became part of it; NULL: all */
	int year_from, year_to;       /* 0: open. A record's year as above; a consulting
	                                 service's period must lie inside the years */
	const char *period;           /* NULL: any. Dated records whose date (start, else
	                                 end, else issued_on) falls in it under rule; records
	                                 with only a year when it covers whole years (a
	                                 year, a phase) including theirs; consulting
	                                 services of exactly that period */
	PeriodRule rule;              /* {0}: calendar periods */
	int64_t project_id;           /* 0: any */
	const char *kind;             /* training kind, fair scope or media kind; NULL: any */
	int limit;                    /* 1..500; 0 means 50 */
	int offset;
} ActivityFilter;

ActivityFilter store_activity_filter(void); /* everything, first page */

/* Lists in order of date (or year, or period), then id; v lives in the
 * arena; total counts the matching records of all pages. */
typedef struct TrainingList {
	TrainingClass *v;
	int n;
	int64_t total;
} TrainingList;
typedef struct FairList {
	Fair *v;
	int n;
	int64_t total;
} FairList;
typedef struct MediaList {
	MediaItem *v;
	int n;
	int64_t total;
} MediaList;
typedef struct TourList {
	StudyTour *v;
	int n;
	int64_t total;
} TourList;
typedef struct ConsultingList {
	ConsultingService *v;
	int n;
	int64_t total;
} ConsultingList;

int store_activity_training_list(
        Db *db, const ActivityFilter *f, Arena *arena, TrainingList *out, Err *e);
int store_activity_fair_list(Db *db, const ActivityFilter *f, Arena *arena, FairList *out, Err *e);
int store_activity_media_list(
        Db *db, const ActivityFilter *f, Arena *arena, MediaList *out, Err *e);
int store_activity_tour_list(Db *db, const ActivityFilter *f, Arena *arena, TourList *out, Err *e);
int store_activity_consulting_list(
        Db *db, const ActivityFilter *f, Arena *arena, ConsultingList *out, Err *e);

/* Sums of training classes; unknown women, ethnic-minority trainees and jobs
 * count as none. */
typedef struct TrainingTotals {
	int64_t classes, trainees, women, ethnic_minority, jobs;
} TrainingTotals;

typedef struct ActivityTotals {
	TrainingTotals training;                 /* every kind */
	TrainingTotals by_kind[ACT_TRAIN_KINDS]; /* by ACT_TRAIN_* */
	int64_t fairs, booths, participations;   /* fairs: records; unknown counts as none */
	int64_t media[ACT_MEDIA_KINDS];          /* quantity by ACT_MEDIA_* */
	int64_t tours, tour_participants;        /* delegations and their members */
	int64_t consulting_projects, consulting_revenue; /* revenue in đồng */
} ActivityTotals;

/* Sums the records of the n provinces (as recorded; NULL: every province)
 * whose year lies in year_from..year_to (0: open), the years counted as in
 * ActivityFilter. To see a province within today's boundaries, pass it with
 * the legacy provinces that merged into it. */
int store_activity_totals(Db *db, const UnitRef *provinces, size_t n, int year_from, int year_to,
        ActivityTotals *out, Err *e);
/* The same sums for one current province within today's boundaries (its
 * records and those of the legacy provinces that merged into it; NULL:
 * every province). */
int store_activity_totals_current(Db *db, const char *current_province, int year_from, int year_to,
        ActivityTotals *out, Err *e);

/* ---- Natural keys (the importer's lookups) ---------------------------------------- */

/* The id of the training course of key's province and kind with key's
 * title that starts on key's start_date (or, without one, ends on its
 * end_date), into *id; KC_ENOTFOUND (no message) when there is none. */
int store_activity_training_find(Db *db, const TrainingClass *key, int64_t *id, Err *e);
/* The id of the fair key's province supported with key's name starting on
 * key's start_date (or ending on its end_date), into *id; KC_ENOTFOUND (no
 * message) when there is none. */
int store_activity_fair_find(Db *db, const Fair *key, int64_t *id, Err *e);

#endif
