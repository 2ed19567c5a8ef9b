#!/usr/bin/env bash
# A stand-in for Fabric's peer CLI, installed as `peer` on PATH by ToolsScriptFlowTests so the
# scripts in network/test-network/scripts/tools can run without a network. It keeps the state a
# real network would (joined channels, installed packages, approvals, committed definition) in
# FAKE_FABRIC_STATE, appends every call to FAKE_FABRIC_STATE/calls, and refuses calls a real peer
# refuses: missing TLS or MSP files, an identical re-approval, a commit without every approval.
set -euo pipefail
state=${FAKE_FABRIC_STATE:?}
msp=${CORE_PEER_LOCALMSPID:?the scripts must select an organisation first}
printf '%s\t%s\n' "$msp" "peer $*" >>"$state/calls"

require_file() {
  [[ -e $1 ]] || { echo "Error: $1 does not exist" >&2; exit 1; }
}

option() {
  local name=$1
  shift
  while (($#)); do
    if [[ $1 == "$name" ]]; then
      echo "$2"
      return
    fi
    shift
  done
}

package_id() {
  echo "$(tar -xzOf "$1" metadata.json | jq -r .label):$(sha256sum "$1" | cut -c1-64)"
}

require_file "$CORE_PEER_MSPCONFIGPATH/signcerts"
[[ $CORE_PEER_TLS_ENABLED == true ]] || { echo "Error: TLS is off" >&2; exit 1; }
require_file "$CORE_PEER_TLS_ROOTCERT_FILE"
for flag in --cafile --tlsRootCertFiles; do
  if [[ -n $(option "$flag" "$@") ]]; then
    require_file "$(option "$flag" "$@")"
  fi
done

case "$1 $2 ${3:-}" in
  "channel list "*)
    echo "Channels peers has joined: "
    cat "$state/joined-$msp" 2>/dev/null || true
    ;;
  "channel join "*)
    block=$(option -b "$@")
    require_file "$block"
    echo healthchannel >"$state/joined-$msp"
    ;;
  "lifecycle chaincode calculatepackageid")
    package_id "$4"
    ;;
  "lifecycle chaincode install")
    [[ $(tar -tzf "$4" | sort | tr '\n' ' ') == "code.tar.gz metadata.json " ]] || { echo "Error: not a chaincode package" >&2; exit 1; }
    package_id "$4" >>"$state/installed-$msp"
    ;;
  "lifecycle chaincode queryinstalled")
    if [[ -f $state/installed-$msp ]]; then
      jq -R '{package_id: ., label: (split(":")[0])}' "$state/installed-$msp" | jq -s '{installed_chaincodes: .}'
    else
      echo '{}'
    fi
    ;;
  "lifecycle chaincode querycommitted")
    [[ -f $state/committed ]] || { echo "Error: namespace healthrecords is not defined" >&2; exit 1; }
    cat "$state/committed"
    ;;
  "lifecycle chaincode checkcommitreadiness")
    sequence=$(option --sequence "$@")
    jq -n --argjson one "$([[ -f $state/approved-Org1MSP-$sequence ]] && echo true || echo false)" \
      --argjson two "$([[ -f $state/approved-Org2MSP-$sequence ]] && echo true || echo false)" \
      '{approvals: {Org1MSP: $one, Org2MSP: $two}}'
    ;;
  "lifecycle chaincode approveformyorg")
    sequence=$(option --sequence "$@")
    if [[ -f $state/approved-$msp-$sequence ]]; then
      echo "Error: attempted to redefine uncommitted sequence ($sequence) with unchanged content" >&2
      exit 1
    fi
    grep -qx "$(option --package-id "$@")" "$state/installed-$msp" || { echo "Error: package not installed" >&2; exit 1; }
    touch "$state/approved-$msp-$sequence"
    ;;
  "lifecycle chaincode commit")
    sequence=$(option --sequence "$@")
    for org in Org1MSP Org2MSP; do
      [[ -f $state/approved-$org-$sequence ]] || { echo "Error: $org has not approved" >&2; exit 1; }
    done
    jq -n --argjson sequence "$sequence" --arg version "$(option --version "$@")" \
      '{sequence: $sequence, version: $version, endorsement_plugin: "escc", validation_plugin: "vscc"}' >"$state/committed"
    ;;
  "chaincode query "*)
    [[ -f $state/committed ]] || { echo "Error: could not launch chaincode" >&2; exit 1; }
    echo '{"contracts":{}}'
    ;;
  *)
    echo "Error: the fake peer does not know '$*'" >&2
    exit 1
    ;;
esac
