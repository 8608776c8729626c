# CallSync: build, run, test, benchmark. See README.md.
SHELL := /bin/bash
DOTNET ?= dotnet
CONFIG ?= Release
OUT := out/bin
export DOTNET_CLI_TELEMETRY_OPTOUT := 1
export DOTNET_NOLOGO := 1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE := 1

EXES := firmware/CallSync.Agent server/CallSync.Hub tools/CallSync.Cli tools/CallSync.Companion.Cli
# The web app, published once per build or test run: the hub serves out/web/wwwroot (Web:Root) and the browser
# tests load it from there.
WEB := web/CallSync.Web
WEB_OUT := out/web

.PHONY: build web-publish run test unit-test interop-test deps bench bench-load bench-call-cpu bench-call-memory call-layout bench-hub fuzz-sip config-docs public-api release test-board clean

build:
	@mkdir -p $(OUT)
	$(DOTNET) build CallSync.Firmware.sln -c $(CONFIG) -nologo -clp:ErrorsOnly
	@for p in $(EXES); do \
	  $(DOTNET) publish $$p -c $(CONFIG) --no-build -nologo -o $(OUT) >/dev/null || exit 1; \
	done
	@$(MAKE) --no-print-directory web-publish
	@echo "built: $$(ls $(OUT) | grep -E '^callsync(-agent|-hub|-companion)?$$' | tr '\n' ' ')"

run: build
	@deploy/run-local.sh

deps:
	@deploy/test-deps.sh

test: deps
	$(DOTNET) build CallSync.Firmware.sln -c $(CONFIG) -nologo -clp:ErrorsOnly
	@$(MAKE) --no-print-directory web-publish
	@deploy/run-tests.sh $(CONFIG)

# After the solution build: compresses the app's files (.br/.gz, served as they are), writes the service worker's
# asset list and fingerprints index.html's script references (a publish step: --no-build would leave placeholders).
web-publish:
	@rm -rf $(WEB_OUT)
	$(DOTNET) publish $(WEB) -c $(CONFIG) -nologo -o $(WEB_OUT) >/dev/null
	@echo "web app: $(WEB_OUT)/wwwroot"

# The configuration references in docs/configuration.md and docs/hub-configuration.md, from the key declarations.
config-docs:
	@deploy/config-docs.sh

# Every library's PublicAPI.Shipped.txt from its code as it is now (after a deliberate change of surface); read the diff.
public-api:
	@deploy/public-api.sh $(CONFIG)

# A signed release bundle for a board profile (deploy/boards/*.env): NativeAOT agent and CLI, signed with the key at
# RELEASE_KEY (a path outside the repository; without it the target says how to make one). See docs/flashing.md.
BOARD ?= generic-arm64
release: deps
	@deploy/release.sh $(BOARD)

# The emulated arm64 board: the arm64 NativeAOT agent under qemu-user (binfmt_misc) in its own network namespace,
# answering and recording a sipp call over a veth (docs/boards.md). Cross-compiles the agent first (minutes).
test-board: deps
	@deploy/test-board.sh $(TEST_BOARD_ARGS)

FUZZ_SECONDS ?= 60
fuzz-sip:
	$(DOTNET) run -c Release --project tests/CallSync.Sip.Fuzz -- --seconds $(FUZZ_SECONDS) --corpus tests/CallSync.Sip.Syntax.Tests/Torture

# BenchmarkDotNet suites, then the agent under sipp load and one call's CPU (a load run that misses its target
# exits 1 by design; the rest still runs).
bench: build
	$(DOTNET) run -c Release --project tests/CallSync.Benchmarks -- --filter '*' $(BENCH_ARGS)
	-deploy/bench-load.sh $(BENCH_LOAD_ARGS)
	deploy/bench-call-cpu.sh $(BENCH_CALL_ARGS)
	@$(MAKE) --no-print-directory bench-call-memory
	deploy/bench-hub.sh $(BENCH_HUB_ARGS)

bench-load: build
	deploy/bench-load.sh $(BENCH_LOAD_ARGS)

bench-call-cpu: build
	deploy/bench-call-cpu.sh $(BENCH_CALL_ARGS)

# The NativeAOT agent as a board runs it (generic-x64 profile) in one call with recording, beside baresip recording WAV
# in the same run: CPU, peak RSS and its split (docs/benchmarks.md, "Agent memory in a call"); then the same call with
# the record published to an MQTT broker over TLS, as a phone in the fleet runs.
bench-call-memory:
	deploy/publish.sh boards/generic-x64.env --aot
	BENCH_AGENT_BIN=$(CURDIR)/out/publish/generic-x64 deploy/bench-call-cpu.sh --baresip $(BENCH_MEMORY_ARGS)
	BENCH_AGENT_BIN=$(CURDIR)/out/publish/generic-x64 deploy/bench-call-cpu.sh --mqtt $(BENCH_MEMORY_ARGS)

# Regenerates firmware/CallSync.Agent/call-path.order, the NativeAOT agent's code layout for a call, from callgrind
# profiles of the published x64 agent in one sipp call, alone and with an MQTT broker (valgrind, mosquitto; about 6
# minutes with the build). Then measure with 'make bench-call-memory'.
call-layout:
	deploy/publish.sh boards/generic-x64.env --aot
	deploy/profile-call-layout.sh

bench-hub: build
	deploy/bench-hub.sh $(BENCH_HUB_ARGS)

clean:
	rm -rf out
	$(DOTNET) clean CallSync.Firmware.sln -nologo -v q >/dev/null
	find . -type d \( -name bin -o -name obj \) -prune -exec rm -rf {} +
