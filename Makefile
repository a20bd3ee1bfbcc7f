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
#   make install / uninstall   (PREFIX, DESTDIR, MANPREFIX)

PREFIX    ?= /usr/local
BINDIR    ?= $(PREFIX)/bin
DATADIR   ?= $(PREFIX)/share/handsup
MANPREFIX ?= $(PREFIX)/share/man
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR  ?= $(PREFIX)/share/zsh/vendor-completions
BUILD     ?= build
BIN       ?= handsup
CC        ?= cc
PKG_CONFIG ?= pkg-config

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

CFLAGS   ?= -O2 -g
ALL_CFLAGS = -std=c11 $(WARN) -D_XOPEN_SOURCE=700 -D_DEFAULT_SOURCE \
             -DNCURSES_WIDECHAR=1 $(NCURSES_CFLAGS) -Isrc -I$(BUILD) \
             $(CPPFLAGS) $(CFLAGS) $(EXTRA_CFLAGS)
ALL_LDFLAGS = $(LDFLAGS) $(EXTRA_LDFLAGS)

SRC      = $(wildcard src/*.c)
OBJ      = $(SRC:src/%.c=$(BUILD)/%.o) $(BUILD)/embedded_deck.o
LIBOBJ   = $(filter-out $(BUILD)/main.o,$(OBJ))
LIB      = $(BUILD)/libhandsup.a
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
        uninstall clean fuzz-smoke check-completion
.DELETE_ON_ERROR:

all: $(BIN)

$(BIN): $(BUILD)/main.o $(LIB)
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $(BUILD)/main.o $(LIB) $(NCURSES_LIBS)

$(LIB): $(LIBOBJ)
	rm -f $@
	ar rcs $@ $(LIBOBJ)

$(BUILD)/%.o: src/%.c | $(BUILD)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

# The default deck, carried inside the binary as a byte array.
$(BUILD)/embedded_deck.c: $(DECK) | $(BUILD)
	{ printf '/* Generated from %s; do not edit. */\n' '$(DECK)'; \
	  printf '#include "embedded.h"\n'; \
	  printf 'const unsigned char embedded_deck[] = {\n'; \
	  od -An -v -tx1 $(DECK) | sed -e 's/ *\([0-9a-f][0-9a-f]\)/0x\1,/g'; \
	  printf '0x00};\nconst size_t embedded_deck_len = sizeof embedded_deck - 1;\n'; \
	  printf 'const char embedded_deck_name[] = "%s";\n' '$(notdir $(DECK))'; \
	} > $@
$(BUILD)/embedded_deck.o: $(BUILD)/embedded_deck.c src/embedded.h
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD) $(BUILD)/tests $(BUILD)/fuzz:
	mkdir -p $@

run: $(BIN)
	./$(BIN)

# ---- tests ---------------------------------------------------------------
TEST_LIBS = -lcmocka $(NCURSES_LIBS)

$(BUILD)/tests/%: tests/unit/%.c $(LIB) | $(BUILD)/tests
	$(CC) $(ALL_CFLAGS) -MMD -MP -Itests $(ALL_LDFLAGS) -o $@ $< $(LIB) $(TEST_LIBS)

$(HARNESS): tests/screen/harness.c tests/screen/harness.h | $(BUILD)/tests
	$(CC) $(ALL_CFLAGS) -MMD -MP -Itests/screen -c -o $@ $<

$(BUILD)/tests/%: tests/screen/%.c $(HARNESS) $(LIB) | $(BUILD)/tests
	$(CC) $(ALL_CFLAGS) -MMD -MP -Itests/screen $(ALL_LDFLAGS) -o $@ $< $(HARNESS) $(LIB) -lvterm -lutil $(TEST_LIBS)

$(BUILD)/tests/%: tests/crash/%.c $(HARNESS) $(LIB) | $(BUILD)/tests
	$(CC) $(ALL_CFLAGS) -MMD -MP -Itests/screen $(ALL_LDFLAGS) -o $@ $< $(HARNESS) $(LIB) -lvterm -lutil $(TEST_LIBS)

$(BUILD)/tests/replay_%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c $(LIB) | $(BUILD)/tests
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< tests/fuzz/replay.c $(LIB) $(TEST_LIBS)

# The fuzzers compile every source themselves, so that libFuzzer sees
# coverage in the code under test and not only in the target.
FUZZ_SRC_ALL = $(filter-out src/main.c,$(SRC)) $(BUILD)/embedded_deck.c
$(BUILD)/fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_SRC_ALL) | $(BUILD)/fuzz
	clang $(filter-out -fsanitize=%,$(ALL_CFLAGS)) -fsanitize=fuzzer,address,undefined \
	  -o $@ $< $(FUZZ_SRC_ALL) $(NCURSES_LIBS)

check test: $(BIN) $(TEST_BINS)
	@HANDSUP_BIN=./$(BIN) BUILD=$(BUILD) sh tests/run.sh $(TEST_BINS)

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

bench: $(BIN) $(BUILD)/tests/bench $(BUILD)/tests/bench_ui
	@HANDSUP_BIN=./$(BIN) $(BUILD)/tests/bench
	@echo
	@HANDSUP_BIN=./$(BIN) $(BUILD)/tests/bench_ui

$(BUILD)/tests/bench_ui: tests/bench_ui.c $(HARNESS) | $(BUILD)/tests
	$(CC) $(ALL_CFLAGS) -Itests/screen $(ALL_LDFLAGS) -o $@ $< $(HARNESS) -lvterm -lutil -lcmocka

$(BUILD)/tests/bench: tests/bench.c $(LIB) | $(BUILD)/tests
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(LIB) $(NCURSES_LIBS)

check-completion:
	@bash tests/completion/test_completion.sh

lint:
	mandoc -Tlint -W warning man/handsup.1 man/handsup.5

format:
	clang-format -i src/*.c src/*.h tests/*/*.c tests/*/*.h

deps:
	sh tools/deps.sh

# ---- install -------------------------------------------------------------
# The completions get DATADIR written over the default they name, so that
# they list the decks where this install puts them.
install: $(BIN)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANPREFIX)/man1 \
	  $(DESTDIR)$(MANPREFIX)/man5 $(DESTDIR)$(DATADIR) \
	  $(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR)
	install -m 755 $(BIN) $(DESTDIR)$(BINDIR)/handsup
	install -m 644 man/handsup.1 $(DESTDIR)$(MANPREFIX)/man1/handsup.1
	install -m 644 man/handsup.5 $(DESTDIR)$(MANPREFIX)/man5/handsup.5
	install -m 644 content/*.deck $(DESTDIR)$(DATADIR)/
	sed 's|/usr/share/handsup|$(DATADIR)|' completion/handsup.bash \
	  > $(DESTDIR)$(BASHCOMPDIR)/handsup
	sed 's|/usr/share/handsup|$(DATADIR)|' completion/_handsup \
	  > $(DESTDIR)$(ZSHCOMPDIR)/_handsup
	chmod 644 $(DESTDIR)$(BASHCOMPDIR)/handsup $(DESTDIR)$(ZSHCOMPDIR)/_handsup

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/handsup $(DESTDIR)$(MANPREFIX)/man1/handsup.1 \
	  $(DESTDIR)$(MANPREFIX)/man5/handsup.5 \
	  $(DESTDIR)$(BASHCOMPDIR)/handsup $(DESTDIR)$(ZSHCOMPDIR)/_handsup
	for f in content/*.deck; do rm -f "$(DESTDIR)$(DATADIR)/$${f##*/}"; done
	-rmdir $(DESTDIR)$(DATADIR)

clean:
	rm -rf build build-asan handsup $(BUILD) $(BIN)

-include $(OBJ:.o=.d) $(wildcard $(BUILD)/tests/*.d)
