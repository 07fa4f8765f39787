# verbale: one GNU Makefile, no configure step. Local overrides go in config.mk.
VERSION    = 0.1.0
PREFIX    ?= /usr/local
BINDIR    ?= $(PREFIX)/bin
MANDIR    ?= $(PREFIX)/share/man
DATADIR   ?= $(PREFIX)/share

CC        ?= cc
OPT       ?= -O2 -g
BUILD     ?= build
BIN       ?= ./verbale
SANITIZE  ?=
PKG_CONFIG ?= pkg-config

-include config.mk

PKGS      = yaml-0.1 libcmark-gfm fontconfig harfbuzz harfbuzz-subset zlib libutf8proc libmicrohttpd libzip
WARN      = -std=c11 -Wall -Wextra -Wshadow -pedantic -Werror
CPPFLAGS += -D_POSIX_C_SOURCE=200809L -DVERSION='"$(VERSION)"'
PKG_CFLAGS = $(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null || echo -lyaml -lcmark-gfm -lcmark-gfm-extensions -lfontconfig -lharfbuzz-subset -lharfbuzz -lz -lutf8proc -lmicrohttpd -lzip)
ALL_CFLAGS = $(WARN) $(OPT) $(SANITIZE) $(PKG_CFLAGS) $(CFLAGS) -MMD -MP
ALL_LDFLAGS = $(SANITIZE) $(LDFLAGS)
LIBS      = $(PKG_LIBS) -lhpdf -lhyphen -lm

SRCS      = $(wildcard src/*.c)
TEMPLATE_FILES = $(wildcard templates/*.mustache templates/*.yaml templates/*.md)
OBJS      = $(SRCS:src/%.c=$(BUILD)/%.o)
LIBOBJS   = $(filter-out $(BUILD)/main.o,$(OBJS))
UNIT_SRCS = $(wildcard tests/unit/*.c)
UNIT_OBJS = $(UNIT_SRCS:tests/unit/%.c=$(BUILD)/unit/%.o)

# Debian packages: to build, to test, and for the sanitizer and fuzzer runtimes; mandoc and
# the JSON Schema validator for the manuals' and the schema's tests; Java and PDFBox for
# ../shared/tools/pdfa-preflight (the independent PDF/A-1b validator); Liberation 1.07 beside
# Liberation 2, as on most desktops, for the test that the faces are fontconfig's choice.
DEB_BUILD = build-essential pkg-config libyaml-dev libcmark-gfm-dev libcmark-gfm-extensions-dev libhpdf-dev libhyphen-dev \
            hyphen-it libfontconfig-dev libharfbuzz-dev zlib1g-dev libutf8proc-dev fonts-liberation2 \
            fonts-dejavu-core icc-profiles-free libmicrohttpd-dev libzip-dev
DEB_TEST  = clang libclang-rt-14-dev clang-format cppcheck python3 poppler-utils qpdf time bc mandoc python3-jsonschema python3-ruamel.yaml \
            default-jre-headless libpdfbox2-java libactivation-java libjaxb-api-java \
            fonts-liberation libnss3-tools curl chromium libreoffice-writer-nogui
# make deb's: the package's build and its check.
DEB_PACKAGE = debhelper dpkg-dev fakeroot lintian
DEB_PKGS  = $(DEB_BUILD) $(DEB_TEST) $(DEB_PACKAGE)

# Tests run in a pinned environment.
TEST_ENV  = LC_ALL=C.UTF-8 TZ=UTC SOURCE_DATE_EPOCH=1645632000 SHARED=$(CURDIR)/../shared XDG_CACHE_HOME=$(abspath $(BUILD))/test-cache

.PHONY: all deps test test-all asan clang lint format regen clean bench fuzz fuzz-run install uninstall
.PHONY: deb deb-install-test

all: $(BIN)

$(BIN): $(OBJS)
	$(CC) $(ALL_LDFLAGS) -o $@ $(OBJS) $(LIBS)

$(BUILD)/%.o: src/%.c | $(BUILD)/.deps-ok
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -c -o $@ $<

# Before the first compilation: every library there, or which Debian package to install.
$(BUILD)/.deps-ok: | $(BUILD)
	@missing=; \
	command -v $(PKG_CONFIG) >/dev/null || missing="$$missing pkg-config"; \
	for p in yaml-0.1:libyaml-dev libcmark-gfm:libcmark-gfm-dev fontconfig:libfontconfig-dev \
	         harfbuzz:libharfbuzz-dev harfbuzz-subset:libharfbuzz-dev zlib:zlib1g-dev \
	         libutf8proc:libutf8proc-dev libmicrohttpd:libmicrohttpd-dev \
	         libzip:libzip-dev; do \
		$(PKG_CONFIG) --exists $${p%%:*} 2>/dev/null || case "$$missing " in \
			*" $${p#*:} "*) ;; *) missing="$$missing $${p#*:}" ;; esac; \
	done; \
	for h in cmark-gfm-core-extensions.h:libcmark-gfm-extensions-dev hpdf.h:libhpdf-dev \
	         hyphen.h:libhyphen-dev; do \
		echo "#include <$${h%%:*}>" | $(CC) -E -x c - >/dev/null 2>&1 || missing="$$missing $${h#*:}"; \
	done; \
	if [ -n "$$missing" ]; then \
		echo "verbale: mancano le librerie per compilare: installare i pacchetti Debian$$missing"; \
		echo "         (make deps li installa tutti)"; \
		exit 1; \
	fi; \
	touch $@

$(BUILD)/unit/%.o: tests/unit/%.c | $(BUILD)/unit
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -Isrc -c -o $@ $<

$(BUILD)/tools/%.o: tests/tools/%.c | $(BUILD)/tools
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -Isrc -c -o $@ $<

$(BUILD)/mdtool: $(BUILD)/tools/mdtool.o $(LIBOBJS)
	$(CC) $(ALL_LDFLAGS) -o $@ $(BUILD)/tools/mdtool.o $(LIBOBJS) $(LIBS)

$(BUILD)/bench: $(BUILD)/tools/bench.o $(LIBOBJS)
	$(CC) $(ALL_LDFLAGS) -o $@ $(BUILD)/tools/bench.o $(LIBOBJS) $(LIBS)

$(BUILD)/latency: $(BUILD)/tools/latency.o $(LIBOBJS)
	$(CC) $(ALL_LDFLAGS) -o $@ $(BUILD)/tools/latency.o $(LIBOBJS) $(LIBS)

# The bare-bones stack make bench sets verbale beside (cmark-gfm, greedy lines, libharu).
$(BUILD)/floor: $(BUILD)/tools/floor.o
	$(CC) $(ALL_LDFLAGS) -o $@ $(BUILD)/tools/floor.o -lcmark-gfm -lcmark-gfm-extensions -lhpdf -lm

# The fuzz targets: each replayed by replay.c in the tests, fuzzed by libFuzzer in make fuzz.
# FUZZ_MODE: normal (inputs up to 64 KB), big (up to 2 MiB, 5 s an input) or both (half the
# time each); see tests/fuzz/README.md.
FUZZ_TARGETS = pipeline template markdown image style
FUZZ_BUILD ?= build-fuzz
FUZZ_TIME ?= 60
FUZZ_MODE ?= both

$(BUILD)/fuzz/%.o: tests/fuzz/%.c | $(BUILD)/fuzz
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -Isrc -c -o $@ $<

$(BUILD)/replay-%: $(BUILD)/fuzz/fuzz_%.o $(BUILD)/fuzz/replay.o $(LIBOBJS)
	$(CC) $(ALL_LDFLAGS) -o $@ $< $(BUILD)/fuzz/replay.o $(LIBOBJS) $(LIBS)

$(BUILD)/fuzz-%: $(BUILD)/fuzz/fuzz_%.o $(LIBOBJS)
	$(CC) -fsanitize=fuzzer,address,undefined -o $@ $< $(LIBOBJS) $(LIBS)

# Kept, not deleted as intermediate files: else the next make test compiles them again.
.SECONDARY: $(FUZZ_TARGETS:%=$(BUILD)/fuzz/fuzz_%.o) $(BUILD)/fuzz/replay.o

$(BUILD)/unit-tests: $(UNIT_OBJS) $(LIBOBJS)
	$(CC) $(ALL_LDFLAGS) -o $@ $(UNIT_OBJS) $(LIBOBJS) $(LIBS)

$(BUILD) $(BUILD)/unit $(BUILD)/tools $(BUILD)/fuzz:
	mkdir -p $@

# Install what is missing (idempotent; apt-get update first; no prompt).
deps:
	@missing=$$(for p in $(DEB_PKGS); do \
		dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || echo $$p; \
	done); \
	if [ -n "$$missing" ]; then \
		echo "make deps: installo $$missing"; \
		sudo=; [ "$$(id -u)" = 0 ] || sudo=sudo; \
		$$sudo apt-get update -q && \
		DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -q --no-install-recommends $$missing; \
	fi

# make test: the fast sections of tests/run.sh (units, guards, goldens, command line, samples,
# the yaml-test-suite), under 20 s; make test-all: every section (batch, watch, hardening, robust,
# the external validators, the fuzz replays, ...). tests/run.sh SECTION... runs some of them;
# tests/README.md lists them. TEST_JOBS sections run at a time.
TEST_JOBS ?= 2
TEST_DEPS = $(BIN) $(BUILD)/unit-tests $(BUILD)/mdtool $(BUILD)/floor $(FUZZ_TARGETS:%=$(BUILD)/replay-%)
TEST_RUN  = $(TEST_ENV) $(SAN_ENV) TEST_JOBS=$(TEST_JOBS) BUILD=$(BUILD) BIN=$(BIN) sh tests/run.sh

test: $(TEST_DEPS)
	@$(TEST_RUN) fast

test-all: $(TEST_DEPS)
	@$(TEST_RUN) all

# Every test (test-all) under AddressSanitizer, UndefinedBehaviorSanitizer and LeakSanitizer.
ASAN_BUILD ?= build-asan
asan:
	@$(MAKE) --no-print-directory BUILD=$(ASAN_BUILD) BIN=$(ASAN_BUILD)/verbale CC=clang \
		OPT="-O1 -g -fno-omit-frame-pointer" \
		SANITIZE="-fsanitize=address,undefined -fno-sanitize-recover=all" \
		SAN_ENV="ASAN_OPTIONS=detect_leaks=1:exitcode=86 UBSAN_OPTIONS=print_stacktrace=1:exitcode=86" \
		test-all

# libFuzzer on each target for FUZZ_TIME seconds (make fuzz FUZZ_TIME=600 FUZZ_MODE=big;
# make fuzz FUZZ_TARGETS="image style" for some of them).
fuzz:
	@$(MAKE) --no-print-directory BUILD=$(FUZZ_BUILD) BIN=$(FUZZ_BUILD)/verbale CC=clang \
		OPT="-O1 -g -fno-omit-frame-pointer" \
		SANITIZE="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all" \
		fuzz-run

fuzz-run: $(FUZZ_TARGETS:%=$(BUILD)/fuzz-%)
	@BUILD=$(BUILD) SHARED=$(CURDIR)/../shared FUZZ_TARGETS="$(FUZZ_TARGETS)" \
		sh tests/fuzz/run.sh $(FUZZ_TIME) $(FUZZ_MODE)

# Both compilers, both optimisation levels, warnings as errors.
clang:
	@$(MAKE) --no-print-directory BUILD=build-clang BIN=build-clang/verbale CC=clang all
	@$(MAKE) --no-print-directory BUILD=build-O0 BIN=build-O0/verbale OPT="-O0 -g" all

lint:
	cppcheck --quiet --error-exitcode=1 --enable=warning,portability,performance \
		--std=c11 --inline-suppr -Isrc src tests/unit tests/tools tests/fuzz
	clang-format --dry-run --Werror src/*.c src/*.h tests/unit/*.c tests/unit/*.h tests/tools/*.c \
		tests/fuzz/*.c

format:
	clang-format -i src/*.c src/*.h tests/unit/*.c tests/unit/*.h tests/tools/*.c tests/fuzz/*.c

# Speed, memory and size on the reference sample (N renders; make bench N=200).
bench: $(BIN) $(BUILD)/bench $(BUILD)/latency $(BUILD)/floor
	@BIN=$(BIN) BUILD=$(BUILD) SHARED=$(CURDIR)/../shared sh tests/bench.sh

# Golden files change only here: show each difference and ask.
regen: $(BIN)
	@$(TEST_ENV) BIN=$(BIN) sh tests/regen.sh

# Install under PREFIX (DESTDIR for packaging); the templates go where the program finds them
# at run time, ../share/verbale/templates from the program, so an installed tree can move.
install: $(BIN)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/verbale/templates \
		$(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5 \
		$(DESTDIR)$(DATADIR)/bash-completion/completions
	install -m 755 $(BIN) $(DESTDIR)$(BINDIR)/verbale
	install -m 644 $(TEMPLATE_FILES) $(DESTDIR)$(DATADIR)/verbale/templates/
	install -m 644 schema/verbale.schema.json schema/organo.schema.json $(DESTDIR)$(DATADIR)/verbale/
	install -m 644 man/verbale.1 $(DESTDIR)$(MANDIR)/man1/verbale.1
	install -m 644 man/verbale.5 $(DESTDIR)$(MANDIR)/man5/verbale.5
	install -m 644 completion/verbale.bash \
		$(DESTDIR)$(DATADIR)/bash-completion/completions/verbale

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/verbale $(DESTDIR)$(MANDIR)/man1/verbale.1 \
		$(DESTDIR)$(MANDIR)/man5/verbale.5 $(DESTDIR)$(DATADIR)/verbale/verbale.schema.json \
		$(DESTDIR)$(DATADIR)/verbale/organo.schema.json \
		$(DESTDIR)$(DATADIR)/bash-completion/completions/verbale \
		$(TEMPLATE_FILES:templates/%=$(DESTDIR)$(DATADIR)/verbale/templates/%)
	-rmdir $(DESTDIR)$(DATADIR)/verbale/templates $(DESTDIR)$(DATADIR)/verbale 2>/dev/null

# The Debian package (debian/): dpkg-buildpackage -b in a copy of the tree, $(BUILD)/deb/verbale
# (the files git knows as they are now, and the new ones it does not ignore), so that the
# package's clean step leaves this tree alone; the package lands in $(BUILD). Nothing of this
# make's environment (MAKEFLAGS, BUILD, CC, SANITIZE, ...) reaches the package's build: only
# PATH and DEB_BUILD_OPTIONS. The build's log is $(BUILD)/deb/build.log.
DEB_JOBS ?= 2
DEB_DIR   = $(abspath $(BUILD))/deb
deb:
	@command -v dpkg-buildpackage >/dev/null && command -v dh >/dev/null || \
		{ echo "make deb: mancano dpkg-buildpackage o dh: installare dpkg-dev e debhelper (make deps)"; exit 1; }
	@v=$$(dpkg-parsechangelog -l debian/changelog -S Version) && [ "$${v%-*}" = "$(VERSION)" ] || \
		{ echo "make deb: debian/changelog è alla versione $$v, il Makefile a $(VERSION): aggiungere una voce con dch -v $(VERSION)-1"; exit 1; }
	@git rev-parse --show-toplevel >/dev/null 2>&1 || { echo "make deb: serve la copia git dei sorgenti (git ls-files)"; exit 1; }
	@rm -rf $(DEB_DIR) && mkdir -p $(DEB_DIR)/verbale
	@git ls-files -z --cached --others --exclude-standard | \
		tar --null --ignore-failed-read -T - -cf - 2>/dev/null | tar -xf - -C $(DEB_DIR)/verbale
	@cd $(DEB_DIR)/verbale && env -i PATH="$$PATH" LC_ALL=C.UTF-8 DEB_BUILD_OPTIONS="$$DEB_BUILD_OPTIONS" \
		dpkg-buildpackage -us -uc -b -j$(DEB_JOBS) >$(DEB_DIR)/build.log 2>&1 || \
		{ tail -n 30 $(DEB_DIR)/build.log; echo "make deb: dpkg-buildpackage non riesce (il registro: $(DEB_DIR)/build.log)"; exit 1; }
	@rm -f $(BUILD)/verbale_*.deb && mv $(DEB_DIR)/verbale_*.deb $(BUILD)/ && ls $(BUILD)/verbale_*.deb

# Installs the package into this system, renders a sample from another folder, removes the
# package (as root; not in make test-all nor CI): tests/deb_install.sh.
deb-install-test: deb $(BIN)
	@BUILD=$(BUILD) sh tests/deb_install.sh

clean:
	rm -rf build build-* verbale tests/out

-include $(OBJS:.o=.d) $(UNIT_OBJS:.o=.d) $(BUILD)/tools/mdtool.d $(BUILD)/tools/bench.d $(BUILD)/tools/latency.d $(BUILD)/tools/floor.d \
	$(wildcard $(BUILD)/fuzz/*.d)
