#!/usr/bin/env bash
# Creates the channel and joins every node to it. Runs inside the fabric-tools container
# (scripts/network.sh up calls it); safe to run again on a network that already has the channel.
#   1. configtxgen writes the genesis block from configtx.yaml, profile HealthChannel
#      (anchor peers included, so no anchor-peer update is needed).
#   2. osnadmin joins the orderer through the channel participation API (no system channel).
#   3. Each organisation's admin joins its peer with the same block.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

block=$ARTIFACTS/$CHANNEL_NAME.block

# osnadmin exits 0 whatever the HTTP status; the status is the first line of its output.
osnadmin_call() {
  osnadmin channel "$@" -o "$ORDERER_ADMIN_ADDRESS" \
    --ca-file "$ORDERER_TLS_CA" \
    --client-cert "$ORDERER_ADMIN_TLS_CERT" \
    --client-key "$ORDERER_ADMIN_TLS_KEY"
}

orderer_reachable() {
  local out
  out=$(osnadmin_call list) || return 1
  [[ $out == *"Status: 200"* ]]
}

orderer_has_channel() {
  local out
  out=$(osnadmin_call list --channelID "$CHANNEL_NAME") || return 1
  [[ $out == *"Status: 200"* ]]
}

orderer_join() {
  local out
  out=$(osnadmin_call join --channelID "$CHANNEL_NAME" --config-block "$block") || return 1
  log "$out"
  [[ $out == *"Status: 201"* ]]
}

peer_has_channel() {
  local out
  use_org "$1"
  out=$(peer channel list 2>/dev/null) || return 1
  grep -qx "$CHANNEL_NAME" <<<"$out"
}

peer_join() {
  use_org "$1"
  peer channel join -b "$block"
}

mkdir -p "$ARTIFACTS"
if [[ -s $block ]]; then
  log "reusing the genesis block $block"
else
  log "writing the genesis block of $CHANNEL_NAME (configtxgen, profile HealthChannel)"
  configtxgen -configPath "$TEST_NETWORK_ROOT/configtx" -profile HealthChannel \
    -channelID "$CHANNEL_NAME" -outputBlock "$block"
fi

log "waiting for the orderer's admin endpoint $ORDERER_ADMIN_ADDRESS"
retry 30 2 orderer_reachable || fail "the orderer admin endpoint did not answer; see: docker logs orderer.example.com"

if orderer_has_channel; then
  log "orderer.example.com already serves $CHANNEL_NAME"
else
  log "joining orderer.example.com to $CHANNEL_NAME (osnadmin channel join)"
  retry 5 3 orderer_join || fail "osnadmin channel join failed"
fi

for org in "${PEER_ORGS[@]}"; do
  if peer_has_channel "$org"; then
    log "$(peer_address "$org") already joined $CHANNEL_NAME"
  else
    log "joining $(peer_address "$org") to $CHANNEL_NAME"
    retry 10 3 peer_join "$org" || fail "peer channel join failed for org $org; see: docker logs peer0.$(org_domain "$org")"
  fi
done

log "channel $CHANNEL_NAME is ready"
