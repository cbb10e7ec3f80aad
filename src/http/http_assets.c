/* http_assets.c — see http_assets.h. */
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "core/embed.h"
#include "http/http_assets.h"

extern const EmbeddedFile kc_web_assets[];

enum { MAX_ASSETS = 32, URL_LEN = 96 };

/* The URLs, made once: the hashes of files that never change while the
 * program runs. */
static char urls[MAX_ASSETS][URL_LEN];
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void make_urls(void)
{
	for (int i = 0; i < MAX_ASSETS && kc_web_assets[i].name; i++) {
		const EmbeddedFile *f = &kc_web_assets[i];
		unsigned char hash[crypto_hash_sha256_BYTES];
		crypto_hash_sha256(hash, f->data, f->size);
		char hex[2 * sizeof hash + 1];
		sodium_bin2hex(hex, sizeof hex, hash, sizeof hash);
		const char *dot = strrchr(f->name, '.');
		int stem = dot ? (int)(dot - f->name) : (int)strlen(f->name);
		snprintf(urls[i], URL_LEN, "/static/%.*s.%.12s%s", stem, f->name, hex,
		        dot ? dot : "");
	}
}

const char *http_asset_url(const char *name)
{
	pthread_once(&once, make_urls);
	for (int i = 0; i < MAX_ASSETS && kc_web_assets[i].name; i++)
		if (!strcmp(kc_web_assets[i].name, name))
			return urls[i];
	return "/static/missing";
}

static const char *mime_of(const char *name)
{
	static const struct {
		const char *ext, *mime;
	} types[] = {
	        {".css", "text/css; charset=utf-8"},
	        {".js", "text/javascript; charset=utf-8"},
	        {".json", "application/json"},
	        {".svg", "image/svg+xml"},
	        {".png", "image/png"},
	        {".woff2", "font/woff2"},
	};
	const char *dot = strrchr(name, '.');
	for (size_t i = 0; dot && i < sizeof types / sizeof types[0]; i++)
		if (!strcmp(dot, types[i].ext))
			return types[i].mime;
	return "application/octet-stream";
}

int http_asset_get(Ctx *c)
{
	pthread_once(&once, make_urls);
	for (int i = 0; i < MAX_ASSETS && kc_web_assets[i].name; i++) {
		if (strcmp(urls[i] + strlen("/static/"), c->key))
			continue;
		const EmbeddedFile *f = &kc_web_assets[i];
		c->res->status = 200;
		c->res->content_type = mime_of(f->name);
		http_res_set(c->res, "Cache-Control", "public, max-age=31536000, immutable");
		buf_append(&c->res->body, f->data, f->size);
		return 0;
	}
	return ctx_fail(c, 404, err_set(&c->err, KC_ENOTFOUND, "Không có tệp này"));
}
