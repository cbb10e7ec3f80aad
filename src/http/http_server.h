/* http_server.h — the HTTP server: libmicrohttpd with its epoll thread pool.
 *
 * Each worker thread opens its own database connection on its first request
 * and closes it when the thread ends; each request gets an arena freed when
 * its response has been sent. Requests go through http_handle, the same path
 * as `khuyencong test-http`. One access-log line per request goes to the
 * log stream: time, method, path, status, bytes, duration, user. */
#ifndef KC_HTTP_SERVER_H
#define KC_HTTP_SERVER_H

#include <stdio.h>

#include "http/http_router.h"

/* Connections held at once (serve --max-connections), and from one client
 * address (--max-connections-per-ip). Behind a reverse proxy every connection
 * comes from the proxy's address: give 0 (no limit per address) and limit
 * clients in the proxy. */
enum { SERVER_CONNECTIONS = 1000, SERVER_CONNECTIONS_PER_IP = 100 };

typedef struct ServerOpts {
	const char *db;     /* a path or postgresql://... */
	const char *listen; /* "127.0.0.1:8080"; port 0 picks a free one */
	int workers;        /* threads; 0: one per core */
	HttpApp app;
	FILE *log;              /* the access log; NULL: none */
	unsigned connections;   /* 0: SERVER_CONNECTIONS */
	int connections_per_ip; /* 0: SERVER_CONNECTIONS_PER_IP; -1: no limit */
} ServerOpts;

typedef struct Server Server;

/* Starts serving in background threads; *out is the server to stop. An
 * upload route's caller whom the headers already refuse (http_refuse_upload)
 * is answered before the body is read. */
int server_start(const ServerOpts *o, Server **out, Err *e);
/* The port it listens on (useful with port 0). */
int server_port(const Server *s);
/* Stops accepting, waits up to grace_seconds for requests in flight to end,
 * then closes every connection and frees the server. */
void server_stop(Server *s, int grace_seconds);

#endif
