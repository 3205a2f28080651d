# ogi - check the statistical tables of government information disclosure
# annual reports. `make demo` and `make test` work on a fresh Debian 12.

CC      ?= cc
# (opencc: its header only; the library is loaded on first need, see OPENCC_LIB)
PKGS    := xlsxwriter jansson opencc libgsf-1 nettle libzip expat
BUILD   ?= build
SANITIZE ?= 0

# Debian packages ogi needs to build and test (see `make deps`).
DEB_BUILD := pkg-config gcc make libxlsxwriter-dev libjansson-dev \
             libopencc-dev libopencc-data libgsf-1-dev libcmocka-dev libssl-dev nettle-dev \
             libzip-dev libexpat1-dev opencc libmicrohttpd-dev libsqlite3-dev
DEB_TEST  := python3 python3-openpyxl libspreadsheet-writeexcel-perl
# ogi convert's tests open every output with LibreOffice and read a PDF
DEB_TEST  += libreoffice-calc-nogui fonts-wqy-microhei poppler-utils
# tests/fixtures/formats/make_formats.sh writes .xlsx as Excel does
DEB_TEST  += libexcel-writer-xlsx-perl
# tests/fixtures/reworded/make_reworded.py writes its .ods forms with odfpy
DEB_TEST  += python3-odf
# tests/freexl: freexl, the independent reference for ogi's BIFF8 decoder
DEB_TEST  += libfreexl-dev

ifeq ($(SANITIZE),1)
BUILD   := build-san
SANFLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
# a sanitizer's report must fail a test, never pass for ogi's own exit 1
export ASAN_OPTIONS := exitcode=86:detect_leaks=1
export UBSAN_OPTIONS := halt_on_error=1:print_stacktrace=1:exitcode=86
endif

# ogi watch keeps its file table in a GHashTable (glib comes with libgsf)
PKGS    += glib-2.0
# the office's register of submissions, BOX/ogi.sqlite (docs/campaign.md)
PKGS    += sqlite3
# ogi serve (src/serve) answers HTTP with libmicrohttpd; only the front
# links it, the library never does
SERVE_PKGS := libmicrohttpd libcrypto

PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(filter-out opencc $(STATIC_PKGS),$(PKGS)) 2>/dev/null) \
             $(STATIC_LIBS)

# libgsf (the OLE2 container of .xls) and the GLib stack under it linked
# from their static archives when Debian's -dev packages ship them (they
# do): only the objects ogi's calls pull in are linked, so gio, gmodule,
# libmount, selinux and blkid are never loaded, and libxml2 (gsf_init
# registers libgsf's XML types), glib, gobject, pcre2 and ffi cost no
# mapping nor symbol lookups at start (docs/performance.md, "Start-up").
# All or none: no other library ogi loads uses GLib, and one process must
# never hold two copies of it. libgsf's bzip2 streams are not in its .pc,
# hence -lbz2. Without the archives, the shared libraries.
STATIC_PKGS  := libgsf-1 glib-2.0
STATIC_NAMES := libgsf-1 libxml2 libgobject-2.0 libglib-2.0 libpcre2-8 libffi
STATIC_DIR   := $(shell pkg-config --variable=libdir libgsf-1 2>/dev/null)
STATIC_A     := $(wildcard $(STATIC_NAMES:%=$(STATIC_DIR)/%.a))
ifeq ($(words $(STATIC_A)),$(words $(STATIC_NAMES)))
STATIC_LIBS = $(STATIC_A) -Wl,--push-state,--as-needed \
              $(filter-out $(STATIC_NAMES:lib%=-l%),$(shell pkg-config --static --libs libgsf-1 2>/dev/null)) \
              -lbz2 -Wl,--pop-state
else
STATIC_LIBS = $(shell pkg-config --libs $(STATIC_PKGS) 2>/dev/null)
endif

# The stages of the code are its folders (docs/architecture.md): the library
# under src/lib/ (util, read, check, report, write, office) with its public headers
# src/include/ogi.h and ogi_office.h, the fronts under src/cli/, src/watch/ and src/serve/.
# Headers are included by name; each folder is on the include path.
LIB_DIRS   := src/lib/util src/lib/read src/lib/check src/lib/report src/lib/write \
              src/lib/office
FRONT_DIRS := src/cli src/watch src/serve
SRC_DIRS   := src/include $(LIB_DIRS) $(FRONT_DIRS)

# CFLAGS is the user's (make CFLAGS=-O0 still builds); ogi's own flags are
# OGI_CFLAGS, which the command line does not replace.
CFLAGS  ?= -O2 -g
OGI_CFLAGS := -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror $(addprefix -I,$(SRC_DIRS)) \
              -I$(BUILD) $(PKG_CFLAGS) $(SANFLAGS) -MMD -MP
ALL_CFLAGS = $(OGI_CFLAGS) $(CFLAGS)
LDLIBS  += $(PKG_LIBS) -lm -lpthread $(SANFLAGS)

LIB_SRC   := $(sort $(foreach d,$(LIB_DIRS),$(wildcard $(d)/*.c)))
FRONT_SRC := $(sort $(foreach d,$(FRONT_DIRS),$(wildcard $(d)/*.c)))
ALL_HDR   := $(foreach d,$(SRC_DIRS),$(wildcard $(d)/*.h))
TEMPLATES := $(sort $(wildcard src/lib/check/templates/*.tsv))

LIB_OBJ  := $(LIB_SRC:src/%.c=$(BUILD)/obj/%.o) $(BUILD)/obj/templates_data.o $(BUILD)/obj/t2s_data.o
TLIB_OBJ := $(LIB_SRC:src/%.c=$(BUILD)/tobj/%.o) $(BUILD)/obj/templates_data.o $(BUILD)/obj/t2s_data.o
FRONT_OBJ := $(FRONT_SRC:src/%.c=$(BUILD)/obj/%.o)
UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
# End-to-end tests: each runs as `TEST BUILD/ogi` and ends "N passed, M failed".
E2E_TESTS := $(sort $(wildcard tests/e2e/test_*.py tests/e2e/test_*.sh)) tests/freexl/test_freexl.py
# What the end-to-end tests run besides ogi itself.
E2E_BIN  := $(BUILD)/ogi $(BUILD)/ogi-serve $(BUILD)/tests/freexl_compare $(BUILD)/tests/freexl_walk

.PHONY: all deps deps-check demo test unit e2e bench clean plugin plugin-test valgrind fuzz fuzz-deps fuzz-regress format fuzz-xml
.PHONY: install uninstall fuzz-freexl
.SECONDARY:

all: deps-check $(BUILD)/ogi $(BUILD)/ogi-serve

# Two programs (docs/architecture.md, "Programs"): ogi, and ogi-serve, which
# `ogi serve` runs (src/cli/cli_exec.c), so that only the server loads
# libmicrohttpd and its TLS chain; a one-file `ogi check` starts without them.
OGI_OBJ   := $(filter-out $(BUILD)/obj/serve/%,$(FRONT_OBJ))
SERVE_OBJ := $(filter-out $(BUILD)/obj/cli/main.o,$(FRONT_OBJ))

$(BUILD)/ogi: $(OGI_OBJ) $(BUILD)/libogi.a
	$(CC) $(CFLAGS) $(OGI_LDFLAGS) -o $@ $(OGI_OBJ) $(BUILD)/libogi.a $(LDLIBS)

$(BUILD)/ogi-serve: $(SERVE_OBJ) $(BUILD)/libogi.a
	$(CC) $(CFLAGS) $(OGI_LDFLAGS) -o $@ $(SERVE_OBJ) $(BUILD)/libogi.a $(LDLIBS) \
	    $(shell pkg-config --libs $(SERVE_PKGS))

$(BUILD)/obj/serve/%.o $(BUILD)/tobj/serve/%.o: ALL_CFLAGS += $(shell pkg-config --cflags $(SERVE_PKGS))

$(BUILD)/libogi.a: $(LIB_OBJ)
	rm -f $@ && ar rcs $@ $^

# -MMD -MP: each object depends on the headers it includes, and no more.
$(BUILD)/obj/%.o: src/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/tobj/%.o: src/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -DTESTING -c -o $@ $<

-include $(shell find $(BUILD)/obj $(BUILD)/tobj $(BUILD)/tests -name '*.d' 2>/dev/null)

# The statutory templates are data compiled into the library.
$(BUILD)/templates_data.c: $(TEMPLATES) src/lib/check/templates/embed.sh
	@mkdir -p $(@D)
	sh src/lib/check/templates/embed.sh $(TEMPLATES) > $@

$(BUILD)/obj/templates_data.o: $(BUILD)/templates_data.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

# The code points OpenCC's t2s could change, read at build time from
# OpenCC's own data with its own opencc_dict (src/lib/util/t2s_gen.pl).
OPENCC_DATA ?= $(shell pkg-config --variable=prefix opencc 2>/dev/null)/share/opencc
# OpenCC's library by its soname: t2s.c loads it (dlopen) when a first label
# needs it, so that a start without one never maps it nor libstdc++ and
# marisa with it (docs/performance.md, "Start-up"). Not linked.
OPENCC_LIBDIR ?= $(shell pkg-config --variable=libdir opencc 2>/dev/null)
OPENCC_LIB ?= $(OPENCC_LIBDIR)/$(shell objdump -p $(OPENCC_LIBDIR)/libopencc.so 2>/dev/null | \
                awk '$$1 == "SONAME" { print $$2 }')
$(BUILD)/t2s_data.c: src/lib/util/t2s_gen.pl $(wildcard $(OPENCC_DATA)/t2s.json $(OPENCC_DATA)/TS*.ocd2)
	@mkdir -p $(@D)/t2s
	perl src/lib/util/t2s_gen.pl $(OPENCC_DATA) $(@D)/t2s $(OPENCC_LIB) > $@.tmp && mv $@.tmp $@

$(BUILD)/obj/t2s_data.o: $(BUILD)/t2s_data.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

# tests/unit/helpers.c: what the unit tests share (books, zips, folders)
$(BUILD)/tests/helpers.o: tests/unit/helpers.c tests/unit/helpers.h
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -DTESTING -c -o $@ $<

# (test_text.c calls OpenCC itself, to compare: the unit tests link it)
$(BUILD)/tests/%: tests/unit/%.c $(TLIB_OBJ) $(BUILD)/tests/helpers.o
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -DTESTING -o $@ $< $(BUILD)/tests/helpers.o $(TLIB_OBJ) $(LDLIBS) -lcmocka \
	    $(shell pkg-config --libs opencc)

$(BUILD):
	mkdir -p $@

# tests/unit/test_watch.c tests the fronts' watch_*.c too (built -DTESTING).
WATCH_TOBJ := $(patsubst src/%.c,$(BUILD)/tobj/%.o,$(wildcard src/watch/watch_*.c))
$(BUILD)/tests/test_watch: tests/unit/test_watch.c $(TLIB_OBJ) $(WATCH_TOBJ) $(BUILD)/tests/helpers.o
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -DTESTING -o $@ $< $(WATCH_TOBJ) $(BUILD)/tests/helpers.o $(TLIB_OBJ) \
	    $(LDLIBS) -lcmocka

# tests/unit/test_serve.c tests serve's names, secrets and CSV (no HTTP).
SERVE_UNIT_TOBJ := $(patsubst src/%.c,$(BUILD)/tobj/%.o,$(addprefix src/serve/, \
                   serve_name.c serve_auth.c serve_buf.c serve_roster.c) src/watch/watch_name.c)
$(BUILD)/tests/test_serve: tests/unit/test_serve.c $(TLIB_OBJ) $(SERVE_UNIT_TOBJ)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -DTESTING -o $@ $< $(SERVE_UNIT_TOBJ) $(TLIB_OBJ) $(LDLIBS) -lcmocka \
	    $(shell pkg-config --libs $(SERVE_PKGS))

# Installs what is missing when run as root; otherwise says what to run.
deps:
	@sh tests/deps.sh $(DEB_BUILD) $(DEB_TEST)

# pkg-config finding every library is enough (a system without dpkg, or
# with the libraries built from source); otherwise the Debian packages.
deps-check:
	@pkg-config --exists $(PKGS) cmocka 2>/dev/null || sh tests/deps.sh --quiet $(DEB_BUILD)

demo: deps $(BUILD)/ogi
	@sh tests/demo.sh $(BUILD)/ogi

# tests/run.sh runs exactly the tests named here, not whatever else an
# older build left in $(BUILD)/tests.
unit: deps-check $(UNIT_BIN)
	@sh tests/run.sh $(BUILD) $(UNIT_BIN)

e2e: deps all $(E2E_BIN)
	@sh tests/run.sh $(BUILD) $(E2E_TESTS)

test: deps all $(UNIT_BIN) $(E2E_BIN)
	@sh tests/run.sh $(BUILD) $(UNIT_BIN) $(E2E_TESTS)

# The unit tests and the ogi binary's end-to-end tests under valgrind (errors
# and definite leaks fail); tests that start LibreOffice are left out.
valgrind: deps all $(UNIT_BIN) $(E2E_BIN)
	@sh tests/deps.sh valgrind
	@OGI_VALGRIND=1 sh tests/run.sh $(BUILD) $(UNIT_BIN) $(E2E_TESTS)

bench: deps all
	@sh bench/run.sh $(BUILD)/ogi
	@sh bench/formats.sh $(BUILD)/ogi
	@sh bench/startup.sh $(BUILD)/ogi

# ogi watch: latency, files/s, poll scans (docs/performance.md, "ogi watch")
.PHONY: bench-watch
bench-watch: deps all
	@/usr/bin/python3 bench/watch.py $(BUILD)/ogi

# ogi serve: upload to answer, uploads/s, memory (docs/performance.md, "ogi serve")
.PHONY: bench-serve
bench-serve: deps all
	@/usr/bin/python3 bench/serve.py $(BUILD)/ogi

format:
	clang-format -i $(LIB_SRC) $(FRONT_SRC) $(ALL_HDR) tests/unit/*.c tests/freexl/*.[ch]

clean:
	rm -rf build build-san demo-out

# freexl, an independent BIFF8 reader, against ogi's own decoder: every
# cell of every .xls (tests/freexl/test_freexl.py; docs/security.md).
FREEXL_SRC := tests/freexl/freexl_compare.c tests/freexl/compare.c
$(BUILD)/tests/freexl_compare: $(FREEXL_SRC) tests/freexl/compare.h $(BUILD)/libogi.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Itests/freexl $(shell pkg-config --cflags freexl) -o $@ $(FREEXL_SRC) \
	    $(BUILD)/libogi.a $(LDLIBS) $(shell pkg-config --libs freexl)

# freexl alone, never with sanitizers: whether freexl survives a file
# (tests/freexl/freexl_walk.c; the fuzz target and test_freexl.py ask it)
$(BUILD)/tests/freexl_walk $(BUILD)/fuzz/freexl_walk: tests/freexl/freexl_walk.c
	@mkdir -p $(@D)
	$(CC) -std=c11 -O1 -g $(shell pkg-config --cflags freexl) -o $@ $< $(shell pkg-config --libs freexl)

# make install [PREFIX=/usr/local] [DESTDIR=...]: the binary, ogi(1) in
# English and Chinese, the systemd units (watch, serve), the Calc extension and the docs;
# make uninstall removes them (tests/e2e/test_install.py).
PREFIX  ?= /usr/local
BINDIR  ?= $(PREFIX)/bin
# ogi-serve, run by `ogi serve` (src/cli/cli_exec.c looks in ../libexec/ogi
# beside the running ogi: BINDIR and LIBEXECDIR under the same PREFIX)
LIBEXECDIR ?= $(PREFIX)/libexec
MANDIR  ?= $(PREFIX)/share/man
DATADIR ?= $(PREFIX)/share/ogi
UNITDIR ?= $(PREFIX)/lib/systemd/system
DOCDIR  ?= $(PREFIX)/share/doc/ogi
DOC_FILES := $(sort $(wildcard docs/*.md docs/*.png))
INSTALLED := $(BINDIR)/ogi $(LIBEXECDIR)/ogi/ogi-serve $(MANDIR)/man1/ogi.1 $(MANDIR)/zh_CN/man1/ogi.1 \
             $(UNITDIR)/ogi-watch.service $(UNITDIR)/ogi-serve.service $(DATADIR)/ogi.oxt \
             $(addprefix $(DOCDIR)/,$(notdir $(DOC_FILES)))

# (DESTDIR quoted: a staging folder may have spaces.)
install: all $(BUILD)/ogi.oxt
	install -d "$(DESTDIR)$(BINDIR)" "$(DESTDIR)$(LIBEXECDIR)/ogi" "$(DESTDIR)$(MANDIR)/man1" "$(DESTDIR)$(MANDIR)/zh_CN/man1" \
	    "$(DESTDIR)$(UNITDIR)" "$(DESTDIR)$(DATADIR)" "$(DESTDIR)$(DOCDIR)"
	install -m 755 $(BUILD)/ogi "$(DESTDIR)$(BINDIR)/ogi"
	install -m 755 $(BUILD)/ogi-serve "$(DESTDIR)$(LIBEXECDIR)/ogi/ogi-serve"
	install -m 644 docs/ogi.1 "$(DESTDIR)$(MANDIR)/man1/ogi.1"
	install -m 644 docs/ogi.zh_CN.1 "$(DESTDIR)$(MANDIR)/zh_CN/man1/ogi.1"
	for u in ogi-watch ogi-serve; do \
	    sed -e 's|/usr/local/bin/ogi|$(BINDIR)/ogi|g' -e 's|/usr/local/share/doc/ogi|$(DOCDIR)|g' \
	        docs/$$u.service >$(BUILD)/$$u.service && \
	    install -m 644 $(BUILD)/$$u.service "$(DESTDIR)$(UNITDIR)/$$u.service" || exit 1; \
	done
	install -m 644 $(BUILD)/ogi.oxt "$(DESTDIR)$(DATADIR)/ogi.oxt"
	install -m 644 $(DOC_FILES) "$(DESTDIR)$(DOCDIR)/"

uninstall:
	for f in $(INSTALLED); do rm -f "$(DESTDIR)$$f"; done
	rmdir "$(DESTDIR)$(DATADIR)" "$(DESTDIR)$(DOCDIR)" "$(DESTDIR)$(LIBEXECDIR)/ogi" 2>/dev/null || true

# The LibreOffice Calc extension (plugin/, docs/plugin.md): build/ogi.oxt.
PLUGIN_SRC := $(shell find plugin -type f)

plugin: $(BUILD)/ogi.oxt

$(BUILD)/ogi.oxt: $(PLUGIN_SRC) src/include/ogi.h | $(BUILD)
	sh plugin/build.sh $@

# Installs the extension into a fresh LibreOffice profile and runs its test
# entry point headless (tests/e2e/test_plugin.py; `make test` runs it too).
plugin-test: deps all $(BUILD)/ogi.oxt
	@OGI_OXT=$(BUILD)/ogi.oxt /usr/bin/python3 tests/e2e/test_plugin.py $(BUILD)/ogi

# libFuzzer over the whole path (docs/security.md): `make fuzz` runs it for
# FUZZ_SECONDS from the samples and tests/fixtures/bad as seed corpus; crashing
# inputs land in $(BUILD)/fuzz/ (keep each in tests/fixtures/bad/regress/).
# `make fuzz-regress` runs the harness once over tests/fixtures/bad and its finds.
DEB_FUZZ := clang libclang-rt-14-dev
FUZZ_SECONDS ?= 60
FUZZ_CFLAGS := -std=c11 -D_GNU_SOURCE -g -O1 $(addprefix -I,$(SRC_DIRS)) -I$(BUILD) \
               -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all $(PKG_CFLAGS)
FUZZ_SEEDS := samples/*.xls tests/fixtures/bad/*.xls tests/fixtures/bad/*.doc tests/fixtures/bad/regress/* tests/fixtures/data/*.xls \
              tests/fixtures/data/bad-zip/*.xlsx tests/fixtures/data/bad-zip/*.ods tests/fixtures/formats/*/*.xlsx tests/fixtures/formats/*/*.ods
$(BUILD)/fuzz/fuzz_check: tests/fuzz/fuzz_check.c $(LIB_SRC) $(ALL_HDR) $(BUILD)/templates_data.c $(BUILD)/t2s_data.c
	mkdir -p $(BUILD)/fuzz
	clang $(FUZZ_CFLAGS) -o $@ tests/fuzz/fuzz_check.c $(LIB_SRC) $(BUILD)/templates_data.c $(BUILD)/t2s_data.c \
	    $(PKG_LIBS) -lm

fuzz-deps:
	@sh tests/deps.sh $(DEB_BUILD) $(DEB_FUZZ)

fuzz: fuzz-deps $(BUILD)/fuzz/fuzz_check
	mkdir -p $(BUILD)/fuzz/corpus
	for f in $(FUZZ_SEEDS); do cp "$$f" "$(BUILD)/fuzz/corpus/$$(echo "$$f" | tr / _)"; done
	$(BUILD)/fuzz/fuzz_check -max_total_time=$(FUZZ_SECONDS) -max_len=262144 -timeout=10 \
	    -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix=$(BUILD)/fuzz/ \
	    $(BUILD)/fuzz/corpus

fuzz-regress: fuzz-deps $(BUILD)/fuzz/fuzz_check
	$(BUILD)/fuzz/fuzz_check -runs=0 $(FUZZ_SEEDS)

# libFuzzer over one XML part of an .xlsx or .ods at a time (tests/fuzz/fuzz_xml.c);
# seeds: the parts of tests/fixtures/formats and tests/fixtures/data/bad-zip, each with its selector byte.
$(BUILD)/fuzz/fuzz_xml: tests/fuzz/fuzz_xml.c $(LIB_SRC) $(BUILD)/templates_data.c $(BUILD)/t2s_data.c
	mkdir -p $(BUILD)/fuzz
	clang $(FUZZ_CFLAGS) -o $@ tests/fuzz/fuzz_xml.c $(LIB_SRC) $(BUILD)/templates_data.c $(BUILD)/t2s_data.c \
	    $(PKG_LIBS) -lm

# The freexl comparison (tests/freexl/compare.c) on fuzzed .xls: an input
# both readers accept must give the same cells but for documented kinds of
# difference. freexl's own leaks and its reads past a buffer are suppressed
# (tests/freexl/*.supp: frames in libfreexl only, never ogi's).
$(BUILD)/fuzz/fuzz_freexl: tests/fuzz/fuzz_freexl.c $(FREEXL_SRC) tests/freexl/compare.h $(LIB_SRC) \
                          $(BUILD)/templates_data.c $(BUILD)/t2s_data.c
	mkdir -p $(BUILD)/fuzz
	clang $(FUZZ_CFLAGS) -Itests/freexl -o $@ tests/fuzz/fuzz_freexl.c tests/freexl/compare.c \
	    $(LIB_SRC) $(BUILD)/templates_data.c $(BUILD)/t2s_data.c $(PKG_LIBS) \
	    $(shell pkg-config --libs freexl) -lm

# seeds: the folders of .xls, read in place (libFuzzer writes only to the first)
FREEXL_SEED_DIRS := samples tests/fixtures/bad tests/fixtures/bad/regress tests/fixtures/data tests/fixtures/newuser
fuzz-freexl: fuzz-deps $(BUILD)/fuzz/fuzz_freexl $(BUILD)/fuzz/freexl_walk
	mkdir -p $(BUILD)/fuzz/freexl-corpus
	LSAN_OPTIONS='suppressions="$(CURDIR)/tests/freexl/freexl.supp"' \
	ASAN_OPTIONS='suppressions="$(CURDIR)/tests/freexl/freexl-asan.supp"' \
	$(BUILD)/fuzz/fuzz_freexl -max_total_time=$(FUZZ_SECONDS) -max_len=262144 -timeout=10 \
	    -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix=$(BUILD)/fuzz/freexl- \
	    $(BUILD)/fuzz/freexl-corpus $(FREEXL_SEED_DIRS)

fuzz-xml: fuzz-deps $(BUILD)/fuzz/fuzz_xml
	sh tests/fuzz/xml_seeds.sh $(BUILD)/fuzz/xml-corpus
	$(BUILD)/fuzz/fuzz_xml -max_total_time=$(FUZZ_SECONDS) -max_len=262144 -timeout=10 \
	    -rss_limit_mb=2048 -artifact_prefix=$(BUILD)/fuzz/xml- $(BUILD)/fuzz/xml-corpus
