# flagtop — see README.md. `make demo` and `make test` are the quick start.
SWIFT ?= swift
RELEASE_BIN = .build/release/flagtop
# SwiftPM passes -color-diagnostics to the compilers only when its output is a terminal, and different compiler
# flags mean a full rebuild: `make demo` in a terminal after `make release` from a script (or the reverse) rebuilt
# everything (~70-100 s). One setting for every build keeps a no-op build a no-op wherever it runs.
SWIFT_BUILD = $(SWIFT) build --no-color-diagnostics


.PHONY: all build build-tests release test demo bench packages clean fuzz check check-asan check-tsan

all: build

packages:
	@scripts/ensure-packages.sh

build: packages
	$(SWIFT_BUILD)

# Swift's runtime and Foundation linked in: one self-contained binary, ~6 MB less resident memory.
release: packages
	$(SWIFT_BUILD) -c release --product flagtop --static-swift-stdlib

# The whole suite, against private redis-servers the tests start themselves.
test: build-tests
	$(SWIFT) test --skip-build

# What `test` builds; scripts/check-warnings.sh runs this same target, so `make test` after it builds nothing.
build-tests: packages
	$(SWIFT_BUILD) --build-tests

# The dashboard on an embedded Redis with live demo traffic.
demo: release
	$(RELEASE_BIN) demo

# Benchmarks (a separate package in Benchmarks/): writes Benchmarks/RESULTS.md. About 10 minutes on 2 cores.
bench: packages
	SWIFT=$(SWIFT) Benchmarks/scripts/bench.sh

# libFuzzer targets (Fuzz/): each runs FUZZ_SECONDS on its corpus under Fuzz/corpus/<target>. Not part of `test`.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS = FuzzSanitizer FuzzURL FuzzTheme FuzzReplies
fuzz: packages
	@# A cached build description can miss files added to the main package since the last fuzz build.
	rm -f Fuzz/.build/release/description.json
	cd Fuzz && $(SWIFT_BUILD) -c release -Xswiftc -sanitize=fuzzer -Xswiftc -parse-as-library
	@for t in $(FUZZ_TARGETS); do \
		mkdir -p Fuzz/corpus/$$t Fuzz/seeds/$$t Fuzz/artifacts; \
		echo "== $$t ($(FUZZ_SECONDS) s)"; \
		SWIFT_BACKTRACE=enable=no Fuzz/.build/release/$$t Fuzz/corpus/$$t Fuzz/seeds/$$t -max_total_time=$(FUZZ_SECONDS) -max_len=4096 \
			-artifact_prefix=Fuzz/artifacts/$$t- -print_final_stats=1 || exit 1; \
	done

# The suite under AddressSanitizer, then ThreadSanitizer, each in its own scratch path.
check: check-asan check-tsan

check-asan: packages
	$(SWIFT_BUILD) --build-tests -Xswiftc -sanitize=address --scratch-path .build-asan
	LSAN_OPTIONS="suppressions=$(CURDIR)/scripts/lsan-suppressions.txt" $(SWIFT) test --skip-build --scratch-path .build-asan

check-tsan: packages
	$(SWIFT_BUILD) --build-tests -Xswiftc -sanitize=thread --scratch-path .build-tsan
	TSAN_OPTIONS="$${TSAN_OPTIONS:-halt_on_error=0 second_deadlock_stack=1}" $(SWIFT) test --skip-build --scratch-path .build-tsan

clean:
	rm -rf .build .build-asan .build-tsan Fuzz/.build
