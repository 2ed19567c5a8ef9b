#!/usr/bin/env bash
# Creates the channel and joins every node to it. Runs inside the fabric-tools container
# (scripts/network.sh up calls it); safe to run again on a network that already has the channel.
#   1. configtxgen writes the genesis block from configtx.yaml, profile HealthChannel (etcdraft)
#      or HealthChannelBFT (ORDERER_TYPE=BFT; anchor peers included, so no anchor-peer update is
#      needed), and records the ordering type beside it.
#   2. osnadmin joins each ordering node through the channel participation API (no system channel):
#      the one Raft orderer, or the four BFT consenters.
#   3. Each organisation's admin joins its peer with the same block.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

block=$ARTIFACTS/$CHANNEL_NAME.block
# The ordering type the block was written for: a block is never reused for another one.
type_record=$ARTIFACTS/$CHANNEL_NAME.orderer-type

# osnadmin_call ORDERER ARGS...: osnadmin exits 0 whatever the HTTP status; the status is the first
# line of its output.
osnadmin_call() {
  local orderer=$1
  shift
  osnadmin channel "$@" -o "$orderer:$ORDERER_ADMIN_PORT" \
    --ca-file "$ORDERER_TLS_CA" \
    --client-cert "$ORDERER_ADMIN_TLS_CERT" \
    --client-key "$ORDERER_ADMIN_TLS_KEY"
}

orderer_reachable() {
  local out
  out=$(osnadmin_call "$1" list) || return 1
  [[ $out == *"Status: 200"* ]]
}

orderer_has_channel() {
  local out
  out=$(osnadmin_call "$1" list --channelID "$CHANNEL_NAME") || return 1
  [[ $out == *"Status: 200"* ]]
}

orderer_join() {
  local out
  out=$(osnadmin_call "$1" join --channelID "$CHANNEL_NAME" --config-block "$block") || return 1
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
  recorded=$(cat "$type_record" 2>/dev/null || echo etcdraft)
  [[ $recorded == "$ORDERER_TYPE" ]] ||
    fail "$block was written for ORDERER_TYPE=$recorded, not $ORDERER_TYPE; run 'make network-clean' to change the ordering service"
  log "reusing the genesis block $block ($ORDERER_TYPE)"
else
  log "writing the genesis block of $CHANNEL_NAME (configtxgen, profile $CHANNEL_PROFILE)"
  configtxgen -configPath "$TEST_NETWORK_ROOT/configtx" -profile "$CHANNEL_PROFILE" \
    -channelID "$CHANNEL_NAME" -outputBlock "$block"
  echo "$ORDERER_TYPE" >"$type_record"
fi

for orderer in "${ORDERERS[@]}"; do
  log "waiting for the admin endpoint of $orderer"
  retry 30 2 orderer_reachable "$orderer" || fail "the admin endpoint of $orderer did not answer; see: docker logs $orderer"
  if orderer_has_channel "$orderer"; then
    log "$orderer already serves $CHANNEL_NAME"
  else
    log "joining $orderer to $CHANNEL_NAME (osnadmin channel join)"
    retry 5 3 orderer_join "$orderer" || fail "osnadmin channel join failed for $orderer"
  fi
done

for org in "${PEER_ORGS[@]}"; do
  if peer_has_channel "$org"; then
    log "$(peer_address "$org") already joined $CHANNEL_NAME"
  else
    log "joining $(peer_address "$org") to $CHANNEL_NAME"
    retry 10 3 peer_join "$org" || fail "peer channel join failed for org $org; see: docker logs peer0.$(org_domain "$org")"
  fi
done

log "channel $CHANNEL_NAME is ready"
