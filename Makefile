# CallSync: build, run, test, benchmark. See README.md.
SHELL := /bin/bash
DOTNET ?= dotnet
CONFIG ?= Release
OUT := out/bin
export DOTNET_CLI_TELEMETRY_OPTOUT := 1
export DOTNET_NOLOGO := 1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE := 1

EXES := firmware/CallSync.Agent server/CallSync.Hub tools/CallSync.Cli tools/CallSync.Companion.Cli

.PHONY: build run test unit-test interop-test deps bench fuzz-sip clean

build:
	@mkdir -p $(OUT)
	$(DOTNET) build CallSync.Firmware.sln -c $(CONFIG) -nologo -clp:ErrorsOnly
	@for p in $(EXES); do \
	  $(DOTNET) publish $$p -c $(CONFIG) --no-build -nologo -o $(OUT) >/dev/null || exit 1; \
	done
	@echo "built: $$(ls $(OUT) | grep -E '^callsync(-agent|-hub|-companion)?$$' | tr '\n' ' ')"

run: build
	@deploy/run-local.sh

deps:
	@deploy/test-deps.sh

test: deps
	$(DOTNET) build CallSync.Firmware.sln -c $(CONFIG) -nologo -clp:ErrorsOnly
	@deploy/run-tests.sh $(CONFIG)

FUZZ_SECONDS ?= 60
fuzz-sip:
	$(DOTNET) run -c Release --project tests/CallSync.Sip.Fuzz -- --seconds $(FUZZ_SECONDS) --corpus tests/CallSync.Sip.Syntax.Tests/Torture

bench:
	$(DOTNET) run -c Release --project tests/CallSync.Benchmarks -- --filter '*' $(BENCH_ARGS)

clean:
	rm -rf out
	$(DOTNET) clean CallSync.Firmware.sln -nologo -v q >/dev/null
	find . -type d \( -name bin -o -name obj \) -prune -exec rm -rf {} +
