# Fabric.HealthRecords — the commands developers, CI and operators use.
# `make demo` and `make test` are the two commands the README starts with.

SHELL := /bin/bash
DOTNET ?= dotnet
CONFIGURATION ?= Release
SOLUTION := Fabric.HealthRecords.sln
INTEROP := tests/interop
ARTIFACTS := artifacts

.PHONY: all build test pack clean bench demo sample interop-deps check-scripts help

all: build

help: ## list the targets
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | sort

build: ## build the solution (warnings are errors)
	$(DOTNET) build $(SOLUTION) -c $(CONFIGURATION)

# The interop tests drive the official Node SDKs; install them once per package-lock change.
$(INTEROP)/node_modules/.package-lock.json: $(INTEROP)/package.json $(INTEROP)/package-lock.json
	npm ci --prefix $(INTEROP) --no-audit --no-fund
	@touch $@

interop-deps: $(INTEROP)/node_modules/.package-lock.json ## install the official Node SDKs used by interop tests

demo: ## build, start a dev network, run the chaincode as a service, play the health-records scenario, clean up
	$(DOTNET) run --project gateway-client/src/HealthRecords.Cli -c $(CONFIGURATION) -- demo

test: interop-deps ## run every test that runs without Docker: unit, dev-network integration, Node interop
	$(DOTNET) test $(SOLUTION) -c $(CONFIGURATION) --logger "console;verbosity=minimal" --results-directory $(ARTIFACTS)/test-results --logger trx
	@bash eng/test-summary.sh $(ARTIFACTS)/test-results

pack: ## write the NuGet packages to artifacts/packages
	$(DOTNET) pack $(SOLUTION) -c $(CONFIGURATION) -o $(ARTIFACTS)/packages

sample: pack ## build the sample app from the NuGet packages and run it against a running network (HREC_PROFILE)
	rm -rf samples/HealthRecords.Sample/.packages
	$(DOTNET) run -c $(CONFIGURATION) --project samples/HealthRecords.Sample -- $(or $(HREC_PROFILE),.devnet/connection-profile.json)

bench: interop-deps ## run the benchmarks and write docs/benchmarks.md
	$(DOTNET) run -c Release --project tests/Benchmarks -- --output docs/benchmarks.md

check-scripts: ## shellcheck every shell script
	shellcheck -x $$(git ls-files '*.sh' .ci/run)

clean: ## remove build outputs
	$(DOTNET) clean $(SOLUTION) -c $(CONFIGURATION) -v q
	rm -rf $(ARTIFACTS)
	find . -type d \( -name bin -o -name obj \) -not -path './$(INTEROP)/node_modules/*' -prune -exec rm -rf {} +

-include network/test-network/test-network.mk
