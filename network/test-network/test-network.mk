# The Docker test network on the official Hyperledger Fabric images (docs/operations.md).
# Included by the root Makefile; every target runs from the repository root.
#
#   make network-up [FABRIC_VERSION=3.1.4] [COUCHDB=true]
#   make network-up FABRIC_VERSION=3.1.5 ORDERER_TYPE=BFT     (four SmartBFT orderers, 3.x only)
#   make deploy-chaincode [CHAINCODE_VERSION=1.1] [CHAINCODE_SEQUENCE=auto]
#   make network-profile
#   make test-integration NETWORK=test-network
#   make network-down | network-clean

TEST_NETWORK_DIR := network/test-network
TEST_NETWORK_SH := bash $(TEST_NETWORK_DIR)/scripts/network.sh
TEST_NETWORK_PROFILE := $(abspath $(TEST_NETWORK_DIR)/profile/connection-profile.json)
END_TO_END_TESTS := tests/EndToEnd.Tests/EndToEnd.Tests.csproj

# Peer and orderer images; tools stay on 2.5 (no fabric-tools image is published for 3.x), except
# under BFT, which builds a 3.x tools image of ours (tools/Dockerfile).
FABRIC_VERSION ?= 2.5.16
FABRIC_TOOLS_VERSION ?= 2.5.16
# etcdraft or BFT; empty: what the network was created with (etcdraft for a new one).
ORDERER_TYPE ?=
COUCHDB ?= false
CHAINCODE_VERSION ?= 1.0
CHAINCODE_SEQUENCE ?= auto
# 1 lets deploy-chaincode lower the committed chaincode version (refused otherwise).
FORCE ?= 0
# dev: the end-to-end suite starts the dev network itself; test-network: it uses the Docker network.
NETWORK ?= dev

export FABRIC_VERSION FABRIC_TOOLS_VERSION ORDERER_TYPE COUCHDB CHAINCODE_VERSION CHAINCODE_SEQUENCE FORCE DOTNET CONFIGURATION

.PHONY: network-up network-down network-clean network-status deploy-chaincode network-profile test-integration test-integration-repeat check-test-network

network-up: ## Docker test network: crypto material, orderer(s) + 2 peers, channel healthchannel (ORDERER_TYPE=BFT: 4 orderers)
	$(TEST_NETWORK_SH) up

deploy-chaincode: ## Docker test network: build, package (ccaas), install, approve, commit and start the chaincode
	$(TEST_NETWORK_SH) deploy

network-profile: ## Docker test network: write network/test-network/profile/connection-profile.json
	$(TEST_NETWORK_SH) profile

network-down: ## Docker test network: remove the containers (ledgers and crypto material stay)
	$(TEST_NETWORK_SH) down

network-clean: ## Docker test network: remove containers, volumes, images and every generated file
	$(TEST_NETWORK_SH) clean

network-status: ## Docker test network: list its containers
	$(TEST_NETWORK_SH) status

test-integration: ## end-to-end suite; NETWORK=test-network runs it against the Docker test network
ifeq ($(NETWORK),test-network)
	@test -f $(TEST_NETWORK_PROFILE) || { echo "no $(TEST_NETWORK_PROFILE): run make network-up deploy-chaincode network-profile first" >&2; exit 1; }
	HREC_PROFILE=$(TEST_NETWORK_PROFILE) $(DOTNET) test $(END_TO_END_TESTS) -c $(CONFIGURATION) --logger "console;verbosity=normal"
else ifeq ($(NETWORK),dev)
	$(DOTNET) test $(END_TO_END_TESTS) -c $(CONFIGURATION) --logger "console;verbosity=normal"
else
	@echo "NETWORK must be dev or test-network, not '$(NETWORK)'" >&2; exit 2
endif

# One dev network, started once in the background, and the whole end-to-end suite run against it twice:
# the second run finds everything the first (and its demo tests) left behind, as a long-lived network does.
REPEAT_DATA := $(abspath $(ARTIFACTS)/e2e-repeat-devnet)
REPEAT_RUNS ?= 2

test-integration-repeat: hrec ## end-to-end suite REPEAT_RUNS (2) times in a row against one dev network started once
	$(DOTNET) build $(END_TO_END_TESTS) -c $(CONFIGURATION) -nologo -v q -clp:NoSummary
	@rm -rf $(REPEAT_DATA)
	$(DOTNET) $(HREC_DLL) network up --detach --data $(REPEAT_DATA) --port 0
	@status=0; \
	for run in $$(seq 1 $(REPEAT_RUNS)); do \
	  start=$$(date +%s); \
	  echo "== end-to-end run $$run of $(REPEAT_RUNS) against the dev network in $(REPEAT_DATA)"; \
	  if ! HREC_PROFILE=$(REPEAT_DATA)/connection-profile.json $(DOTNET) test $(END_TO_END_TESTS) -c $(CONFIGURATION) --no-build --logger "console;verbosity=minimal"; then \
	    echo "== run $$run FAILED after $$(( $$(date +%s) - start )) s; network log: $(REPEAT_DATA)/network.log" >&2; status=1; break; \
	  fi; \
	  echo "== run $$run passed in $$(( $$(date +%s) - start )) s"; \
	done; \
	$(DOTNET) $(HREC_DLL) network down --data $(REPEAT_DATA); \
	exit $$status

check-test-network: ## static checks of the Docker test network (no Docker needed)
	shellcheck -x $(TEST_NETWORK_DIR)/scripts/*.sh $(TEST_NETWORK_DIR)/scripts/tools/*.sh tests/TestNetwork.Tests/FakeFabricCli/*.sh
	$(DOTNET) test tests/TestNetwork.Tests/TestNetwork.Tests.csproj -c $(CONFIGURATION) --logger "console;verbosity=minimal"
