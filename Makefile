# flagtop — see README.md. `make demo` and `make test` are the quick start.
SWIFT ?= swift
RELEASE_BIN = .build/release/flagtop

.PHONY: all build release test demo bench packages clean

all: build

packages:
	@scripts/ensure-packages.sh

build: packages
	$(SWIFT) build

release: packages
	$(SWIFT) build -c release --product flagtop

# The whole suite, against private redis-servers the tests start themselves.
test: packages
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

# The dashboard on an embedded Redis with live demo traffic.
demo: release
	$(RELEASE_BIN) demo

# Benchmarks (a separate package in Benchmarks/): writes Benchmarks/RESULTS.md. About 10 minutes on 2 cores.
bench: packages
	SWIFT=$(SWIFT) Benchmarks/scripts/bench.sh

clean:
	rm -rf .build
