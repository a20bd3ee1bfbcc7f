# handsup: a terminal workshop facilitator.  Flat Makefile, GNU make.
#
#   make            build ./handsup
#   make run        build and run on the embedded deck
#   make check      build and run every test (unit, screen, crash, fuzz replay)
#   make asan       the same tests under AddressSanitizer + UBSan (clang)
#   make bench      print speed and memory figures
#   make lint       check the man pages with mandoc
#   make deps       install missing Debian packages for the build and tests
#   make check-completion      test the bash and zsh completions
#   make install / uninstall   (PREFIX, DESTDIR, MANPREFIX, DATADIR, DOCDIR)

# The one place the version is written; the man pages, debian/changelog
# and NEWS must agree with it (tests/release/test_version.sh).
VERSION   = 1.1.0

PREFIX    ?= /usr/local
BINDIR    ?= $(PREFIX)/bin
DATADIR   ?= $(PREFIX)/share/handsup
MANPREFIX ?= $(PREFIX)/share/man
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR  ?= $(PREFIX)/share/zsh/vendor-completions
DOCDIR    ?= $(PREFIX)/share/doc/handsup
BUILD     ?= build
BIN       ?= handsup
CC        ?= cc
PKG_CONFIG ?= pkg-config

.SECONDEXPANSION:

WARN = -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
       -Wwrite-strings -Wformat=2 -Wpointer-arith -Wvla
ifeq ($(WERROR),1)
WARN += -Werror
endif

# ncursesw through pkg-config, falling back to the usual library names.
# Its feature macros are dropped: ours (below) are the newer ones.
# Asked once (":="), not at every use of the variable.
ifeq ($(origin NCURSES_CFLAGS),undefined)
NCURSES_CFLAGS := $(filter-out -D_XOPEN_SOURCE% -D_DEFAULT_SOURCE,\
                  $(shell $(PKG_CONFIG) --cflags ncursesw 2>/dev/null))
endif
ifeq ($(origin NCURSES_LIBS),undefined)
NCURSES_LIBS := $(shell $(PKG_CONFIG) --libs ncursesw 2>/dev/null || echo -lncursesw)
endif

# libmicrohttpd and libqrencode, for the phones' server and its QR code
# (net/), the same way: pkg-config, else the libraries' usual names.
# Both are compiled against but not linked: net/lib.c loads them with
# dlopen when phones first vote, so that they (and the TLS libraries
# libmicrohttpd brings) never slow down or weigh on a session without
# phones.
ifeq ($(origin NET_CFLAGS),undefined)
NET_CFLAGS := $(shell $(PKG_CONFIG) --cflags libmicrohttpd libqrencode 2>/dev/null)
endif
NET_LIBS ?= -ldl

CFLAGS   ?= -O2 -g
ALL_CFLAGS = -std=c11 $(WARN) -D_XOPEN_SOURCE=700 -D_DEFAULT_SOURCE \
             -DNCURSES_WIDECHAR=1 $(NCURSES_CFLAGS) -Isrc -I$(BUILD) \
             $(CPPFLAGS) $(CFLAGS) $(EXTRA_CFLAGS)
ALL_LDFLAGS = $(LDFLAGS) $(EXTRA_LDFLAGS)

# One folder per layer (src/README.md); each becomes a static library, and
# the libraries are linked from the top layer down.
LAYERS   = cmd tui app net report store core base
SRC      = $(wildcard src/*/*.c)
OBJ      = $(SRC:src/%.c=$(BUILD)/%.o) $(BUILD)/store/embedded_deck.o
layer_objs = $(filter $(BUILD)/$(1)/%,$(OBJ))
layer_lib  = $(BUILD)/lib$(1).a
# What the pure layers and the model need: no curses.
NOUI_LIBS = $(foreach l,app net report store core base,$(call layer_lib,$(l)))
UI_LIBS   = $(call layer_lib,tui) $(NOUI_LIBS)
DECK     = content/sales-training.deck

UNIT_SRC   = $(wildcard tests/unit/test_*.c)
UNIT_BIN   = $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
SCREEN_SRC = $(wildcard tests/screen/test_*.c)
SCREEN_BIN = $(SCREEN_SRC:tests/screen/%.c=$(BUILD)/tests/%)
CRASH_SRC  = $(wildcard tests/crash/test_*.c)
CRASH_BIN  = $(CRASH_SRC:tests/crash/%.c=$(BUILD)/tests/%)
FUZZ_SRC   = $(wildcard tests/fuzz/fuzz_*.c)
FUZZ_REPLAY = $(FUZZ_SRC:tests/fuzz/fuzz_%.c=$(BUILD)/tests/replay_%)
FUZZ_BIN   = $(FUZZ_SRC:tests/fuzz/fuzz_%.c=$(BUILD)/fuzz/fuzz_%)
HARNESS    = $(BUILD)/tests/harness.o
TEST_BINS  = $(UNIT_BIN) $(SCREEN_BIN) $(CRASH_BIN) $(FUZZ_REPLAY)

.PHONY: all run check test unit asan bench lint format deps install \
        install-data uninstall clean fuzz-smoke layers check-completion FORCE
.DELETE_ON_ERROR:

all: $(BIN)

$(BIN): $(call layer_lib,cmd) $(UI_LIBS)
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $(BUILD)/cmd/main.o \
	  $(ALL_LIBS) $(NCURSES_LIBS) $(NET_LIBS)

$(BUILD)/lib%.a: $$(call layer_objs,%)
	rm -f $@
	ar rcs $@ $^

$(BUILD)/%.o: src/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<
$(BUILD)/net/%.o: ALL_CFLAGS += $(NET_CFLAGS)

# Values compiled into one object each, and no other: each is kept in a
# file that changes only when the value does, so that a new value
# rebuilds that object alone.
define value_file
	@mkdir -p $(@D)
	@printf '%s\n' '$(1)' | cmp -s - $@ || printf '%s\n' '$(1)' >$@
endef
$(BUILD)/version.txt: FORCE
	$(call value_file,$(VERSION))
$(BUILD)/cmd/options.o: $(BUILD)/version.txt
$(BUILD)/cmd/options.o: ALL_CFLAGS += -DHANDSUP_VERSION='"$(VERSION)"'
$(BUILD)/datadir.txt: FORCE
	$(call value_file,$(DATADIR))
$(BUILD)/store/deck_dir.o: $(BUILD)/datadir.txt
$(BUILD)/store/deck_dir.o: ALL_CFLAGS += -DHANDSUP_DATADIR='"$(DATADIR)"'
FORCE:

# The default deck, carried inside the binary as a byte array.
$(BUILD)/store/embedded_deck.c: $(DECK)
	@mkdir -p $(@D)
	{ printf '/* Generated from %s; do not edit. */\n' '$(DECK)'; \
	  printf '#include "store/embedded.h"\n'; \
	  printf 'const unsigned char embedded_deck[] = {\n'; \
	  od -An -v -tx1 $(DECK) | sed -e 's/ *\([0-9a-f][0-9a-f]\)/0x\1,/g'; \
	  printf '0x00};\nconst size_t embedded_deck_len = sizeof embedded_deck - 1;\n'; \
	  printf 'const char embedded_deck_name[] = "%s";\n' '$(notdir $(DECK))'; \
	} > $@
$(BUILD)/store/embedded_deck.o: $(BUILD)/store/embedded_deck.c src/store/embedded.h
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

# The dependencies between layers, files and folders (src/README.md).
layers: $(OBJ)
	@python3 tools/layers.py src $(OBJ)

$(BUILD) $(BUILD)/tests $(BUILD)/fuzz:
	mkdir -p $@

run: $(BIN)
	./$(BIN)

# ---- tests ---------------------------------------------------------------
# Tests of the layers below tui link without curses, which proves that
# they do not need it; tests named test_tui_* link the terminal layer too.
$(BUILD)/tests/%: tests/unit/%.c $(NOUI_LIBS)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -MMD -MP -Itests $(ALL_LDFLAGS) $(WRAP) -o $@ $< $(NOUI_LIBS) -lcmocka

# The tests of the server and of the QR code link its libraries too.
NET_TESTS = $(BUILD)/tests/test_server $(BUILD)/tests/test_qr
$(NET_TESTS): $(BUILD)/tests/%: tests/unit/%.c $(NOUI_LIBS)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(NET_CFLAGS) -MMD -MP -Itests $(ALL_LDFLAGS) -o $@ $< $(NOUI_LIBS) -lcmocka $(NET_LIBS) -lm

# The load test's room of phones (tests/unit/phones.c) is shared with
# make bench.
PHONES = tests/unit/phones.c tests/unit/phones.h
$(BUILD)/tests/test_server_load: tests/unit/test_server_load.c $(PHONES) $(NOUI_LIBS)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(NET_CFLAGS) -MMD -MP -Itests -Itests/unit $(ALL_LDFLAGS) -o $@ $< tests/unit/phones.c $(NOUI_LIBS) -lcmocka $(NET_LIBS) -lm
# make bench runs the same room in its own process (tests/bench_phones.c).
$(BUILD)/tests/bench: tests/bench_phones.c tests/bench_phones.h $(PHONES)

# test_session fails each step of the save through test doubles of these
# calls, linked in by wrapping: the release build carries no hook.
$(BUILD)/tests/test_session: WRAP = -Wl,--wrap=open,--wrap=write,--wrap=fsync,--wrap=close,--wrap=rename

ALL_LIBS = $(call layer_lib,cmd) $(UI_LIBS)
$(BUILD)/tests/test_tui_%: tests/unit/test_tui_%.c $(UI_LIBS)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -MMD -MP -Itests $(ALL_LDFLAGS) -o $@ $< $(UI_LIBS) -lcmocka $(NCURSES_LIBS) $(NET_LIBS)

$(BUILD)/tests/test_cmd_%: tests/unit/test_cmd_%.c $(ALL_LIBS)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -MMD -MP -Itests $(ALL_LDFLAGS) -o $@ $< $(ALL_LIBS) -lcmocka $(NCURSES_LIBS) $(NET_LIBS)

$(HARNESS): tests/screen/harness.c tests/screen/harness.h
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -MMD -MP -Itests/screen -c -o $@ $<

SCREEN_LINK = $(HARNESS) $(NOUI_LIBS) -lvterm -lutil -lcmocka -lm $(NET_LIBS)
$(BUILD)/tests/%: tests/screen/%.c $(HARNESS) $(NOUI_LIBS)
	$(CC) $(ALL_CFLAGS) -MMD -MP -Itests/screen $(ALL_LDFLAGS) -o $@ $< $(SCREEN_LINK)

$(BUILD)/tests/%: tests/crash/%.c $(HARNESS) $(NOUI_LIBS)
	$(CC) $(ALL_CFLAGS) -MMD -MP -Itests/screen $(ALL_LDFLAGS) -o $@ $< $(SCREEN_LINK)

FUZZ_LAYERS = report store core base
FUZZ_LIBS = $(foreach l,$(FUZZ_LAYERS),$(call layer_lib,$(l)))
$(BUILD)/tests/replay_%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c $(FUZZ_LIBS)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< tests/fuzz/replay.c $(FUZZ_LIBS) -lcmocka

# The request's target judges requests with net/'s pure half, policy and
# page, which need neither libmicrohttpd nor libqrencode: the archive
# gives only the objects it uses, and the fuzzer compiles those two.
# ("$$" defers FUZZ_SRC_ALL, which is set further down.)
FUZZ_NET_SRC = src/net/policy.c src/net/page.c
$(BUILD)/tests/replay_request: tests/fuzz/fuzz_request.c tests/fuzz/replay.c $(call layer_lib,net) $(FUZZ_LIBS)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< tests/fuzz/replay.c $(call layer_lib,net) $(FUZZ_LIBS) -lcmocka
$(BUILD)/fuzz/fuzz_request: tests/fuzz/fuzz_request.c $$(FUZZ_SRC_ALL) $(FUZZ_NET_SRC)
	@mkdir -p $(@D)
	clang $(filter-out -fsanitize=%,$(ALL_CFLAGS)) -fsanitize=fuzzer,address,undefined \
	  -DHANDSUP_DATADIR='"$(DATADIR)"' -o $@ $< $(FUZZ_SRC_ALL) $(FUZZ_NET_SRC)

# The server's target sends its bytes to net/server over loopback: it
# compiles every net/ source and links the server's libraries, and
# only it does.
$(BUILD)/tests/replay_server: tests/fuzz/fuzz_server.c tests/fuzz/replay.c $(call layer_lib,net) $(FUZZ_LIBS)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(NET_CFLAGS) $(ALL_LDFLAGS) -o $@ $< tests/fuzz/replay.c $(call layer_lib,net) $(FUZZ_LIBS) -lcmocka $(NET_LIBS)
FUZZ_SERVER_SRC = $(FUZZ_SRC_ALL) $(wildcard src/net/*.c)
$(BUILD)/fuzz/fuzz_server: tests/fuzz/fuzz_server.c $$(FUZZ_SERVER_SRC)
	@mkdir -p $(@D)
	clang $(filter-out -fsanitize=%,$(ALL_CFLAGS)) $(NET_CFLAGS) -fsanitize=fuzzer,address,undefined \
	  -DHANDSUP_DATADIR='"$(DATADIR)"' -o $@ $< $(FUZZ_SERVER_SRC) $(NET_LIBS)

# The layout's target needs the model and the terminal layer (never a
# terminal: it only lays screens out).
$(BUILD)/tests/replay_layout: tests/fuzz/fuzz_layout.c tests/fuzz/replay.c $(UI_LIBS)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< tests/fuzz/replay.c $(UI_LIBS) -lcmocka $(NCURSES_LIBS) $(NET_LIBS)

# The fuzzers compile every source they use themselves, so that libFuzzer
# sees coverage in the code under test and not only in the target.
FUZZ_SRC_ALL = $(foreach l,$(FUZZ_LAYERS),$(wildcard src/$(l)/*.c)) \
               $(BUILD)/store/embedded_deck.c
$(BUILD)/fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_SRC_ALL)
	@mkdir -p $(@D)
	clang $(filter-out -fsanitize=%,$(ALL_CFLAGS)) -fsanitize=fuzzer,address,undefined \
	  -DHANDSUP_DATADIR='"$(DATADIR)"' -o $@ $< $(FUZZ_SRC_ALL)

FUZZ_UI_SRC = $(FUZZ_SRC_ALL) $(wildcard src/app/*.c) $(wildcard src/tui/*.c) \
              $(filter-out $(FUZZ_SRC_ALL),$(wildcard src/net/*.c))
$(BUILD)/fuzz/fuzz_layout: tests/fuzz/fuzz_layout.c $(FUZZ_UI_SRC)
	@mkdir -p $(@D)
	clang $(filter-out -fsanitize=%,$(ALL_CFLAGS)) -fsanitize=fuzzer,address,undefined \
	  $(NET_CFLAGS) -DHANDSUP_DATADIR='"$(DATADIR)"' -o $@ $< $(FUZZ_UI_SRC) \
	  $(NCURSES_LIBS) $(NET_LIBS)

check test: $(BIN) $(TEST_BINS) layers
	@HANDSUP_BIN=./$(BIN) BUILD=$(BUILD) sh tests/run.sh $(TEST_BINS) \
	  tests/completion/test_completion.sh tests/release/test_version.sh \
	  tests/release/test_install.sh tests/release/test_manpages.sh \
	  tests/browser/test_phone_page.sh

unit: $(UNIT_BIN)
	@sh tests/run.sh $(UNIT_BIN)

SAN = -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
asan:
	$(MAKE) BUILD=build-asan BIN=build-asan/handsup CC=clang CFLAGS='-O1 -g' \
	  EXTRA_CFLAGS='$(SAN)' EXTRA_LDFLAGS='$(SAN)' check

fuzz-smoke: $(FUZZ_BIN)
	@mkdir -p tests/fuzz/crashes
	@for f in $(FUZZ_BIN); do n=$${f##*/fuzz_}; \
	  mkdir -p $(BUILD)/fuzz/corpus-$$n; \
	  $$f -max_total_time=$${FUZZ_SECONDS:-30} -artifact_prefix=tests/fuzz/crashes/$$n- \
	    $(BUILD)/fuzz/corpus-$$n tests/fuzz/corpus/$$n || exit 1; done

bench: $(BIN) $(BUILD)/tests/bench $(BUILD)/tests/bench_ui $(BUILD)/tests/bench_floor \
       $(BUILD)/tests/bench_room
	@HANDSUP_BIN=./$(BIN) $(BUILD)/tests/bench
	@echo
	@HANDSUP_BIN=./$(BIN) HANDSUP_FLOOR_BIN=./$(BUILD)/tests/bench_floor \
	  $(BUILD)/tests/bench_ui
	@echo
	@HANDSUP_BIN=./$(BIN) $(BUILD)/tests/bench_room

# The floor of the terminal figures: a minimal curses counter.
$(BUILD)/tests/bench_floor: tests/bench_floor.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(NCURSES_LIBS)

$(BUILD)/tests/bench_ui: tests/bench_ui.c tests/saves.h $(HARNESS)
	$(CC) $(ALL_CFLAGS) -Itests/screen $(ALL_LDFLAGS) -o $@ $< $(HARNESS) -lvterm -lutil -lcmocka

# Phones voting on the real handsup: 200 at once, a vote to its frame.
$(BUILD)/tests/bench_room: tests/bench_room.c tests/phone_client.h $(HARNESS)
	$(CC) $(ALL_CFLAGS) -Itests/screen -Itests $(ALL_LDFLAGS) -o $@ $< $(HARNESS) -lvterm -lutil -lcmocka

$(BUILD)/tests/bench: tests/bench.c $(NOUI_LIBS)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(NET_CFLAGS) $(ALL_LDFLAGS) -o $@ $< tests/bench_phones.c tests/unit/phones.c $(NOUI_LIBS) $(NET_LIBS)

check-completion:
	@bash tests/completion/test_completion.sh

lint:
	mandoc -Tlint -W warning man/handsup.1 man/handsup.5

format:
	clang-format -i src/*/*.c src/*/*.h tests/*/*.c tests/*/*.h

deps:
	sh tools/deps.sh

# ---- install -------------------------------------------------------------
# The man pages and the completions name the folders of a package built
# with PREFIX=/usr; this install's folders are written over them, so that
# the pages name the real paths and the completions list the decks where
# this install puts them.  install-data is everything but the binary
# (tests/release/test_install.sh checks it).
INSTALL_PATHS = -e 's|/usr/share/handsup|$(DATADIR)|g' \
  -e 's|/usr/share/bash-completion/completions|$(BASHCOMPDIR)|g' \
  -e 's|/usr/share/zsh/vendor-completions|$(ZSHCOMPDIR)|g' \
  -e 's|/usr/share/doc/handsup|$(DOCDIR)|g'
install: $(BIN) install-data
	install -d $(DESTDIR)$(BINDIR)
	install -m 755 $(BIN) $(DESTDIR)$(BINDIR)/handsup

install-data:
	install -d $(DESTDIR)$(MANPREFIX)/man1 $(DESTDIR)$(MANPREFIX)/man5 \
	  $(DESTDIR)$(DATADIR) $(DESTDIR)$(DOCDIR) \
	  $(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR)
	sed $(INSTALL_PATHS) man/handsup.1 >$(DESTDIR)$(MANPREFIX)/man1/handsup.1
	sed $(INSTALL_PATHS) man/handsup.5 >$(DESTDIR)$(MANPREFIX)/man5/handsup.5
	install -m 644 content/*.deck $(DESTDIR)$(DATADIR)/
	install -m 644 NOTICE $(DESTDIR)$(DOCDIR)/NOTICE
	sed $(INSTALL_PATHS) completion/handsup.bash >$(DESTDIR)$(BASHCOMPDIR)/handsup
	sed $(INSTALL_PATHS) completion/_handsup >$(DESTDIR)$(ZSHCOMPDIR)/_handsup
	chmod 644 $(DESTDIR)$(MANPREFIX)/man1/handsup.1 \
	  $(DESTDIR)$(MANPREFIX)/man5/handsup.5 \
	  $(DESTDIR)$(BASHCOMPDIR)/handsup $(DESTDIR)$(ZSHCOMPDIR)/_handsup

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/handsup $(DESTDIR)$(MANPREFIX)/man1/handsup.1 \
	  $(DESTDIR)$(MANPREFIX)/man5/handsup.5 $(DESTDIR)$(DOCDIR)/NOTICE \
	  $(DESTDIR)$(BASHCOMPDIR)/handsup $(DESTDIR)$(ZSHCOMPDIR)/_handsup
	for f in content/*.deck; do rm -f "$(DESTDIR)$(DATADIR)/$${f##*/}"; done
	-rmdir $(DESTDIR)$(DATADIR) $(DESTDIR)$(DOCDIR)

clean:
	rm -rf build build-asan handsup $(BUILD) $(BIN)

-include $(OBJ:.o=.d) $(wildcard $(BUILD)/tests/*.d)
