# Fabric.HealthRecords — the commands developers, CI and operators use.
# `make demo` and `make test` are the two commands the README starts with.

SHELL := /bin/bash
DOTNET ?= dotnet
CONFIGURATION ?= Release
SOLUTION := Fabric.HealthRecords.sln
INTEROP := tests/interop
ARTIFACTS := artifacts

.PHONY: all build test check-docs pack clean bench demo dev-network hrec sample interop-deps check-scripts help

# hrec runs from the clone: `make hrec` builds it once (a no-op when `make demo` or `make test` already
# did), and eng/tools/hrec runs that build; `export PATH="$$PWD/eng/tools:$$PATH"` makes it `hrec`.
# hrec holds only the client side: `network up` and `demo` run the dev network tool and the chaincode
# server as child processes, found beside their projects when hrec runs from the clone, so `make hrec`
# builds all three.
HREC_DLL := gateway-client/src/HealthRecords.Cli/bin/$(CONFIGURATION)/net10.0/hrec.dll
DEVNET_DLL := network/src/Fabric.DevNetwork/bin/$(CONFIGURATION)/net10.0/Fabric.DevNetwork.dll
CHAINCODE_DLL := chaincode/src/HealthRecords.Chaincode/bin/$(CONFIGURATION)/net10.0/HealthRecords.Chaincode.dll
DEVNET_DATA ?= .devnet
HREC_INPUTS := $(wildcard $(shell git ls-files -- gateway-client/foundation gateway-client/src chaincode/src network/src network/crypto-config.yaml \
	Directory.Build.props Directory.Build.targets Directory.Packages.props global.json 2>/dev/null))

all: build

help: ## list the targets
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | sort

build: ## build the solution (warnings are errors)
	$(DOTNET) build $(SOLUTION) -c $(CONFIGURATION)

# The interop tests drive the official Node SDKs; install them once per package-lock change.
$(INTEROP)/node_modules/.package-lock.json: $(INTEROP)/package.json $(INTEROP)/package-lock.json
	npm ci --prefix $(INTEROP) --no-audit --no-fund --ignore-scripts --loglevel=warn
	@touch $@

interop-deps: $(INTEROP)/node_modules/.package-lock.json ## install the official Node SDKs used by interop tests

demo: hrec ## build, start a dev network, run the chaincode as a service, play the health-records scenario, clean up
	$(DOTNET) $(HREC_DLL) demo

dev-network: hrec ## run fabric-devnet in the foreground on $(DEVNET_DATA), starting the health-records chaincode server (Ctrl-C stops both)
	$(DOTNET) $(DEVNET_DLL) up --data $(DEVNET_DATA) --batch-timeout-ms 100 \
		--chaincode-command healthrecords=$(CHAINCODE_DLL) --package-id healthrecords=healthrecords_1.0:dev \
		--policy "healthrecords=AND('Org1MSP.peer','Org2MSP.peer')"

hrec: $(HREC_DLL) ## build the hrec tool for eng/tools/hrec, with the dev network tool and the chaincode server it runs (then: export PATH="$$PWD/eng/tools:$$PATH")

# One target for the three: they share most inputs, and one stamp keeps a no-op `make hrec` instant.
$(HREC_DLL): $(HREC_INPUTS)
	$(DOTNET) build gateway-client/src/HealthRecords.Cli -c $(CONFIGURATION) -nologo -v q -clp:NoSummary
	$(DOTNET) build network/src/Fabric.DevNetwork -c $(CONFIGURATION) -nologo -v q -clp:NoSummary
	$(DOTNET) build chaincode/src/HealthRecords.Chaincode -c $(CONFIGURATION) -nologo -v q -clp:NoSummary
	@touch $@

test: interop-deps ## run every test that runs without Docker: unit, dev-network integration, Node interop
	@# The summary runs even when a test fails, so the log's last lines name the failures.
	$(DOTNET) test $(SOLUTION) -c $(CONFIGURATION) --logger "console;verbosity=minimal" --results-directory $(ARTIFACTS)/test-results --logger trx; \
	  status=$$?; bash eng/test-summary.sh $(ARTIFACTS)/test-results && exit $$status

check-docs: ## run every shell command of README.md and docs/cli.md against a fresh dev network (part of make test)
	$(DOTNET) test tests/HealthRecords.Cli.Tests -c $(CONFIGURATION) --filter "FullyQualifiedName~DocCommands" --logger "console;verbosity=minimal"

pack: ## write the NuGet packages to artifacts/packages
	$(DOTNET) pack $(SOLUTION) -c $(CONFIGURATION) -o $(ARTIFACTS)/packages

sample: pack ## build the sample app from the NuGet packages and run it against a running network (HREC_PROFILE)
	rm -rf samples/HealthRecords.Sample/.packages
	$(DOTNET) run -c $(CONFIGURATION) --project samples/HealthRecords.Sample -- $(or $(HREC_PROFILE),.devnet/connection-profile.json)

# `make bench SUITE=gateway-client` runs one suite (several: SUITE="a b") and replaces only its section;
# BENCH_ARGS="--seconds 15 --warmup 3" lengthens the windows on a loaded machine.
bench: interop-deps ## run the benchmarks and write docs/benchmarks.md (SUITE=name for one suite)
	$(DOTNET) run -c Release --project tests/Benchmarks -- --output docs/benchmarks.md $(foreach s,$(SUITE),--suite $(s)) $(BENCH_ARGS)

check-scripts: ## shellcheck every shell script
	shellcheck -x $$(git ls-files '*.sh' .ci/run)

clean: ## remove build outputs
	$(DOTNET) clean $(SOLUTION) -c $(CONFIGURATION) -v q
	rm -rf $(ARTIFACTS)
	find . -type d \( -name bin -o -name obj \) -not -path './$(INTEROP)/node_modules/*' -prune -exec rm -rf {} +

-include network/test-network/test-network.mk
