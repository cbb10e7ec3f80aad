/* http_assets.h — the web pages' static files (CSS, scripts, images), built
 * into the binary from src/web/assets by scripts/embed.sh.
 *
 * Each file is served at /static/NAME.HASH.EXT, HASH being the first 12 hex
 * digits of its SHA-256, with a year-long immutable cache: a page names the
 * current URL (http_asset_url), so a new build's file has a new URL and a
 * browser on a slow link downloads each version once. An old or unknown URL
 * is a 404. */
#ifndef KC_HTTP_ASSETS_H
#define KC_HTTP_ASSETS_H

#include "http/http_router.h"

/* The URL of asset name ("app.css"), static storage; "/static/missing" for
 * a name that is not built in. */
const char *http_asset_url(const char *name);
/* GET /static/{key}: the file, or 404. */
int http_asset_get(Ctx *c);

#endif
