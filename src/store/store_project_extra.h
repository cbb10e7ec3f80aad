/* store_project_extra.h — what a đề án produces and what is kept about it:
 * outputs and outcomes per indicator, inspections, and documents.
 *
 * Three small aggregates beside the đề án record (store_project), each with
 * its own prefix:
 *   store_output_*      planned and actual figures per indicator (DOMAIN §3.3
 *                       item 6, §5.3): "đào tạo 35 lao động", "trên 20 việc
 *                       làm mới", with the qualifier as written;
 *   store_inspection_*  kiểm tra, giám sát visits (seed004: 1.109 lượt), of
 *                       a đề án or of a province's khuyến công in general;
 *   store_document_*    decisions, contracts, minutes, invoices and photos:
 *                       the metadata in the database, the bytes in a folder,
 *                       named by their SHA-256 so one content is stored once.
 * Every change is validated and audited in the same transaction; none of
 * these records carries a version (one officer keeps a đề án's file). */
#ifndef KC_STORE_PROJECT_EXTRA_H
#define KC_STORE_PROJECT_EXTRA_H

#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/buf.h"
#include "store/db.h"
#include "store/store.h"

/* ---- Outputs and outcomes -------------------------------------------------------- */

/* One indicator of one đề án. Unknown numbers are -1, unknown text NULL. */
typedef struct ProjectOutput {
	int64_t project_id;
	const char *indicator_code; /* indicator.code: 'trainees', 'jobs_created' ... */
	int64_t planned, actual;    /* in the indicator's unit; at least one is known */
	const char *qualifier;      /* gần | trên | khoảng | ước, or NULL */
	const char *note;
	/* Read back, not written: */
	const char *label_vi, *unit_vi;
} ProjectOutput;

/* A ProjectOutput with every optional field unknown. */
ProjectOutput store_output_blank(void);

/* Inserts or replaces the figures of (in->project_id, in->indicator_code).
 * The audit row names table 'project_output' and the đề án's id. */
int store_output_upsert(Db *db, const Actor *a, const ProjectOutput *in, Err *e);
/* Removes the figures of one indicator of a đề án; KC_ENOTFOUND if none. */
int store_output_delete(
        Db *db, const Actor *a, int64_t project_id, const char *indicator_code, Err *e);

typedef struct ProjectOutputList {
	ProjectOutput *v; /* in the indicators' order (position, code); in the arena */
	int n;
} ProjectOutputList;

int store_output_list(Db *db, int64_t project_id, Arena *arena, ProjectOutputList *out, Err *e);

/* ---- Inspections ----------------------------------------------------------------- */

typedef struct Inspection {
	int64_t id;
	int64_t project_id; /* -1: an inspection of the province's khuyến công as a whole */
	const char *province_list, *province_code; /* NULL with a đề án: the đề án's */
	const char *inspected_on;                  /* 'YYYY-MM-DD' */
	const char *inspector;
	int64_t org_id; /* organisation.id of the inspecting body, or -1 */
	const char *result;
	const char *note;
} Inspection;

/* An Inspection with every optional field unknown. */
Inspection store_inspection_blank(void);

int store_inspection_add(Db *db, const Actor *a, const Inspection *in, int64_t *id, Err *e);
/* Validates and rewrites inspection in->id. */
int store_inspection_update(Db *db, const Actor *a, const Inspection *in, Err *e);
int store_inspection_delete(Db *db, const Actor *a, int64_t id, Err *e);
int store_inspection_get(Db *db, int64_t id, Arena *arena, Inspection *out, Err *e);

typedef struct InspectionFilter {
	int64_t project_id;                        /* -1: any */
	const char *province_list, *province_code; /* as recorded; NULL: any */
	const char *current_province; /* re-based: recorded in this current province or in a
	                                  legacy province that became part of it; NULL: any */
	int year;                     /* 0: any */
	int limit;                    /* 1..500; 0 means 50 */
	int offset;
} InspectionFilter;

InspectionFilter store_inspection_filter(void); /* everything, first page */

typedef struct InspectionList {
	Inspection *v; /* newest first (inspected_on, id descending); in the arena */
	int n;
	int64_t total; /* matching records, all pages */
} InspectionList;

int store_inspection_list(
        Db *db, const InspectionFilter *f, Arena *arena, InspectionList *out, Err *e);

/* ---- Documents ------------------------------------------------------------------- */

/* Where document files live and how large one may be. */
typedef struct DocumentStore {
	const char *root; /* e.g. "<folder of the database>/documents"; created if missing */
	size_t max_bytes; /* the largest file accepted */
} DocumentStore;

typedef struct Document {
	int64_t id;
	int64_t project_id; /* -1: a document of no đề án (a plan decision) */
	const char *kind;   /* decision | contract | minutes | invoice | photo | other */
	const char *title;
	const char *file_name; /* as uploaded, without folders */
	const char *mime_type; /* 'application/pdf' */
	/* Read back, not written: */
	int64_t size_bytes;
	const char *sha256; /* 64 lowercase hex digits */
	const char *uploaded_at;
	int64_t user_id; /* -1: the system */
} Document;

/* A Document with every optional field unknown. */
Document store_document_blank(void);

/* Stores bytes[0..len) as file <root>/<h[0..2]>/<h>, h its SHA-256 in hex,
 * and records in as its metadata; *id receives the new id. The file is
 * written to a temporary name, synced, then linked into place, so a crash
 * never leaves a partial file under a real name; content already stored is
 * not written again. If recording fails, a file this call created is
 * removed. KC_ETOOBIG (field "file") above ds->max_bytes. */
int store_document_add(Db *db, const Actor *a, const DocumentStore *ds, const Document *in,
        const void *bytes, size_t len, int64_t *id, Err *e);
/* Reads the metadata of document id; strings in arena. */
int store_document_get(Db *db, int64_t id, Arena *arena, Document *out, Err *e);
/* Deletes the metadata of document id. The file stays: other records may
 * share its content, and a concurrent upload of the same content may be
 * about to rely on it. */
int store_document_delete(Db *db, const Actor *a, int64_t id, Err *e);

typedef struct DocumentList {
	Document *v; /* by upload time, then id; in the arena */
	int n;
} DocumentList;

int store_document_list(Db *db, int64_t project_id, Arena *arena, DocumentList *out, Err *e);

/* Appends the path of the file with content sha256 under root to out.
 * KC_EINVAL unless sha256 is 64 lowercase hex digits, so that no stored or
 * supplied text can lead the path out of root. */
int store_document_path(const char *root, const char *sha256, Buf *out, Err *e);

#endif
