# Warden build.  `make` builds the release binaries into build/release/bin;
# BUILD=asan builds the AddressSanitizer+UBSan variant into build/asan.
# `make start` and `make test` are the README's two commands.

BUILD ?= release
O := build/$(BUILD)

CC ?= cc
WARN := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wno-unused-parameter -Wno-format-truncation
CFLAGS_BASE := -std=c11 -D_GNU_SOURCE -g -MMD -MP -Isrc $(WARN)
ifeq ($(BUILD),asan)
CFLAGS_BUILD := -O1 -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all
LDFLAGS_BUILD := -fsanitize=address,undefined
else
CFLAGS_BUILD := -O2
LDFLAGS_BUILD :=
endif
CFLAGS_ALL = $(CFLAGS_BASE) $(CFLAGS_BUILD) $(CFLAGS)
LDFLAGS_ALL = $(LDFLAGS_BUILD) $(LDFLAGS)

# Module sources: one directory per layer (see docs/design.md).
COMMON_SRC := $(wildcard src/common/*.c)
NET_SRC    := $(wildcard src/net/*.c)
SQL_SRC    := $(wildcard src/sql/*.c) $(wildcard src/plsql/*.c)
ENGINE_SRC := $(wildcard src/engine/*.c)
SGA_SRC    := $(wildcard src/sga/*.c)
SERVER_SRC := $(wildcard src/server/*.c)
CLIENT_SRC := $(wildcard src/client/*.c)
WSQL_SRC   := $(wildcard src/wsql/*.c)

obj = $(patsubst src/%.c,$(O)/obj/%.o,$(1))
tobj = $(patsubst tests/%.c,$(O)/obj/tests/%.o,$(1))

CORE_OBJ   := $(call obj,$(COMMON_SRC) $(NET_SRC))
SERVER_OBJ := $(call obj,$(SQL_SRC) $(ENGINE_SRC) $(SGA_SRC) $(SERVER_SRC))
CLIENT_OBJ := $(call obj,$(CLIENT_SRC))
WSQL_OBJ   := $(call obj,$(WSQL_SRC))

LIBWARDEN  := $(O)/lib/libwarden.a
BINS := $(O)/bin/wardend $(O)/bin/wardenctl $(O)/bin/wsql

UNIT_SRC  := $(wildcard tests/unit/test_*.c)
UNIT_BINS := $(patsubst tests/unit/%.c,$(O)/tests/%,$(UNIT_SRC))
E2E_SRC   := $(wildcard tests/e2e/test_*.c)
E2E_BINS  := $(patsubst tests/e2e/%.c,$(O)/tests/%,$(E2E_SRC))
E2E_LIB   := $(call tobj,tests/e2e/harness.c)
UNIT_LIB  := $(call tobj,tests/fuzz/support/fuzz_session.c)
FUZZ_SRC  := $(wildcard tests/fuzz/fuzz_*.c)

# -z now: symbols are bound once in PMON, not again lazily in every forked server.
SERVER_LIBS := -lsqlite3 -lcrypto -lm -Wl,-z,now
CLIENT_LIBS := -lcrypto -lm

.PHONY: all build asan deps start stop unit e2e compat test test-release test-asan fuzz bench clean format

all build: $(BINS) $(LIBWARDEN)

asan:
	$(MAKE) BUILD=asan build

$(O)/obj/%.o: src/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -c $< -o $@

$(O)/obj/tests/%.o: tests/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -c $< -o $@

$(LIBWARDEN): $(CORE_OBJ) $(CLIENT_OBJ)
	@mkdir -p $(dir $@)
	rm -f $@ && ar rcs $@ $^

$(O)/bin/wardend: $(call obj,src/tools/wardend.c) $(SERVER_OBJ) $(CORE_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS_ALL) -o $@ $^ $(SERVER_LIBS)

$(O)/bin/wardenctl: $(call obj,src/tools/wardenctl.c) $(CORE_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS_ALL) -o $@ $^ $(CLIENT_LIBS)

$(O)/bin/wsql: $(call obj,src/tools/wsql.c) $(WSQL_OBJ) $(LIBWARDEN)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS_ALL) -o $@ $^ -ledit $(CLIENT_LIBS)

# Unit tests link everything they might test (server and client objects, and
# the scratch instance and session of the fuzz targets).
$(O)/tests/test_%: $(O)/obj/tests/unit/test_%.o $(UNIT_LIB) $(SERVER_OBJ) $(CLIENT_OBJ) $(WSQL_OBJ) $(CORE_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS_ALL) -o $@ $^ -lcmocka $(SERVER_LIBS)

# End-to-end tests drive real instances through libwarden.
$(O)/tests/test_%: $(O)/obj/tests/e2e/test_%.o $(E2E_LIB) $(LIBWARDEN)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS_ALL) -o $@ $^ -lcmocka $(CLIENT_LIBS)

# The cluster test also speaks the interconnect itself (its security checks).
$(O)/tests/test_cluster: $(call obj,src/server/interconnect.c)

deps:
	@scripts/install-deps.sh

unit: $(UNIT_BINS)
	@scripts/run-unit-tests.sh $(O)/tests $(UNIT_BINS)

e2e: build $(E2E_BINS)
	@WARDEN_BIN=$(O)/bin scripts/run-e2e-tests.sh $(O)/tests $(E2E_BINS)

compat: build
	@WARDEN_BIN=$(O)/bin scripts/run-compat-tests.sh

test-release:
	$(MAKE) BUILD=release build unit e2e compat

test-asan:
	$(MAKE) BUILD=asan build unit e2e

# The README's test command: installs what is missing, then release + sanitizer runs.
test: deps
	@scripts/test-all.sh

# The README's start command: installs what is missing, builds, starts ./data.
start: deps
	@$(MAKE) -s build
	@scripts/start-local.sh $(O)/bin

stop:
	@$(O)/bin/wardenctl -D $${WARDEN_DATA:-data} stop

fuzz:
	@scripts/run-fuzz.sh

# Warden, PostgreSQL and MariaDB side by side (docs/benchmarks.md); RUNS and SESSIONS may be set.
bench:
	@bench/run.sh

format:
	clang-format -i $$(git ls-files '*.c' '*.h')

clean:
	rm -rf build

-include $(shell find build -name '*.d' 2>/dev/null)
