/* api_import_job.c — see api_import_job.h.
 *
 * One mutex guards the registry and every job's changing parts (state,
 * progress, references); what a job was asked to do is written before it is
 * listed and never changes, and its report is written by the worker before
 * the state says "done", so a reader holding the job reads both without the
 * lock. A job is freed when its last reference goes: the registry's (while
 * listed), the worker's (while running) and each reader's. */
#include "api/api_import_job.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store/db.h"

typedef enum JobState { JOB_QUEUED, JOB_RUNNING, JOB_DONE, JOB_STOPPED, JOB_FAILED } JobState;

static const char *const state_names[] = {"queued", "running", "done", "stopped", "failed"};

struct ImportJob {
	ImportJobs *jobs;
	int64_t id, owner;
	/* What it does: set before it is listed, then read-only. */
	char *database, *name;
	void *data;
	size_t size;
	ImportOptions o;
	char created_at[STORE_TIME_LEN];
	Arena a; /* the copies above */
	/* Under jobs->lock. */
	JobState state;
	int refs;
	bool listed, cancel;
	ImportProgress progress;
	char sheet[128];
	char finished_at[STORE_TIME_LEN];
	time_t finished; /* monotonic seconds, for keep_seconds */
	/* Written by the worker before the state leaves JOB_RUNNING. */
	ImportReport report;
	Err err;
};

struct ImportJobs {
	ImportJobLimits lim;
	pthread_mutex_t lock;
	pthread_cond_t wake; /* the worker: a job was queued, or stop */
	pthread_cond_t idle; /* the waiters: a job ended */
	pthread_t worker;
	ImportJob **v; /* listed jobs, oldest first; lim.max_jobs of room */
	int n;
	int64_t next_id;
	bool stopping, paused, busy;
};

ImportJobLimits api_import_job_limits(void)
{
	return (ImportJobLimits){.sync_bytes = 1 << 20, .max_jobs = 8, .keep_seconds = 30 * 60};
}

static time_t mono_seconds(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec;
}

/* ---- Jobs ------------------------------------------------------------------------------ */

static void job_free(ImportJob *job)
{
	io_import_report_free(&job->report);
	free(job->data);
	arena_free(&job->a);
	free(job);
}

/* Drops one reference (the lock held); the last frees the job. */
static void unref(ImportJob *job)
{
	if (--job->refs == 0)
		job_free(job);
}

static const char *dup(ImportJob *job, const char *s)
{
	return s ? arena_strdup(&job->a, s) : NULL;
}

/* A job doing what q asks, with copies of everything. */
static ImportJob *job_new(const ImportJobRequest *q)
{
	ImportJob *job = calloc(1, sizeof *job);
	if (!job || !(job->data = malloc(q->size ? q->size : 1)))
		abort();
	if (q->size)
		memcpy(job->data, q->data, q->size);
	job->size = q->size;
	job->owner = q->owner;
	job->database = arena_strdup(&job->a, q->database);
	job->name = arena_strdup(&job->a, q->name);
	snprintf(job->created_at, sizeof job->created_at, "%s", q->now ? q->now : "");
	ImportOptions *o = &job->o;
	*o = *q->o;
	o->kind = dup(job, o->kind);
	o->sheet = dup(job, o->sheet);
	o->open.encoding = dup(job, o->open.encoding);
	o->actor.name = dup(job, o->actor.name);
	o->actor.via = dup(job, o->actor.via);
	o->actor.remote = dup(job, o->actor.remote);
	o->actor.now = dup(job, o->actor.now);
	if (q->o->provinces) {
		const char **p = arena_alloc(&job->a, (size_t)(o->nprovinces + 1) * sizeof *p);
		for (int i = 0; i < o->nprovinces; i++)
			p[i] = dup(job, q->o->provinces[i]);
		o->provinces = p;
	}
	return job;
}

/* Removes job from the list (the lock held). */
static void unlist(ImportJobs *j, ImportJob *job)
{
	for (int i = 0; i < j->n; i++)
		if (j->v[i] == job) {
			memmove(&j->v[i], &j->v[i + 1], (size_t)(j->n - i - 1) * sizeof *j->v);
			j->n--;
			break;
		}
	job->listed = false;
	unref(job);
}

static bool finished(const ImportJob *job)
{
	return job->state >= JOB_DONE;
}

/* Forgets finished jobs older than keep_seconds (the lock held). */
static void prune(ImportJobs *j)
{
	time_t now = mono_seconds();
	for (int i = 0; i < j->n;) {
		ImportJob *job = j->v[i];
		if (finished(job) && now - job->finished >= j->lim.keep_seconds)
			unlist(j, job);
		else
			i++;
	}
}

/* ---- The worker ------------------------------------------------------------------------ */

static bool on_progress(void *ctx, const ImportProgress *p)
{
	ImportJob *job = ctx;
	ImportJobs *j = job->jobs;
	pthread_mutex_lock(&j->lock);
	job->progress = *p;
	snprintf(job->sheet, sizeof job->sheet, "%s", p->sheet ? p->sheet : "");
	bool go = !job->cancel && !j->stopping;
	pthread_mutex_unlock(&j->lock);
	return go;
}

/* Runs job on a connection of its own (the lock not held). */
static void run(ImportJob *job)
{
	Db *db = NULL;
	Err e = {0};
	job->o.progress = on_progress;
	job->o.progress_ctx = job;
	int rc = db_open(&db, job->database, &e);
	if (rc == 0)
		rc = io_import_mem(db, job->name, job->data, job->size, &job->o, &job->report, &e);
	db_close(db);
	if (rc) /* the client is told only that it failed */
		fprintf(stderr, "khuyencong: import job %lld ('%s'): %s: %s\n", (long long)job->id,
		        job->name, err_name(rc), e.msg);
	job->err = e;
	ImportJobs *j = job->jobs;
	pthread_mutex_lock(&j->lock);
	job->state = rc ? JOB_FAILED : job->report.stopped ? JOB_STOPPED : JOB_DONE;
	Actor when = {.now = job->o.actor.now};
	store_now(&when, job->finished_at);
	job->finished = mono_seconds();
	pthread_mutex_unlock(&j->lock);
}

/* The oldest queued job (the lock held), or NULL. */
static ImportJob *next_queued(const ImportJobs *j)
{
	for (int i = 0; i < j->n; i++)
		if (j->v[i]->state == JOB_QUEUED)
			return j->v[i];
	return NULL;
}

static void *worker(void *arg)
{
	ImportJobs *j = arg;
	pthread_mutex_lock(&j->lock);
	while (!j->stopping) {
		ImportJob *job = j->paused ? NULL : next_queued(j);
		if (!job) {
			pthread_cond_wait(&j->wake, &j->lock);
			continue;
		}
		job->state = JOB_RUNNING;
		job->refs++;
		j->busy = true;
		pthread_mutex_unlock(&j->lock);
		run(job);
		pthread_mutex_lock(&j->lock);
		j->busy = false;
		unref(job);
		pthread_cond_broadcast(&j->idle);
	}
	pthread_mutex_unlock(&j->lock);
	return NULL;
}

/* ---- The registry ---------------------------------------------------------------------- */

ImportJobs *api_import_jobs_new(const ImportJobLimits *l)
{
	ImportJobs *j = calloc(1, sizeof *j);
	if (!j)
		abort();
	j->lim = *l;
	if (j->lim.max_jobs < 1)
		j->lim.max_jobs = 1;
	j->v = calloc((size_t)j->lim.max_jobs, sizeof *j->v);
	if (!j->v)
		abort();
	j->next_id = 1;
	pthread_mutex_init(&j->lock, NULL);
	pthread_cond_init(&j->wake, NULL);
	pthread_cond_init(&j->idle, NULL);
	if (pthread_create(&j->worker, NULL, worker, j)) {
		pthread_cond_destroy(&j->idle);
		pthread_cond_destroy(&j->wake);
		pthread_mutex_destroy(&j->lock);
		free(j->v);
		free(j);
		return NULL;
	}
	return j;
}

void api_import_jobs_free(ImportJobs *j)
{
	if (!j)
		return;
	pthread_mutex_lock(&j->lock);
	j->stopping = true;
	pthread_cond_broadcast(&j->wake);
	pthread_mutex_unlock(&j->lock);
	pthread_join(j->worker, NULL);
	/* No request runs any more: every reference left is the registry's. */
	while (j->n > 0)
		unlist(j, j->v[j->n - 1]);
	pthread_cond_destroy(&j->idle);
	pthread_cond_destroy(&j->wake);
	pthread_mutex_destroy(&j->lock);
	free(j->v);
	free(j);
}

const ImportJobLimits *api_import_jobs_limits(const ImportJobs *j)
{
	return &j->lim;
}

void api_import_jobs_pause(ImportJobs *j, bool paused)
{
	pthread_mutex_lock(&j->lock);
	j->paused = paused;
	pthread_cond_broadcast(&j->wake);
	pthread_mutex_unlock(&j->lock);
}

void api_import_jobs_wait(ImportJobs *j)
{
	pthread_mutex_lock(&j->lock);
	while (j->busy || (!j->paused && next_queued(j)))
		pthread_cond_wait(&j->idle, &j->lock);
	pthread_mutex_unlock(&j->lock);
}

int api_import_job_start(ImportJobs *j, const ImportJobRequest *q, int64_t *id, Err *e)
{
	ImportJob *job = job_new(q); /* the copy is made outside the lock */
	pthread_mutex_lock(&j->lock);
	prune(j);
	for (int i = 0; i < j->n && j->n >= j->lim.max_jobs; i++)
		if (finished(j->v[i])) /* the oldest finished makes room */
			unlist(j, j->v[i]);
	if (j->n >= j->lim.max_jobs || j->stopping) {
		pthread_mutex_unlock(&j->lock);
		job_free(job);
		return err_set(e, KC_ETOOBIG,
		        "Máy chủ đang có %d việc nhập tệp chưa xong; xin thử lại sau ít phút",
		        j->lim.max_jobs);
	}
	job->jobs = j;
	job->id = *id = j->next_id++;
	job->state = JOB_QUEUED;
	job->refs = 1;
	job->listed = true;
	j->v[j->n++] = job;
	pthread_cond_signal(&j->wake);
	pthread_mutex_unlock(&j->lock);
	return 0;
}

/* ---- Readers --------------------------------------------------------------------------- */

/* The status of job (the lock held). */
static void status_of(const ImportJobs *j, const ImportJob *job, ImportJobStatus *st)
{
	*st = (ImportJobStatus){
	        .id = job->id,
	        .state = state_names[job->state],
	        .file_name = job->name,
	        .commit = job->o.commit,
	        .size = (int64_t)job->size,
	        .created_at = job->created_at,
	        .rows = job->progress.rows,
	        .bytes_done = job->progress.done,
	        .bytes_total = job->progress.total,
	};
	snprintf(st->finished_at, sizeof st->finished_at, "%s", job->finished_at);
	snprintf(st->sheet, sizeof st->sheet, "%s", job->sheet);
	for (int i = 0; job->state == JOB_QUEUED && i < j->n && j->v[i] != job; i++)
		st->ahead += j->v[i]->state <= JOB_RUNNING;
}

static ImportJob *find(const ImportJobs *j, int64_t id, int64_t owner)
{
	for (int i = 0; i < j->n; i++)
		if (j->v[i]->id == id && j->v[i]->owner == owner)
			return j->v[i];
	return NULL;
}

static int not_found(int64_t id, Err *e)
{
	return err_set(e, KC_ENOTFOUND, "Không có việc nhập tệp số %lld của bạn (hoặc đã quá hạn)",
	        (long long)id);
}

int api_import_job_get(
        ImportJobs *j, int64_t id, int64_t owner, ImportJob **out, ImportJobStatus *st, Err *e)
{
	pthread_mutex_lock(&j->lock);
	prune(j);
	ImportJob *job = find(j, id, owner);
	if (job) {
		job->refs++;
		if (st)
			status_of(j, job, st);
	}
	pthread_mutex_unlock(&j->lock);
	*out = job;
	return job ? 0 : not_found(id, e);
}

void api_import_job_release(ImportJobs *j, ImportJob *job)
{
	if (!job)
		return;
	pthread_mutex_lock(&j->lock);
	unref(job);
	pthread_mutex_unlock(&j->lock);
}

const ImportReport *api_import_job_report(const ImportJob *job)
{
	ImportJobs *j = job->jobs;
	pthread_mutex_lock(&j->lock);
	bool ready = job->state == JOB_DONE || job->state == JOB_STOPPED;
	pthread_mutex_unlock(&j->lock);
	return ready ? &job->report : NULL;
}

void api_import_job_file(
        const ImportJob *job, const void **data, size_t *size, const ImportOptions **o)
{
	*data = job->data;
	*size = job->size;
	*o = &job->o;
}

const Err *api_import_job_error(const ImportJob *job)
{
	return &job->err;
}

int api_import_job_list(ImportJobs *j, int64_t owner, Arena *arena, ImportJobStatus **out, int *n)
{
	pthread_mutex_lock(&j->lock);
	prune(j);
	*out = arena_alloc(arena, (size_t)(j->n + 1) * sizeof **out);
	*n = 0;
	for (int i = 0; i < j->n; i++)
		if (j->v[i]->owner == owner) {
			status_of(j, j->v[i], &(*out)[*n]);
			/* The strings must outlive the lock: the job may go. */
			(*out)[*n].file_name = arena_strdup(arena, j->v[i]->name);
			(*out)[*n].created_at = arena_strdup(arena, j->v[i]->created_at);
			(*n)++;
		}
	pthread_mutex_unlock(&j->lock);
	return 0;
}

int api_import_job_drop(ImportJobs *j, int64_t id, int64_t owner, Err *e)
{
	pthread_mutex_lock(&j->lock);
	ImportJob *job = find(j, id, owner);
	if (job) {
		job->cancel = true;
		unlist(j, job);
	}
	pthread_mutex_unlock(&j->lock);
	return job ? 0 : not_found(id, e);
}
