/* web_dash.h — the figures of the dashboard (web_dash.c) below its đề án by
 * status: the map of provinces, funds by source and by activity content
 * with a chart each, the year's deadlines and the đề án to watch. */
#ifndef KC_WEB_DASH_H
#define KC_WEB_DASH_H

#include "http/http_router.h"
#include "web/web_dash_figures.h"

/* The values of the dashboard's `chi-so` parameter, the figure the map is
 * coloured by: "giai-ngan" (the default), "ho-tro", "de-an"; NULL-terminated. */
extern const char *const web_dash_map_values[];

/* Writes the sections of figures f (web_dash_figures_read: the year and
 * the scope the router checked). */
void web_dash_sections(Ctx *c, const Figures *f);

#endif
