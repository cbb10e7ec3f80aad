/* test_ids.c — every page of the app keeps its element ids unique and its
 * references to ids whole: a label's for, an aria-describedby or
 * aria-labelledby, an input's list name an id the page holds. A label that
 * names another form's field sends a screen reader (and a click on the
 * label) to the wrong field; two forms on one page (the đề án's payment and
 * invoice forms) must not share ids.
 *
 * The pages are found as a person finds them: from the dashboard, following
 * every link of the site, as each kind of user (forms differ by role), on the
 * demonstration data; a page counts once per shape (its path with numbers
 * replaced, and its tab). The đề án page with each of its tabs is asked for
 * explicitly as well, so the test cannot pass by not reaching it. */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "apitest.h"

/* The demonstration data, read by every test and changed by none. */
static ApiTest demo;

/* ---- A small list of strings ------------------------------------------------------------- */

typedef struct Strs {
	char **v;
	int n, cap;
} Strs;

static void strs_add(Strs *s, const char *p, size_t len)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 64;
		s->v = realloc(s->v, (size_t)s->cap * sizeof *s->v);
		assert_non_null(s->v);
	}
	s->v[s->n] = strndup(p, len);
	assert_non_null(s->v[s->n]);
	s->n++;
}

static bool strs_has(const Strs *s, const char *p)
{
	for (int i = 0; i < s->n; i++)
		if (!strcmp(s->v[i], p))
			return true;
	return false;
}

static void strs_free(Strs *s)
{
	for (int i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
	*s = (Strs){0};
}

/* ---- Reading a page's tags ------------------------------------------------------------------- */

/* What a page holds that the checks need: its ids in order, the ids its
 * attributes refer to (with the attribute, for the message), its links. */
typedef struct PageIds {
	Strs ids, refs, ref_attrs, links;
} PageIds;

static void page_free(PageIds *p)
{
	strs_free(&p->ids);
	strs_free(&p->refs);
	strs_free(&p->ref_attrs);
	strs_free(&p->links);
}

/* The value of an attribute with its character references undone: only
 * &amp; matters here (in a link's query), ids are plain. */
static void unescape_amp(char *s)
{
	char *w = s;
	for (const char *r = s; *r;) {
		if (!strncmp(r, "&amp;", 5)) {
			*w++ = '&';
			r += 5;
		} else {
			*w++ = *r++;
		}
	}
	*w = '\0';
}

/* Records attribute name="value" of a tag named tag. */
static void attribute(PageIds *p, const char *tag, size_t tag_len, const char *name,
        size_t name_len, const char *value, size_t value_len)
{
#define IS(s) (name_len == strlen(s) && !strncmp(name, s, name_len))
	if (IS("id")) {
		strs_add(&p->ids, value, value_len);
	} else if (IS("for") || IS("list") || IS("aria-describedby") || IS("aria-labelledby") ||
	           IS("aria-controls")) {
		/* a space-separated list of ids */
		const char *v = value, *end = value + value_len;
		while (v < end) {
			while (v < end && *v == ' ')
				v++;
			const char *w = v;
			while (w < end && *w != ' ')
				w++;
			if (w > v) {
				strs_add(&p->refs, v, (size_t)(w - v));
				strs_add(&p->ref_attrs, name, name_len);
			}
			v = w;
		}
	} else if (IS("href") && tag_len == 1 && *tag == 'a') {
		strs_add(&p->links, value, value_len);
		unescape_amp(p->links.v[p->links.n - 1]);
	}
#undef IS
}

/* Reads the attributes of every tag of html. Text is escaped by the writer,
 * so a '<' in the body starts a tag; comments and the insides of scripts
 * and styles are skipped. */
static void page_read(const char *html, PageIds *p)
{
	const char *s = html;
	while ((s = strchr(s, '<'))) {
		if (!strncmp(s, "<!--", 4)) {
			const char *e = strstr(s, "-->");
			s = e ? e + 3 : s + strlen(s);
			continue;
		}
		s++;
		if (*s == '/' || *s == '!') {
			continue;
		}
		const char *tag = s;
		while (*s && *s != ' ' && *s != '>' && *s != '\n' && *s != '/')
			s++;
		size_t tag_len = (size_t)(s - tag);
		for (;;) {
			while (*s == ' ' || *s == '\n' || *s == '\t' || *s == '/')
				s++;
			if (!*s || *s == '>')
				break;
			const char *name = s;
			while (*s && *s != '=' && *s != ' ' && *s != '>' && *s != '\n')
				s++;
			size_t name_len = (size_t)(s - name);
			if (*s != '=')
				continue; /* a boolean attribute */
			s++;
			char quote = (*s == '"' || *s == '\'') ? *s++ : ' ';
			const char *value = s;
			while (*s && *s != quote && !(quote == ' ' && *s == '>'))
				s++;
			attribute(p, tag, tag_len, name, name_len, value, (size_t)(s - value));
			if (*s == quote)
				s++;
		}
		if ((tag_len == 6 && !strncmp(tag, "script", 6)) ||
		        (tag_len == 5 && !strncmp(tag, "style", 5))) {
			const char *e = strstr(s, tag_len == 6 ? "</script" : "</style");
			s = e ? e : s + strlen(s);
		}
	}
}

/* ---- The checks ---------------------------------------------------------------------------- */

/* Appends to problems what is wrong with the ids of the page at path. */
static void check_page(const char *path, const PageIds *p, Buf *problems)
{
	for (int i = 0; i < p->ids.n; i++)
		for (int j = 0; j < i; j++)
			if (!strcmp(p->ids.v[i], p->ids.v[j])) {
				buf_printf(problems, "%s: id \"%s\" repeated\n", path, p->ids.v[i]);
				break;
			}
	for (int i = 0; i < p->refs.n; i++)
		if (!strs_has(&p->ids, p->refs.v[i]))
			buf_printf(problems, "%s: %s=\"%s\" names no id of the page\n", path,
			        p->ref_attrs.v[i], p->refs.v[i]);
}

/* The shape of a link: its path with every run of digits as "#", and its
 * tab; so each kind of page is read once, not each record. */
static void shape_of(const char *url, char *out, size_t n)
{
	size_t w = 0;
	const char *s = url;
	for (; *s && *s != '?' && w + 2 < n; s++) {
		if (*s >= '0' && *s <= '9') {
			out[w++] = '#';
			while (s[1] >= '0' && s[1] <= '9')
				s++;
		} else {
			out[w++] = *s;
		}
	}
	out[w] = '\0';
	const char *tab = strstr(url, "?tab=");
	if (!tab)
		tab = strstr(url, "&tab=");
	if (tab) {
		size_t len = strcspn(tab + 5, "&#");
		snprintf(out + w, n - w, "?tab=%.*s", (int)len, tab + 5);
	}
}

/* Whether a link leads to a page of the site a crawl should read: not the
 * API, a download, a sign-out or a fragment of the same page. */
static bool crawlable(const char *url)
{
	return url[0] == '/' && url[1] != '/' && strncmp(url, "/api/", 5) &&
	       strncmp(url, "/static/", 8) && strncmp(url, "/assets/", 8) &&
	       !strstr(url, "format=") && strncmp(url, "/dang-xuat", 10);
}

enum { MAX_PAGES = 400 };

/* Reads the pages user reaches from starts, following links; appends the
 * problems found; returns how many pages were read. */
static int crawl(const char *user, const char *const *starts, Buf *problems, Strs *shapes)
{
	Strs queue = {0};
	for (const char *const *s = starts; *s; s++)
		strs_add(&queue, *s, strlen(*s));
	int read = 0;
	for (int q = 0; q < queue.n && read < MAX_PAGES; q++) {
		char shape[512];
		shape_of(queue.v[q], shape, sizeof shape);
		if (strs_has(shapes, shape))
			continue;
		strs_add(shapes, shape, strlen(shape));
		ApiRes r;
		apitest_get(&demo, user, queue.v[q], &r);
		if (r.status == 200 && strstr(r.content_type, "text/html")) {
			PageIds p = {0};
			page_read(r.body, &p);
			check_page(queue.v[q], &p, problems);
			for (int i = 0; i < p.links.n; i++) {
				char *hash = strchr(p.links.v[i], '#');
				if (hash)
					*hash = '\0';
				if (crawlable(p.links.v[i]))
					strs_add(&queue, p.links.v[i], strlen(p.links.v[i]));
			}
			page_free(&p);
			read++;
		}
		apires_free(&r);
	}
	strs_free(&queue);
	return read;
}

/* The first đề án of the demonstration data the user sees: its page. */
static void first_project(const char *user, char *out, size_t n)
{
	ApiRes r;
	apitest_get(&demo, user, "/api/v1/projects?limit=1", &r);
	assert_status(&r, 200);
	long long id = apires_int(&r, "items.0.id");
	assert_true(id > 0);
	snprintf(out, n, "/de-an/%lld", id);
	apires_free(&r);
}

static void pages_of(const char *user)
{
	char project[64], tabs[9][96];
	first_project(user, project, sizeof project);
	static const char *const tab_names[] = {"chung", "thu-huong", "kinh-phi", "giai-ngan",
	        "trang-thai", "kiem-tra", "tai-lieu", "ket-qua"};
	const char *starts[12] = {"/"};
	int n = 1;
	for (size_t i = 0; i < COUNT_OF(tab_names); i++) {
		snprintf(tabs[i], sizeof tabs[i], "%s?tab=%s", project, tab_names[i]);
		starts[n++] = tabs[i];
	}
	snprintf(tabs[8], sizeof tabs[8], "%s/lich-su", project);
	starts[n++] = tabs[8];
	starts[n] = NULL;
	Buf problems;
	buf_init(&problems, 1 << 20);
	Strs shapes = {0};
	int read = crawl(user, starts, &problems, &shapes);
	/* Reached what it must: the tabs asked for and the lists. */
	assert_true(strs_has(&shapes, "/de-an/#?tab=giai-ngan"));
	assert_true(strs_has(&shapes, "/co-so"));
	assert_true(read >= 20);
	print_message("# %s: %d pages read\n", user, read);
	strs_free(&shapes);
	if (problems.len)
		fail_msg("as %s, ids that repeat or are missing:\n%s", user, buf_cstr(&problems));
	buf_free(&problems);
}

/* National: every province, every role's forms. */
static void ids_unique_admin(void **state)
{
	(void)state;
	pages_of("admin");
}

/* Staff of a province: the forms staff fill in. */
static void ids_unique_staff(void **state)
{
	(void)state;
	pages_of("staff");
}

/* A manager: the decision forms besides. */
static void ids_unique_manager(void **state)
{
	(void)state;
	pages_of("manager");
}

/* The reader itself: a repeated id and a label for a missing field are seen. */
static void reader_sees_faults(void **state)
{
	(void)state;
	PageIds p = {0};
	page_read("<form><label for=\"f-amount\">A</label><input id=\"f-amount\">"
	          "<label for=\"hd-amount\">B</label><input id=\"f-amount\" "
	          "aria-describedby=\"loi-amount\"><a href=\"/x?a=1&amp;tab=y\">x</a></form>",
	        &p);
	Buf problems;
	buf_init(&problems, 4096);
	check_page("/t", &p, &problems);
	assert_non_null(strstr(buf_cstr(&problems), "id \"f-amount\" repeated"));
	assert_non_null(strstr(buf_cstr(&problems), "for=\"hd-amount\" names no id"));
	assert_non_null(strstr(buf_cstr(&problems), "aria-describedby=\"loi-amount\""));
	assert_int_equal(p.links.n, 1);
	assert_string_equal(p.links.v[0], "/x?a=1&tab=y");
	char shape[64];
	shape_of("/de-an/12/kiem-tra/3?q=1&tab=giai-ngan", shape, sizeof shape);
	assert_string_equal(shape, "/de-an/#/kiem-tra/#?tab=giai-ngan");
	buf_free(&problems);
	page_free(&p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(reader_sees_faults),
	        cmocka_unit_test(ids_unique_admin),
	        cmocka_unit_test(ids_unique_staff),
	        cmocka_unit_test(ids_unique_manager),
	};
	if (apitest_open_demo(&demo))
		return 1;
	int failed = cmocka_run_group_tests(tests, NULL, NULL);
	apitest_close(&demo);
	return failed;
}
