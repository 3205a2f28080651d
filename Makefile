# ogi - check the statistical tables of government information disclosure
# annual reports. `make demo` and `make test` work on a fresh Debian 12.

CC      ?= cc
PKGS    := xlsxwriter jansson opencc libgsf-1 libcrypto libzip expat
BUILD   ?= build
SANITIZE ?= 0

# Debian packages ogi needs to build and test (see `make deps`).
DEB_BUILD := pkg-config gcc make libxlsxwriter-dev libjansson-dev \
             libopencc-dev libopencc-data libgsf-1-dev libcmocka-dev libssl-dev \
             libzip-dev libexpat1-dev opencc libsqlite3-dev
DEB_TEST  := python3 python3-openpyxl libspreadsheet-writeexcel-perl
# ogi convert's tests open every output with LibreOffice and read a PDF
DEB_TEST  += libreoffice-calc-nogui fonts-wqy-microhei poppler-utils
# tests/formats/make_formats.sh writes .xlsx as Excel does
DEB_TEST  += libexcel-writer-xlsx-perl
# tests/reworded/make_reworded.py writes its .ods forms with odfpy
DEB_TEST  += python3-odf

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

PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null)

# The stages of the code are its folders (docs/architecture.md): the library
# under src/lib/ (util, read, check, report, write, office) with its public headers
# src/include/ogi.h and ogi_office.h, the fronts under src/cli/ and src/watch/. Headers are
# included by name; each folder is on the include path.
LIB_DIRS   := src/lib/util src/lib/read src/lib/check src/lib/report src/lib/write \
              src/lib/office
FRONT_DIRS := src/cli src/watch
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

.PHONY: all deps deps-check demo test unit e2e bench clean plugin plugin-test valgrind fuzz fuzz-deps fuzz-regress format fuzz-xml
.SECONDARY:

all: deps-check $(BUILD)/ogi

$(BUILD)/ogi: $(FRONT_OBJ) $(BUILD)/libogi.a
	$(CC) $(CFLAGS) -o $@ $(FRONT_OBJ) $(BUILD)/libogi.a $(LDLIBS)

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
$(BUILD)/t2s_data.c: src/lib/util/t2s_gen.pl $(wildcard $(OPENCC_DATA)/t2s.json $(OPENCC_DATA)/TS*.ocd2)
	@mkdir -p $(@D)/t2s
	perl src/lib/util/t2s_gen.pl $(OPENCC_DATA) $(@D)/t2s > $@.tmp && mv $@.tmp $@

$(BUILD)/obj/t2s_data.o: $(BUILD)/t2s_data.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

# tests/unit/helpers.c: what the unit tests share (books, zips, folders)
$(BUILD)/tests/helpers.o: tests/unit/helpers.c tests/unit/helpers.h
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -DTESTING -c -o $@ $<

$(BUILD)/tests/%: tests/unit/%.c $(TLIB_OBJ) $(BUILD)/tests/helpers.o
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -DTESTING -o $@ $< $(BUILD)/tests/helpers.o $(TLIB_OBJ) $(LDLIBS) -lcmocka

$(BUILD):
	mkdir -p $@

# tests/unit/test_watch.c tests the fronts' watch_*.c too (built -DTESTING).
WATCH_TOBJ := $(patsubst src/%.c,$(BUILD)/tobj/%.o,$(wildcard src/watch/watch_*.c))
$(BUILD)/tests/test_watch: tests/unit/test_watch.c $(TLIB_OBJ) $(WATCH_TOBJ) $(BUILD)/tests/helpers.o
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -DTESTING -o $@ $< $(WATCH_TOBJ) $(BUILD)/tests/helpers.o $(TLIB_OBJ) \
	    $(LDLIBS) -lcmocka

# Installs what is missing when run as root; otherwise says what to run.
deps:
	@sh tests/deps.sh $(DEB_BUILD) $(DEB_TEST)

deps-check:
	@sh tests/deps.sh --quiet $(DEB_BUILD)

demo: deps $(BUILD)/ogi
	@sh tests/demo.sh $(BUILD)/ogi

unit: deps-check $(UNIT_BIN)

test: deps all $(UNIT_BIN)
	@sh tests/run.sh $(BUILD)

# The unit tests and the ogi binary's end-to-end tests under valgrind (errors
# and definite leaks fail); tests that start LibreOffice are left out.
valgrind: deps all $(UNIT_BIN)
	@sh tests/deps.sh valgrind
	@OGI_VALGRIND=1 sh tests/run.sh $(BUILD)

bench: deps all
	@sh bench/run.sh $(BUILD)/ogi
	@sh bench/formats.sh $(BUILD)/ogi
	@sh bench/startup.sh $(BUILD)/ogi

# ogi watch: latency, files/s, poll scans (docs/performance.md, "ogi watch")
.PHONY: bench-watch
bench-watch: deps all
	@/usr/bin/python3 bench/watch.py $(BUILD)/ogi

format:
	clang-format -i $(LIB_SRC) $(FRONT_SRC) $(ALL_HDR) tests/unit/*.c

clean:
	rm -rf build build-san demo-out

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
# FUZZ_SECONDS from the samples and tests/bad as seed corpus; crashing
# inputs land in $(BUILD)/fuzz/ (keep each in tests/bad/regress/).
# `make fuzz-regress` runs the harness once over tests/bad and its finds.
DEB_FUZZ := clang libclang-rt-14-dev
FUZZ_SECONDS ?= 60
FUZZ_CFLAGS := -std=c11 -D_GNU_SOURCE -g -O1 $(addprefix -I,$(SRC_DIRS)) -I$(BUILD) \
               -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all $(PKG_CFLAGS)
FUZZ_SEEDS := samples/*.xls tests/bad/*.xls tests/bad/*.doc tests/bad/regress/* tests/data/*.xls \
              tests/data/bad-zip/*.xlsx tests/data/bad-zip/*.ods tests/formats/*/*.xlsx tests/formats/*/*.ods
$(BUILD)/fuzz/fuzz_check: tests/fuzz/fuzz_check.c $(LIB_SRC) $(ALL_HDR) $(BUILD)/templates_data.c $(BUILD)/t2s_data.c
	mkdir -p $(BUILD)/fuzz
	clang $(FUZZ_CFLAGS) -o $@ tests/fuzz/fuzz_check.c $(LIB_SRC) $(BUILD)/templates_data.c $(BUILD)/t2s_data.c \
	    $(PKG_LIBS) -lm

fuzz-deps:
	@sh tests/deps.sh $(DEB_BUILD) $(DEB_FUZZ)

fuzz: fuzz-deps $(BUILD)/fuzz/fuzz_check
	mkdir -p $(BUILD)/fuzz/corpus
	cp $(FUZZ_SEEDS) $(BUILD)/fuzz/corpus/
	$(BUILD)/fuzz/fuzz_check -max_total_time=$(FUZZ_SECONDS) -max_len=262144 -timeout=10 \
	    -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix=$(BUILD)/fuzz/ \
	    $(BUILD)/fuzz/corpus

fuzz-regress: fuzz-deps $(BUILD)/fuzz/fuzz_check
	$(BUILD)/fuzz/fuzz_check -runs=0 $(FUZZ_SEEDS)

# libFuzzer over one XML part of an .xlsx or .ods at a time (tests/fuzz/fuzz_xml.c);
# seeds: the parts of tests/formats and tests/data/bad-zip, each with its selector byte.
$(BUILD)/fuzz/fuzz_xml: tests/fuzz/fuzz_xml.c $(LIB_SRC) $(BUILD)/templates_data.c $(BUILD)/t2s_data.c
	mkdir -p $(BUILD)/fuzz
	clang $(FUZZ_CFLAGS) -o $@ tests/fuzz/fuzz_xml.c $(LIB_SRC) $(BUILD)/templates_data.c $(BUILD)/t2s_data.c \
	    $(PKG_LIBS) -lm

fuzz-xml: fuzz-deps $(BUILD)/fuzz/fuzz_xml
	sh tests/fuzz/xml_seeds.sh $(BUILD)/fuzz/xml-corpus
	$(BUILD)/fuzz/fuzz_xml -max_total_time=$(FUZZ_SECONDS) -max_len=262144 -timeout=10 \
	    -rss_limit_mb=2048 -artifact_prefix=$(BUILD)/fuzz/xml- $(BUILD)/fuzz/xml-corpus
