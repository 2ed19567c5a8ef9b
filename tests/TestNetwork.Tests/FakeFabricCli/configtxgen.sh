#!/usr/bin/env bash
# A stand-in for Fabric's configtxgen, installed as `configtxgen` on PATH by ToolsScriptFlowTests:
# records the call and writes a placeholder block where -outputBlock says.
set -euo pipefail
state=${FAKE_FABRIC_STATE:?}
printf '%s\t%s\n' "-" "configtxgen $*" >>"$state/calls"
while (($#)); do
  if [[ $1 == -outputBlock ]]; then
    echo "genesis block" >"$2"
  fi
  shift
done
