/* api_import_job.h — imports that run in the background of the server: a
 * file too large to import while its request waits is answered 202 with a
 * job, which the client follows with GET /api/v1/import/jobs/{id} (progress,
 * then the report).
 *
 * The registry belongs to the server (HttpApp.import_jobs): made at start-up,
 * freed at the end. It holds at most max_jobs jobs, each owned by the user
 * who started it and seen by no one else. One worker thread runs the queued
 * jobs one at a time, oldest first — an import holds the database's write
 * lock, so two at once would only wait for each other — each on a database
 * connection it opens for itself. A finished job keeps its report, and the
 * file for the XLSX report, for keep_seconds or until the room is needed for
 * a new job; a job dropped while a request reads it is freed when that
 * request lets go of it.
 *
 * Freeing the registry abandons the running import at its next progress
 * report (every 1 000 rows: nothing is written), drops the queued ones, joins
 * the worker and frees every job. Every function is thread-safe. */
#ifndef KC_API_IMPORT_JOB_H
#define KC_API_IMPORT_JOB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "io/io_import.h"
#include "store/store.h"

typedef struct ImportJobs ImportJobs;
typedef struct ImportJob ImportJob;

typedef struct ImportJobLimits {
	size_t sync_bytes; /* an upload of at most this many bytes is imported while it waits */
	int max_jobs;      /* jobs held at once: queued, running and finished */
	int keep_seconds;  /* how long a finished job is kept */
} ImportJobLimits;

/* The defaults: 1 MiB, 8 jobs, 30 minutes. */
ImportJobLimits api_import_job_limits(void);

/* Starts a registry and its worker thread; NULL when the thread cannot start. */
ImportJobs *api_import_jobs_new(const ImportJobLimits *l);
/* Stops the worker as above and frees the registry and every job. */
void api_import_jobs_free(ImportJobs *j);
const ImportJobLimits *api_import_jobs_limits(const ImportJobs *j);
/* While paused, the worker starts no job (tests: a job stays queued). */
void api_import_jobs_pause(ImportJobs *j, bool paused);
/* Waits until no job is queued (unless paused) or running (tests). */
void api_import_jobs_wait(ImportJobs *j);

/* What a new job imports; everything is copied. */
typedef struct ImportJobRequest {
	const char *database; /* the URL the job's connection opens (HttpApp.database) */
	int64_t owner;        /* the user who starts it, the only one who sees it */
	const char *name;     /* the file's name */
	const void *data;     /* the file, size bytes */
	size_t size;
	const ImportOptions *o; /* its strings and provinces copied; progress is the job's */
	const char *now;        /* when it was asked for: "YYYY-MM-DDTHH:MM:SSZ" */
} ImportJobRequest;

/* Queues a job; *id receives its number. KC_ETOOBIG (Vietnamese message)
 * when max_jobs are queued or running. */
int api_import_job_start(ImportJobs *j, const ImportJobRequest *q, int64_t *id, Err *e);

/* A job as a reader sees it at one moment. */
typedef struct ImportJobStatus {
	int64_t id;
	const char *state;     /* "queued", "running", "done", "stopped" or "failed" */
	const char *file_name; /* these strings live as long as the job is held */
	bool commit;
	int64_t size;                     /* the file's bytes */
	int64_t ahead;                    /* queued: jobs that run before it */
	const char *created_at;           /* when it was asked for */
	char finished_at[STORE_TIME_LEN]; /* "" until it ends */
	char sheet[128];                  /* the sheet being read, or "" */
	int64_t rows;                     /* rows read of that sheet */
	int64_t bytes_done, bytes_total;  /* bytes read of that sheet, and its size */
} ImportJobStatus;

/* Holds job id of owner until api_import_job_release and fills *st (may be
 * NULL); KC_ENOTFOUND when there is none or it is another user's. */
int api_import_job_get(
        ImportJobs *j, int64_t id, int64_t owner, ImportJob **job, ImportJobStatus *st, Err *e);
void api_import_job_release(ImportJobs *j, ImportJob *job);
/* The report of a held job whose state is "done" or "stopped", else NULL. */
const ImportReport *api_import_job_report(const ImportJob *job);
/* The file and options a held job imports, for its XLSX report. */
void api_import_job_file(
        const ImportJob *job, const void **data, size_t *size, const ImportOptions **o);
/* Why a held job whose state is "failed" failed (for the operator's log). */
const Err *api_import_job_error(const ImportJob *job);

/* The status of each job of owner, oldest first, into *out (in arena). */
int api_import_job_list(ImportJobs *j, int64_t owner, Arena *arena, ImportJobStatus **out, int *n);
/* Forgets job id of owner; if it runs, it stops at its next progress report
 * and writes nothing. KC_ENOTFOUND as for api_import_job_get. */
int api_import_job_drop(ImportJobs *j, int64_t id, int64_t owner, Err *e);

#endif
