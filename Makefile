# s370: the two set-up commands are `make run` and `make test` (README.md).
# Both install what they need on a fresh Debian machine (libreadline-dev, and
# zlib1g-dev and libbz2-dev for compressed disk images).

SWIFT ?= swift
RELEASE = .build/release/s370

.PHONY: run test check-long build release deps bench conformance clean

DEPS_MISSING = $(strip \
	$(if $(wildcard /usr/include/readline/readline.h),,libreadline-dev) \
	$(if $(wildcard /usr/include/zlib.h),,zlib1g-dev) \
	$(if $(wildcard /usr/include/bzlib.h),,libbz2-dev))

deps:
	@if [ -n "$(DEPS_MISSING)" ]; then \
		echo "installing $(DEPS_MISSING)"; \
		if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq $(DEPS_MISSING); \
		else sudo apt-get update -qq && sudo apt-get install -y -qq $(DEPS_MISSING); fi; \
	fi

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

# The whole system: CP with the operator's console here and telnet terminals
# on 127.0.0.1 port 3270 (the first run creates the default system in ./s370-data).
run: release
	$(RELEASE) run

# The whole test suite, built optimised (the machine tests run hundreds of
# millions of instructions) with testability (some tests look inside modules),
# in a build folder of its own so that it never clashes with the s370 that
# `make run` and the command-line tests use.
TESTFLAGS = -c release -Xswiftc -enable-testing --scratch-path .build-test
test: deps
	$(SWIFT) build -c release
	$(SWIFT) test $(TESTFLAGS) --parallel

# Soak, crash and scale runs.
check-long: release
	S370_LONG=1 $(SWIFT) test $(TESTFLAGS) --parallel

bench: release
	$(RELEASE) bench

# The CPU conformance suite with its coverage report (make test runs it too,
# as ConformanceTests).
conformance: release
	$(RELEASE) test --coverage

clean:
	rm -rf .build
