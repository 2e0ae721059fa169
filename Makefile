# Cairn: the two commands a fresh machine needs are `make run` and `make test`.
# Both install what they need first (Debian packages, PyPI packages) when it is missing.

SWIFT ?= swift
APT_PACKAGES := libnghttp2-dev pkg-config protobuf-compiler etcd-client etcd-server nghttp2-client curl python3-pip postgresql
DATA_DIR ?= default.cairn
# Each test process runs alone and is bounded, so a hang fails the run instead of stalling it: the
# hostile-client and PostgreSQL suites spawn many processes and get test processes of their own.
BOUNDED := timeout --kill-after=30 900

.PHONY: deps run test lint format build release clean sanitize fuzz-smoke

## deps: install the system packages the build and the tests use (idempotent).
deps:
	@missing=""; for p in $(APT_PACKAGES); do \
	  dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi
	@python3 -c 'import grpc' 2>/dev/null || python3 -m pip install -q grpcio

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release --product cairnd

## run: build cairnd in release mode and serve 127.0.0.1:2379 from ./$(DATA_DIR).
run: release
	$$($(SWIFT) build -c release --show-bin-path)/cairnd --data-dir $(DATA_DIR) \
	  --listen-client-urls http://127.0.0.1:2379 --advertise-client-urls http://127.0.0.1:2379

lint:
	$(SWIFT) format lint --strict --recursive Package.swift Sources Tests

format:
	$(SWIFT) format --in-place --recursive Package.swift Sources Tests

## test: install what is missing, check the layout, run every test.
test: deps lint
	$(SWIFT) build --build-tests
	$(BOUNDED) $(SWIFT) test --skip-build --parallel --skip "CairnPostgresTests|HostileClientTests"
	$(BOUNDED) $(SWIFT) test --skip-build --filter HostileClientTests
	$(BOUNDED) $(SWIFT) test --skip-build --filter CairnPostgresTests

## sanitize: the whole test suite under ThreadSanitizer, then under AddressSanitizer (own scratch paths).
## Leak detection is off: XCTest's runner and process-wide singletons (NIO's event loops) outlive main.
sanitize: deps
	$(SWIFT) build --build-tests --sanitize=thread --scratch-path .build-tsan
	$(SWIFT) test --skip-build --sanitize=thread --scratch-path .build-tsan
	$(SWIFT) build --build-tests --sanitize=address --scratch-path .build-asan
	ASAN_OPTIONS=detect_leaks=0 $(SWIFT) test --skip-build --sanitize=address --scratch-path .build-asan

## fuzz-smoke: every libFuzzer target for a fixed number of inputs from its seeds (CI runs it; Fuzz/run.sh runs one
## for longer). The WAL and HTTP/2 targets run about 100 inputs/s (files and sessions per input), the others thousands.
fuzz-smoke: deps
	FUZZ_RUNS=20000 Fuzz/run.sh WireFuzz 0
	FUZZ_RUNS=20000 Fuzz/run.sh DeframerFuzz 0
	FUZZ_RUNS=3000 Fuzz/run.sh WALFuzz 0
	FUZZ_RUNS=3000 Fuzz/run.sh HTTP2Fuzz 0

clean:
	rm -rf .build
