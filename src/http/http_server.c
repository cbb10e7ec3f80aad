/* http_server.c — libmicrohttpd glue: per-thread database connections,
 * per-request arenas and bodies, the access log, a graceful stop. */
#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "core/vntext.h"
#include "http/http_server.h"

struct Server {
	ServerOpts o;
	struct MHD_Daemon *mhd;
	int fd, port;
	pthread_key_t db_key;
	atomic_int in_flight;
	atomic_bool stopping; /* server_stop has begun: new requests get 503 */
	pthread_mutex_t log_lock;
};

/* What one request holds between libmicrohttpd's calls. */
typedef struct Conn {
	Arena arena;
	Buf body;
	size_t limit;
	bool too_big;
	struct timespec start;
	int status;
	size_t bytes;
	const char *user;
	const char *method, *path;
	bool answered; /* refused from its headers: the upload is never read */
} Conn;

static void close_db(void *db)
{
	db_close(db);
}

/* The calling worker's connection, opened on its first request. */
static Db *thread_db(Server *s, Err *e)
{
	Db *db = pthread_getspecific(s->db_key);
	if (db)
		return db;
	if (db_open(&db, s->o.db, e))
		return NULL;
	pthread_setspecific(s->db_key, db);
	return db;
}

static double ms_since(const struct timespec *t0)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - t0->tv_sec) * 1e3 + (double)(t.tv_nsec - t0->tv_nsec) / 1e6;
}

/* One logfmt line; the path is quoted so spaces and quotes cannot forge fields. */
static void access_log(Server *s, const Conn *c)
{
	if (!s->o.log)
		return;
	char now[STORE_TIME_LEN], path[256];
	Actor a = {0};
	store_now(&a, now);
	vn_quote(path, sizeof path, c->path ? c->path : "", c->path ? strlen(c->path) : 0);
	pthread_mutex_lock(&s->log_lock);
	fprintf(s->o.log, "time=%s method=%s path=%s status=%d bytes=%zu ms=%.3f user=%s\n", now,
	        c->method ? c->method : "-", path, c->status, c->bytes, ms_since(&c->start),
	        c->user ? c->user : "-");
	fflush(s->o.log);
	pthread_mutex_unlock(&s->log_lock);
}

static void on_completed(
        void *cls, struct MHD_Connection *mc, void **con_cls, enum MHD_RequestTerminationCode code)
{
	(void)mc;
	(void)code;
	Server *s = cls;
	Conn *c = *con_cls;
	if (!c)
		return;
	access_log(s, c);
	buf_free(&c->body);
	arena_free(&c->arena);
	free(c);
	*con_cls = NULL;
	atomic_fetch_sub(&s->in_flight, 1);
}

static enum MHD_Result add_header(void *cls, enum MHD_ValueKind kind, const char *k, const char *v)
{
	(void)kind;
	HttpReq *q = cls;
	if (q->n_headers < HTTP_MAX_HEADERS)
		q->headers[q->n_headers++] = (HttpPair){k, v ? v : ""};
	return MHD_YES;
}

static enum MHD_Result add_query(void *cls, enum MHD_ValueKind kind, const char *k, const char *v)
{
	(void)kind;
	HttpReq *q = cls;
	if (q->n_query < HTTP_MAX_QUERY)
		q->query[q->n_query++] = (HttpPair){k, v ? v : ""};
	return MHD_YES;
}

static const char *client_address(struct MHD_Connection *mc, Arena *arena)
{
	const union MHD_ConnectionInfo *ci =
	        MHD_get_connection_info(mc, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	char text[INET6_ADDRSTRLEN] = "";
	if (!ci || !ci->client_addr)
		return NULL;
	const struct sockaddr *sa = ci->client_addr;
	if (sa->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, text, sizeof text);
	else if (sa->sa_family == AF_INET6)
		inet_ntop(
		        AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, text, sizeof text);
	return arena_strdup(arena, text);
}

static enum MHD_Result queue(struct MHD_Connection *mc, Conn *c, HttpRes *res)
{
	size_t len = res->body.len;
	char *body = len ? buf_detach(&res->body) : NULL;
	struct MHD_Response *r = MHD_create_response_from_buffer(len, body ? body : (char *)"",
	        body ? MHD_RESPMEM_MUST_FREE : MHD_RESPMEM_PERSISTENT);
	if (!r) {
		free(body);
		return MHD_NO;
	}
	if (res->content_type)
		MHD_add_response_header(r, "Content-Type", res->content_type);
	for (int i = 0; i < res->n_headers; i++)
		MHD_add_response_header(r, res->headers[i].name, res->headers[i].value);
	c->status = res->status;
	c->bytes = len;
	enum MHD_Result ok = MHD_queue_response(mc, (unsigned)res->status, r);
	MHD_destroy_response(r);
	return ok;
}

/* The server's answer when it cannot serve now, saying why (constant text
 * with nothing to escape). */
static void unavailable(HttpRes *res, const char *why)
{
	res->status = 503;
	res->content_type = "application/json; charset=utf-8";
	buf_puts(&res->body, "{\"error\":{\"code\":\"unavailable\",\"message\":\"");
	buf_puts(&res->body, why);
	buf_puts(&res->body, "; xin thử lại sau\",\"field\":null}}");
}

/* The request's method, path, headers, query and client, without its body. */
static void read_request(struct MHD_Connection *mc, Conn *c, HttpReq *q)
{
	*q = (HttpReq){.method = c->method, .path = c->path, .body_too_big = c->too_big};
	MHD_get_connection_values(mc, MHD_HEADER_KIND, add_header, q);
	MHD_get_connection_values(mc, MHD_GET_ARGUMENT_KIND, add_query, q);
	q->remote = client_address(mc, &c->arena);
}

/* An upload route's caller refused from the headers alone (not signed in, a
 * role or province without the right) is answered at once: the body, up to
 * the upload limit, is never read, and libmicrohttpd closes the connection
 * after the answer. true when it answered. */
static bool refuse_upload(Server *s, struct MHD_Connection *mc, Conn *c, enum MHD_Result *ok)
{
	Err e = {0};
	Db *db = vn_utf8_valid(c->path, strlen(c->path)) ? thread_db(s, &e) : NULL;
	if (!db)
		return false; /* answered with the body, as any request */
	HttpReq q;
	read_request(mc, c, &q);
	HttpRes res;
	http_res_init(&res, 1 << 20);
	bool refused = http_refuse_upload(&s->o.app, db, &q, &res, &c->arena);
	if (refused) {
		c->answered = true;
		*ok = queue(mc, c, &res);
	}
	http_res_free(&res);
	return refused;
}

/* A request that arrives once the server has begun to stop is answered at
 * once, and its connection closed. */
static void refuse_stopping(struct MHD_Connection *mc, Conn *c, enum MHD_Result *ok)
{
	HttpRes res;
	http_res_init(&res, 4096);
	unavailable(&res, "Máy chủ đang dừng");
	c->answered = true;
	*ok = queue(mc, c, &res);
	http_res_free(&res);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *mc, const char *url,
        const char *method, const char *version, const char *upload, size_t *upload_size,
        void **con_cls)
{
	(void)version;
	Server *s = cls;
	Conn *c = *con_cls;
	if (!c) {
		/* First call: headers only. Answering now would cost the connection
		 * its keep-alive (libmicrohttpd 0.9.75), so answer on the next. */
		c = calloc(1, sizeof *c);
		if (!c)
			return MHD_NO;
		clock_gettime(CLOCK_MONOTONIC, &c->start);
		c->method = arena_strdup(&c->arena, method);
		c->path = arena_strdup(&c->arena, url);
		const HttpLimits *lim = &s->o.app.limits;
		bool is_upload = http_route_is_upload(method, url);
		c->limit = is_upload ? lim->upload_bytes : lim->body_bytes;
		buf_init(&c->body, c->limit);
		*con_cls = c;
		atomic_fetch_add(&s->in_flight, 1);
		enum MHD_Result ok = MHD_YES;
		if (atomic_load(&s->stopping))
			refuse_stopping(mc, c, &ok);
		else if (is_upload)
			refuse_upload(s, mc, c, &ok);
		return ok;
	}
	if (c->answered) {
		*upload_size = 0;
		return MHD_YES;
	}
	if (*upload_size) {
		if (!c->too_big && *upload_size <= c->limit - c->body.len)
			buf_append(&c->body, upload, *upload_size);
		else
			c->too_big = true, buf_reset(&c->body);
		*upload_size = 0;
		return MHD_YES;
	}
	HttpReq q;
	read_request(mc, c, &q);
	q.body = buf_cstr(&c->body);
	q.body_len = c->body.len;
	HttpRes res;
	http_res_init(&res, 256 * 1024 * 1024);
	Err e = {0};
	Db *db = vn_utf8_valid(q.path, strlen(q.path)) ? thread_db(s, &e) : NULL;
	if (!db && e.code) {
		fprintf(stderr, "khuyencong: cannot open database: %s\n", e.msg);
		unavailable(&res, "Không kết nối được cơ sở dữ liệu");
	} else if (!db) {
		res.status = 400;
		res.content_type = "text/plain; charset=utf-8";
		buf_puts(&res.body, "Đường dẫn không phải UTF-8\n");
	} else {
		http_handle(&s->o.app, db, &q, &res, &c->arena);
	}
	c->user = res.user;
	enum MHD_Result ok = queue(mc, c, &res);
	http_res_free(&res);
	return ok;
}

/* Parses "host:port" and binds a listening socket. */
static int listen_on(const char *spec, int *fd_out, int *port_out, Err *e)
{
	const char *colon = strrchr(spec ? spec : "", ':');
	if (!colon)
		return err_set(
		        e, KC_EINVAL, "listen address '%s' is not host:port", spec ? spec : "");
	char host[64];
	snprintf(host, sizeof host, "%.*s", (int)(colon - spec), spec);
	char *end;
	long port = strtol(colon + 1, &end, 10);
	if (*end || port < 0 || port > 65535)
		return err_set(e, KC_EINVAL, "listen port '%s' is not a port", colon + 1);
	struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
	if (inet_pton(AF_INET, host, &sa.sin_addr) != 1)
		return err_set(e, KC_EINVAL, "listen host '%s' is not an IPv4 address", host);
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	int one = 1;
	if (fd < 0)
		return err_set(e, KC_EIO, "cannot create a socket: %s", strerror(errno));
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	socklen_t len = sizeof sa;
	if (bind(fd, (struct sockaddr *)&sa, sizeof sa) || listen(fd, 1024) ||
	        getsockname(fd, (struct sockaddr *)&sa, &len)) {
		int rc = err_set(e, KC_EIO, "cannot listen on '%s': %s", spec, strerror(errno));
		close(fd);
		return rc;
	}
	*fd_out = fd;
	*port_out = ntohs(sa.sin_port);
	return 0;
}

int server_start(const ServerOpts *o, Server **out, Err *e)
{
	Server *s = calloc(1, sizeof *s);
	if (!s)
		return err_set(e, KC_EIO, "out of memory");
	s->o = *o;
	int rc = listen_on(o->listen, &s->fd, &s->port, e);
	if (rc) {
		free(s);
		return rc;
	}
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	unsigned workers = o->workers > 0 ? (unsigned)o->workers : cores > 0 ? (unsigned)cores : 1;
	size_t mem = o->app.limits.header_bytes * 2;
	pthread_key_create(&s->db_key, close_db);
	pthread_mutex_init(&s->log_lock, NULL);
	unsigned total = o->connections ? o->connections : SERVER_CONNECTIONS;
	unsigned per_ip = o->connections_per_ip < 0    ? 0 /* libmicrohttpd: no limit */
	                  : o->connections_per_ip == 0 ? SERVER_CONNECTIONS_PER_IP
	                                               : (unsigned)o->connections_per_ip;
	s->mhd = MHD_start_daemon(MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ITC, 0, NULL, NULL,
	        on_request, s, MHD_OPTION_LISTEN_SOCKET, (MHD_socket)s->fd,
	        MHD_OPTION_THREAD_POOL_SIZE, workers, MHD_OPTION_CONNECTION_MEMORY_LIMIT,
	        mem < 32768 ? (size_t)32768 : mem, MHD_OPTION_CONNECTION_TIMEOUT,
	        o->app.limits.req_seconds, MHD_OPTION_NOTIFY_COMPLETED, on_completed, s,
	        MHD_OPTION_CONNECTION_LIMIT, total, MHD_OPTION_PER_IP_CONNECTION_LIMIT, per_ip,
	        MHD_OPTION_END);
	if (!s->mhd) {
		close(s->fd);
		pthread_key_delete(s->db_key);
		pthread_mutex_destroy(&s->log_lock);
		free(s);
		return err_set(e, KC_EIO, "cannot start the HTTP server on '%s'", o->listen);
	}
	*out = s;
	return 0;
}

int server_port(const Server *s)
{
	return s->port;
}

/* Stops the server: requests in flight may finish within grace_seconds,
 * new ones are refused (503), then the daemon stops and closes the listening
 * socket. Not MHD_quiesce_daemon: in libmicrohttpd 0.9.75 its removal of
 * the listening socket from each worker's epoll set races a worker's own
 * removal at its connection limit, and the library then aborts ("Failed to
 * remove listen FD from epoll set"). */
void server_stop(Server *s, int grace_seconds)
{
	if (!s)
		return;
	atomic_store(&s->stopping, true);
	for (int i = 0; i < grace_seconds * 100 && atomic_load(&s->in_flight) > 0; i++) {
		struct timespec ten_ms = {0, 10 * 1000 * 1000};
		nanosleep(&ten_ms, NULL);
	}
	MHD_stop_daemon(s->mhd);
	pthread_key_delete(s->db_key);
	pthread_mutex_destroy(&s->log_lock);
	free(s);
}
