# khuyencong — plain Makefile. Every library comes from pkg-config.
#
#   make          release build of ./khuyencong
#   make test     the whole test suite
#   make asan     the test suite under AddressSanitizer + UBSan
#   make run      install what is missing, build, and run the program's main job
#   make lint     formatting check and banned functions
#   make bench    benchmarks at national scale against the machine's limits (bench/)
#   make bench-db list and aggregate queries timed on SQLite and PostgreSQL
#   make clean

LIBS      := libutf8proc sqlite3 libsodium libargon2 jansson libmicrohttpd xlsxwriter cairo pangocairo \
             pangoft2 fontconfig libzip expat libpq
TEST_LIBS := cmocka icu-i18n icu-uc libcurl

CC      ?= cc
WARN    := -std=c17 -Wall -Wextra -Werror -Wformat=2 -Wshadow -Wstrict-prototypes \
           -Wmissing-prototypes -Wvla -Wno-missing-field-initializers
DEFS    := -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE
VERSION := 0.1.0
COMMIT  := $(shell git rev-parse --short=12 HEAD 2>/dev/null || echo unknown)

# Two build flavours share the sources: release (default) and asan.
MODE ?= release
ifneq (,$(findstring asan,$(MODE)))
  OPT := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all
else
  OPT := -O2 -g
endif
B := build/$(MODE)

PKG_CFLAGS := $(shell pkg-config --cflags $(LIBS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(LIBS) 2>/dev/null)
TST_CFLAGS := $(shell pkg-config --cflags $(TEST_LIBS) 2>/dev/null)
TST_LIBS   := $(shell pkg-config --libs $(TEST_LIBS) 2>/dev/null)

CFLAGS_ALL := $(WARN) $(DEFS) $(OPT) -Isrc $(PKG_CFLAGS) -MMD -MP $(CFLAGS)
LDFLAGS_ALL := $(OPT) $(LDFLAGS)

MAIN_SRC := src/cli/main.c
LIB_SRC  := $(filter-out $(MAIN_SRC),$(wildcard src/*/*.c))
MIGRATIONS := $(sort $(wildcard src/store/migrations/*.sql))
ADMIN_DATA := $(sort $(wildcard data/admin-units/*.csv) data/regions.csv)
REPORT_DATA := $(sort $(wildcard data/reports/*.json))
IMPORT_DATA := $(sort $(wildcard data/import/*.csv))
WEB_ASSETS := $(sort $(wildcard src/web/assets/*))
# The first rule below is the web assets', so name the default goal.
.DEFAULT_GOAL := all

# ---- web-dash: the dashboard's map and chart libraries ----
# Built from the npm packages of package-lock.json, once (not per MODE), and
# embedded like the files above: the program itself never needs Node. The
# map is the 34 current provinces simplified to about 30 KB (scripts/build-map.mjs);
# dashboard.js bundles src/web/js/dashboard.js with d3-geo, d3-selection,
# d3-array and topojson-client (ISC licences, kept in the bundle).
WEB_BUILT := build/web/provinces.json build/web/dashboard.js
WEB_ASSETS += $(WEB_BUILT)
build/web/provinces.json: data/admin-units/provinces_2025.geojson scripts/build-map.mjs \
		node_modules/.package-lock.json
	@mkdir -p $(@D)
	node scripts/build-map.mjs $< $@
build/web/dashboard.js: $(wildcard src/web/js/*.js) node_modules/.package-lock.json
	@mkdir -p $(@D)
	node_modules/.bin/esbuild src/web/js/dashboard.js --bundle --minify --format=iife \
	  --target=es2020 --legal-comments=eof --log-level=warning \
	  '--banner:js=/* d3-geo d3-selection d3-array topojson-client: ISC licence, (c) Mike Bostock */' \
	  --outfile=$@
# ---- end web-dash ----
GEN_SRC  := $(B)/gen/migrations.c $(B)/gen/admin_data.c $(B)/gen/report_data.c \
            $(B)/gen/import_data.c $(B)/gen/web_assets.c
LIB_OBJ  := $(LIB_SRC:%.c=$(B)/%.o) $(GEN_SRC:.c=.o)
TEST_SRC := $(wildcard tests/*/test_*.c)
TEST_BIN := $(TEST_SRC:%.c=$(B)/%)
HARNESS  := $(B)/tests/harness.o $(B)/tests/fixture.o $(B)/tests/apitest.o
FUZZ_SRC := $(wildcard fuzz/fuzz_*.c)
FUZZ_BIN := $(FUZZ_SRC:fuzz/fuzz_%.c=$(B)/tests/fuzz/test_fuzz_%)
FUZZ_TIME ?= 60

.PHONY: all test asan run lint deps clean tests-build fuzz bench bench-import bench-db
# Keep object files make would otherwise delete as intermediates.
.SECONDARY:
all: khuyencong

khuyencong: $(B)/khuyencong
	cp $< $@

$(B)/khuyencong: $(B)/src/cli/main.o $(B)/libkc.a
	$(CC) $(LDFLAGS_ALL) -o $@ $^ $(PKG_LIBS)

$(B)/libkc.a: $(LIB_OBJ)
	rm -f $@
	ar rcs $@ $^

# Stamps hold values make cannot see as files: the commit, and the lists of
# embedded files. Each is rewritten only when its content changes, so a new
# commit rebuilds main.o alone and a deleted migration regenerates its table.
stamp = $(shell mkdir -p $(B)/gen; printf '%s\n' $(2) | cmp -s - $(B)/gen/$(1) || \
	printf '%s\n' $(2) > $(B)/gen/$(1); echo $(B)/gen/$(1))
COMMIT_STAMP     := $(call stamp,commit.stamp,$(COMMIT))
MIGRATIONS_STAMP := $(call stamp,migrations.stamp,$(MIGRATIONS))
ADMIN_STAMP      := $(call stamp,admin_data.stamp,$(ADMIN_DATA))
REPORT_STAMP     := $(call stamp,report_data.stamp,$(REPORT_DATA))
IMPORT_STAMP     := $(call stamp,import_data.stamp,$(IMPORT_DATA))
ASSETS_STAMP     := $(call stamp,web_assets.stamp,$(WEB_ASSETS))

# The version and commit reach only main.o.
$(B)/src/cli/main.o: CFLAGS_ALL += -DKC_VERSION='"$(VERSION)"' -DKC_COMMIT='"$(COMMIT)"'
$(B)/src/cli/main.o: $(COMMIT_STAMP)

# Files built into the binary: the schema migrations and reference data.
$(B)/gen/migrations.c: $(MIGRATIONS) $(MIGRATIONS_STAMP) scripts/embed.sh
	@mkdir -p $(@D)
	bash scripts/embed.sh kc_migrations $(MIGRATIONS) > $@

$(B)/gen/admin_data.c: $(ADMIN_DATA) $(ADMIN_STAMP) scripts/embed.sh
	@mkdir -p $(@D)
	bash scripts/embed.sh kc_admin_data $(ADMIN_DATA) > $@

$(B)/gen/report_data.c: $(REPORT_DATA) $(REPORT_STAMP) scripts/embed.sh
	@mkdir -p $(@D)
	bash scripts/embed.sh kc_report_data $(REPORT_DATA) > $@
$(B)/gen/import_data.c: $(IMPORT_DATA) $(IMPORT_STAMP) scripts/embed.sh
	@mkdir -p $(@D)
	bash scripts/embed.sh kc_import_data $(IMPORT_DATA) > $@

# The web pages' CSS and scripts, served with their hash in the URL.
$(B)/gen/web_assets.c: $(WEB_ASSETS) $(ASSETS_STAMP) scripts/embed.sh
	@mkdir -p $(@D)
	bash scripts/embed.sh kc_web_assets $(WEB_ASSETS) > $@

$(B)/gen/%.o: $(B)/gen/%.c
	$(CC) $(CFLAGS_ALL) -c -o $@ $<

$(B)/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) -c -o $@ $<

$(B)/tests/%.o: tests/%.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) $(TST_CFLAGS) -Itests -DKC_BUILD_DIR='"$(B)"' -c -o $@ $<

$(B)/tests/%: $(B)/tests/%.o $(HARNESS) $(B)/libkc.a
	$(CC) $(LDFLAGS_ALL) -o $@ $^ $(PKG_LIBS) $(TST_LIBS)

# Each fuzz target, linked with a driver that replays its stored corpus.
$(B)/tests/fuzz/test_fuzz_%: fuzz/fuzz_%.c fuzz/replay.c $(B)/libkc.a
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) -o $@ $^ $(PKG_LIBS)

# The browser journeys (tests/web, Node + playwright-core driving Debian's
# Chromium against the real server of this build) as one more test_* the
# runner counts; they skip, counted as skipped, when Node, the npm packages
# or Chromium are missing.
WEB_TESTS := $(wildcard tests/web/*.mjs)
$(B)/tests/web/test_browser: $(WEB_TESTS) Makefile
	@mkdir -p $(@D)
	@printf '%s\n' '#!/bin/sh' '# generated by the Makefile: the browser journeys of tests/web' \
	  'command -v node >/dev/null || { echo "ok 1 - browser journeys # SKIP no node"; echo 1..1; exit 0; }' \
	  'cd "$(CURDIR)" && exec node tests/web/run.mjs "$(B)"' > $@
	@chmod +x $@

# npm is needed to build the web assets (above); scripts/deps.sh installs it.
node_modules/.package-lock.json: package.json package-lock.json
	@command -v npm >/dev/null || bash scripts/deps.sh
	npm ci --no-audit --no-fund --loglevel=error

tests-build: $(TEST_BIN) $(FUZZ_BIN) $(B)/khuyencong $(B)/bench/kcbench \
	$(B)/tests/web/test_browser node_modules/.package-lock.json

# Coverage-guided fuzzing with libFuzzer (clang); new finds join the corpus.
# FUZZ=name fuzzes one target. The command line is not linked in: a target
# calls the library, and the generated tables (schema, units) come along.
FUZZ ?= $(FUZZ_SRC:fuzz/fuzz_%.c=%)
fuzz: $(GEN_SRC)
	@for n in $(FUZZ); do f=fuzz/fuzz_$$n.c; \
	  echo "fuzzing $$n for $(FUZZ_TIME)s"; \
	  clang $(WARN) $(DEFS) -g -O1 -fsanitize=fuzzer,address,undefined -Isrc $(PKG_CFLAGS) \
	    -o build/fuzz_$$n $$f $(filter-out src/cli/%,$(LIB_SRC)) $(GEN_SRC) $(PKG_LIBS) && \
	  mkdir -p fuzz/corpus/$$n && build/fuzz_$$n -max_total_time=$(FUZZ_TIME) fuzz/corpus/$$n \
	    || exit 1; done

# The import benchmark (bench/bench_import.c): ROWS=1000000 by default.
ROWS ?= 1000000
bench-import: $(B)/bench/bench_import
	$(B)/bench/bench_import $(ROWS)

$(B)/bench/%: bench/%.c $(B)/libkc.a
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) -o $@ $^ $(PKG_LIBS)

# The list and aggregate queries timed on SQLite and PostgreSQL at the same
# size (BENCH_PROJECTS đề án); figures in bench/results.md.
BENCH_PROJECTS ?= 20000
bench-db: deps $(B)/bench/bench_db
	@bench/db.sh $(B) $(BENCH_PROJECTS)

deps:
	@bash scripts/deps.sh

# Also refreshes ./khuyencong, so what was tested is what runs.
test: deps
	@$(MAKE) --no-print-directory tests-build khuyencong
	@tests/run.sh $(B)

asan: deps
	@$(MAKE) --no-print-directory MODE=asan tests-build
	@ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
		LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 \
		tests/run.sh build/asan

# Until the server lands, the program's main job is to create a database:
# var/demo.sqlite with the demonstration data when it is missing.
# The demonstration: a database with the articles' data and an administrator
# (quan.tri, password khuyencong-demo), made once, then served on
# http://127.0.0.1:8080 until Ctrl-C. PORT=... serves elsewhere.
PORT ?= 8080
run: deps
	@$(MAKE) --no-print-directory khuyencong
	@mkdir -p var
	@if [ ! -f var/demo.sqlite ]; then \
	  ./khuyencong demo --db var/demo.sqlite && \
	  printf 'khuyencong-demo\n' | ./khuyencong user add --db var/demo.sqlite \
	    --username quan.tri --name 'Quản trị thử nghiệm' --role admin; \
	fi
	./khuyencong init --db var/demo.sqlite
	@echo "open http://127.0.0.1:$(PORT)/ and sign in as quan.tri / khuyencong-demo — API: http://127.0.0.1:$(PORT)/api/v1/openapi.json"
	./khuyencong serve --db var/demo.sqlite --listen 127.0.0.1:$(PORT)

# Never part of make test: figures, not assertions. Installs wrk and nginx
# (scripts/bench-deps.sh), generates var/bench/national.sqlite once, runs
# kcbench (in-process), wrk against nginx and bench_import, writes its
# section of bench/results.md and prints one "name: value" line per figure.
bench: deps
	@bash scripts/bench-deps.sh
	@$(MAKE) --no-print-directory khuyencong $(B)/bench/kcbench $(B)/bench/bench_import
	@bash bench/run.sh $(B)

lint:
	@bash scripts/lint.sh

clean:
	rm -rf build khuyencong

-include $(LIB_OBJ:.o=.d) $(B)/src/cli/main.d $(TEST_BIN:=.d) $(HARNESS:.o=.d)
