#!/usr/bin/env bash
# Packages the health-records chaincode as a ccaas package, installs it on both peers, approves
# it for both organisations and commits the definition. Runs inside the fabric-tools container
# (scripts/network.sh deploy calls it, then starts the chaincode container with the package id
# this script writes to packages/<label>.package-id). Safe to run again: every step checks first.
#
#   deploy-chaincode.sh          package, install, approve, commit
#   deploy-chaincode.sh check    only the refusals below, before the image is built
#   deploy-chaincode.sh verify   ask each peer for the contract metadata, which makes it dial the
#                                chaincode container (fails when a peer cannot reach it)
#
# Settings (environment):
#   CHAINCODE_VERSION      definition version and package label suffix        (default 1.0)
#   CHAINCODE_SEQUENCE     definition sequence; "auto" = next one, or the committed one when this
#                          version is already committed                       (default auto)
#   CHAINCODE_POLICY       endorsement policy     (default AND('Org1MSP.peer','Org2MSP.peer'))
#   CHAINCODE_COLLECTIONS  optional private data collection config, path relative to the
#                          test-network folder
#   CHAINCODE_SOURCE_HASH  sha256 of the sources the image is built from (network.sh computes it);
#                          recorded in packages/<label>.source-hash when the version is committed
#   FORCE                  1 = allow lowering the committed version, or replacing the code of the
#                          committed version with different sources (both refused otherwise)
set -euo pipefail
# shellcheck source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

version=${CHAINCODE_VERSION:-1.0}
sequence=${CHAINCODE_SEQUENCE:-auto}
policy=${CHAINCODE_POLICY:-"AND('Org1MSP.peer','Org2MSP.peer')"}
label=${CHAINCODE_NAME}_${version}
package=$PACKAGES/$label.tar.gz
source_hash=${CHAINCODE_SOURCE_HASH:-}
source_record=$PACKAGES/$label.source-hash

definition=(--channelID "$CHANNEL_NAME" --name "$CHAINCODE_NAME" --version "$version" --signature-policy "$policy")
if [[ -n ${CHAINCODE_COLLECTIONS:-} ]]; then
  definition+=(--collections-config "$TEST_NETWORK_ROOT/$CHAINCODE_COLLECTIONS")
fi
orderer=(-o "$ORDERER_ADDRESS" --tls --cafile "$ORDERER_TLS_CA")

# A ccaas package: metadata.json (type ccaas, label) beside code.tar.gz holding connection.json.
# Built once per version and reused, because the package id is the hash of these bytes.
write_package() {
  local work
  if [[ -s $package ]]; then
    log "reusing $package"
    return
  fi
  [[ $label =~ ^[[:alnum:]][[:alnum:]_.+-]*$ ]] || fail "'$label' is not a valid package label"
  jq -e '.type == "ccaas"' "$CCAAS_FILES/metadata.json" >/dev/null || fail "$CCAAS_FILES/metadata.json must have type ccaas"
  jq -e '.address | test("^[^:]+:[0-9]+$")' "$CCAAS_FILES/connection.json" >/dev/null || fail "$CCAAS_FILES/connection.json needs address host:port"
  work=$(mktemp -d)
  cp "$CCAAS_FILES/connection.json" "$work/connection.json"
  tar -C "$work" -czf "$work/code.tar.gz" connection.json
  jq --arg value "$label" '.label = $value' "$CCAAS_FILES/metadata.json" >"$work/metadata.json"
  mkdir -p "$PACKAGES"
  tar -C "$work" -czf "$package.partial" metadata.json code.tar.gz
  mv "$package.partial" "$package"
  rm -rf "$work"
  log "wrote $package"
}

is_installed() {
  local out
  use_org "$1"
  out=$(peer lifecycle chaincode queryinstalled --output json) || return 1
  jq -e --arg id "$package_id" '(.installed_chaincodes // []) | any(.package_id == $id)' <<<"$out" >/dev/null
}

install_on() {
  use_org "$1"
  peer lifecycle chaincode install "$package"
}

# The committed definition as JSON, or {} when none is committed yet.
committed_definition() {
  local out
  use_org 1
  if out=$(peer lifecycle chaincode querycommitted --channelID "$CHANNEL_NAME" --name "$CHAINCODE_NAME" --output json 2>/dev/null); then
    echo "$out"
  else
    echo '{}'
  fi
}

commit_readiness() {
  use_org 1
  peer lifecycle chaincode checkcommitreadiness "${definition[@]}" --sequence "$sequence" --output json
}

approve_for() {
  use_org "$1"
  peer lifecycle chaincode approveformyorg "${orderer[@]}" "${definition[@]}" \
    --sequence "$sequence" --package-id "$package_id"
}

all_approved() {
  local readiness
  readiness=$(commit_readiness) || return 1
  jq -e '.approvals | length > 0 and all(.[]; . == true)' <<<"$readiness" >/dev/null
}

commit_definition() {
  local org endorsers=()
  for org in "${PEER_ORGS[@]}"; do
    endorsers+=(--peerAddresses "$(peer_address "$org")" --tlsRootCertFiles "$(peer_tls_ca "$org")")
  done
  use_org 1
  peer lifecycle chaincode commit "${orderer[@]}" "${definition[@]}" --sequence "$sequence" "${endorsers[@]}"
}

# The committed definition (committed, committed_sequence, committed_version), and the refusals:
# never silently lower the version, never silently swap the code behind a committed version.
check_committed() {
  local recorded
  committed=$(committed_definition)
  committed_sequence=$(jq -r '.sequence // 0' <<<"$committed")
  committed_version=$(jq -r '.version // ""' <<<"$committed")
  # After an upgrade to 1.1, a reset that deploys the default 1.0 again would commit the old version
  # at the next sequence (from an image rebuilt from current source).
  if [[ -n $committed_version && $committed_version != "$version" && ${FORCE:-0} != 1 ]] &&
    [[ $(printf '%s\n%s\n' "$committed_version" "$version" | sort -V | head -n 1) == "$version" ]]; then
    fail "refusing to lower $CHAINCODE_NAME from the committed version $committed_version to $version (sequence $committed_sequence); deploy with CHAINCODE_VERSION=$committed_version, or set FORCE=1 to commit $version anyway"
  fi
  # A ccaas package holds only the address, so its id is the same whatever code serves it: the
  # sources' hash recorded at commit tells whether this build is the code committed as $version.
  if [[ $committed_version == "$version" && -n $source_hash && -s $source_record ]]; then
    recorded=$(<"$source_record")
    if [[ $recorded != "$source_hash" && ${FORCE:-0} != 1 ]]; then
      fail "refusing to replace the code of the committed $CHAINCODE_NAME $version (sequence $committed_sequence): it was built from sources ${recorded:0:12}, this build from ${source_hash:0:12}; deploy the change as a new version (CHAINCODE_VERSION=<higher>), or set FORCE=1 to serve it as $version anyway"
    fi
  fi
}

# Each peer dials the chaincode on its first transaction; a query makes that happen now.
query_metadata() {
  local out
  use_org "$1"
  if out=$(peer chaincode query -C "$CHANNEL_NAME" -n "$CHAINCODE_NAME" \
    -c '{"Args":["org.hyperledger.fabric:GetMetadata"]}' 2>&1); then
    log "$(peer_address "$1") reached the chaincode"
    return 0
  fi
  log "$out"
  # Any answer from the chaincode itself proves the connection; launch failures do not.
  [[ $out != *"could not launch chaincode"* && $out != *"connection refused"* && $out != *"context deadline exceeded"* ]]
}

define() {
  write_package
  use_org 1
  package_id=$(peer lifecycle chaincode calculatepackageid "$package")
  log "package id $package_id"

  for org in "${PEER_ORGS[@]}"; do
    if is_installed "$org"; then
      log "already installed on $(peer_address "$org")"
    else
      log "installing on $(peer_address "$org")"
      retry 5 3 install_on "$org" || fail "install failed on $(peer_address "$org")"
    fi
  done

  check_committed

  if [[ $sequence == auto ]]; then
    if [[ $committed_version == "$version" ]]; then
      sequence=$committed_sequence
    else
      sequence=$((committed_sequence + 1))
    fi
  fi

  if [[ $committed_version == "$version" && $committed_sequence == "$sequence" ]]; then
    log "$CHAINCODE_NAME $version is already committed on $CHANNEL_NAME at sequence $sequence"
  else
    log "defining $CHAINCODE_NAME version $version sequence $sequence, policy $policy"
    readiness=$(commit_readiness)
    for org in "${PEER_ORGS[@]}"; do
      if jq -e --arg msp "Org${org}MSP" '.approvals[$msp] == true' <<<"$readiness" >/dev/null; then
        log "Org${org}MSP already approved"
      else
        log "approving for Org${org}MSP"
        approve_for "$org"
      fi
    done
    retry 10 2 all_approved || fail "the definition is not approved by every organisation"
    log "committing the definition"
    commit_definition
    committed=$(committed_definition)
    [[ $(jq -r '.sequence // 0' <<<"$committed") == "$sequence" ]] || fail "commit not visible on $(peer_address 1)"
  fi

  echo "$package_id" >"$PACKAGES/$label.package-id"
  if [[ -n $source_hash ]]; then
    echo "$source_hash" >"$source_record"
  fi
  log "chaincode $CHAINCODE_NAME $version committed; start the container with CHAINCODE_ID=$package_id"
}

verify() {
  local org
  for org in "${PEER_ORGS[@]}"; do
    retry 10 3 query_metadata "$org" ||
      fail "$(peer_address "$org") cannot reach the chaincode; see: docker logs healthrecords-chaincode and docker logs peer0.$(org_domain "$org")"
  done
}

case "${1:-define}" in
  check) check_committed ;;
  define) define ;;
  verify) verify ;;
  *) fail "usage: deploy-chaincode.sh [check|define|verify]" ;;
esac
