# claimpipe -- plain make.  `make`, `make check`, `make sanitize`,
# `make bench`, `make demo`, `make install`.  WERROR=1 adds -Werror.

PREFIX	?= /usr/local
BINDIR	?= $(PREFIX)/bin
MANDIR	?= $(PREFIX)/share/man
DATADIR	?= $(PREFIX)/share/claimpipe
DESTDIR	?=
CC	?= cc
CFLAGS	?= -O2 -g
PKG_CONFIG ?= pkg-config
PKGS	 = libpcre2-8 libutf8proc yaml-0.1 jansson
DEBS	 = build-essential pkg-config time parallel libpcre2-dev \
	   libutf8proc-dev libyaml-dev libjansson-dev
B	?= build

WARN	 = -std=c11 -Wall -Wextra -Wshadow -Wstrict-prototypes \
	   -Wmissing-prototypes -Wwrite-strings
ifeq ($(WERROR),1)
WARN	+= -Werror
endif
# Evaluated when used, so that a `make deps` earlier in the same run counts.
PKG_CFLAGS = $(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null)
ALL_CFLAGS = $(WARN) -D_POSIX_C_SOURCE=200809L -Ipipeline $(PKG_CFLAGS) $(CFLAGS)
LIBS	 = $(PKG_LIBS) -lpthread

LIB_SRC	 = buf diag io omap norm record yml rules lits acm match sent extract gold
CMD_SRC	 = main cli docin recin fmt suggest cmd_normalize cmd_split cmd_extract cmd_rules cmd_explain cmd_eval cmd_format cmd_run
UNITS	 = t_buf t_omap t_norm t_record t_io t_alloc t_rules t_sent t_lits t_acm t_extract

LIB_OBJ	 = $(LIB_SRC:%=$(B)/%.o) $(B)/builtin.o
PACK_EN	 = $(sort $(wildcard rules/en/*.yaml))
CMD_OBJ	 = $(CMD_SRC:%=$(B)/%.o)
UNIT_BIN = $(UNITS:%=$(B)/%)
BIN	?= claimpipe

.PHONY: all check unit sanitize bench demo deps install uninstall clean memcheck

all: $(BIN)

$(B): | deps
	@mkdir -p $(B)

$(B)/%.o: pipeline/%.c pipeline/*.h | $(B)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

# The default rule pack, compiled in (tools/embed.c runs on the build
# machine, so it is built without the sanitizer flags).
$(B)/embed: tools/embed.c | $(B)
	$(CC) -O1 -o $@ tools/embed.c

$(B)/builtin.c: $(B)/embed $(PACK_EN)
	$(B)/embed en $(PACK_EN) > $@.tmp && mv $@.tmp $@

$(B)/builtin.o: $(B)/builtin.c pipeline/builtin.h
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(B)/libclaimpipe.a: $(LIB_OBJ)
	rm -f $@
	ar rcs $@ $(LIB_OBJ)

$(BIN): $(CMD_OBJ) $(B)/libclaimpipe.a
	$(CC) $(ALL_CFLAGS) -o $@ $(CMD_OBJ) $(B)/libclaimpipe.a $(LIBS) $(LDFLAGS)

$(B)/t_%: tests/unit/t_%.c tests/unit/check.h $(B)/libclaimpipe.a
	$(CC) $(ALL_CFLAGS) -Itests/unit -o $@ $< $(B)/libclaimpipe.a $(LIBS) $(LDFLAGS)

# Allocation failures: the library's malloc goes through the test's wrappers.
$(B)/t_alloc: tests/unit/t_alloc.c tests/unit/check.h $(B)/libclaimpipe.a
	$(CC) $(ALL_CFLAGS) -Itests/unit -o $@ $< $(B)/libclaimpipe.a $(LIBS) \
	    -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc $(LDFLAGS)

# make check: unit tests, then the data-file cases.  Both always run and
# the driver's last line is the total.
unit: $(UNIT_BIN)
	@for t in $(UNIT_BIN); do $$t || exit 1; done

check: $(BIN) $(UNIT_BIN)
	@fail=0; for t in $(UNIT_BIN); do $$t || fail=1; done; \
	CLAIMPIPE=$(CURDIR)/$(BIN) UNIT_FAILED=$$fail sh tests/run

# AddressSanitizer + UndefinedBehaviorSanitizer build of everything, in
# its own build folder, running the whole check.
sanitize:
	$(MAKE) B=build-san BIN=build-san/claimpipe \
	    CFLAGS="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" \
	    LDFLAGS="-fsanitize=address,undefined" check

# valgrind over the unit tests and every data-file case.
memcheck: $(BIN) $(UNIT_BIN)
	@for t in $(UNIT_BIN); do \
	    valgrind -q --leak-check=full --errors-for-leak-kinds=all \
	    --error-exitcode=99 $$t || exit 1; done
	CLAIMPIPE=$(CURDIR)/$(BIN) \
	    WRAP="valgrind -q --leak-check=full --errors-for-leak-kinds=all --error-exitcode=99" \
	    sh tests/run

bench: $(BIN)
	sh tests/bench/bench ./$(BIN)

demo: deps $(BIN)
	./$(BIN) run --stats --no-progress -F text --color=never corpus/articles/

deps:
	@if $(PKG_CONFIG) --exists $(PKGS) 2>/dev/null; then :; \
	elif [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
	    apt-get install -y -qq $(DEBS); \
	else \
	    echo "claimpipe needs: sudo apt-get install $(DEBS)"; exit 1; \
	fi

install: $(BIN)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 \
	    $(DESTDIR)$(MANDIR)/man5
	install -m 755 $(BIN) $(DESTDIR)$(BINDIR)/claimpipe
	install -m 644 docs/claimpipe.1 $(DESTDIR)$(MANDIR)/man1/claimpipe.1
	install -m 644 docs/claimpipe-rules.5 \
	    $(DESTDIR)$(MANDIR)/man5/claimpipe-rules.5

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/claimpipe \
	    $(DESTDIR)$(MANDIR)/man1/claimpipe.1 \
	    $(DESTDIR)$(MANDIR)/man5/claimpipe-rules.5

clean:
	rm -rf build build-san claimpipe
