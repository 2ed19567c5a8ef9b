#!/usr/bin/env bash
# A stand-in for Fabric's osnadmin, installed as `osnadmin` on PATH by ToolsScriptFlowTests. Like
# the real one it exits 0 and prints the HTTP status; it checks its TLS files exist, and keeps each
# ordering node's channel membership apart (by its -o admin address), as four BFT consenters would.
set -euo pipefail
state=${FAKE_FABRIC_STATE:?}
printf '%s\t%s\n' "-" "osnadmin $*" >>"$state/calls"
args=("$@")
orderer=
for i in "${!args[@]}"; do
  case "${args[$i]}" in
    --ca-file | --client-cert | --client-key | --config-block)
      [[ -e ${args[$((i + 1))]} ]] || { echo "Error: ${args[$((i + 1))]} does not exist"; exit 1; }
      ;;
    -o) orderer=${args[$((i + 1))]} ;;
  esac
done
[[ $orderer =~ ^[a-z0-9.-]+:[0-9]+$ ]] || { echo "Error: -o must be host:port, not '$orderer'"; exit 1; }
joined=$state/orderer-joined-$orderer
case "$2" in
  list)
    if [[ "$*" == *--channelID* && ! -f $joined ]]; then
      echo "Status: 404"
    else
      echo "Status: 200"
    fi
    ;;
  join)
    if [[ -f $joined ]]; then
      echo "Status: 405"
    else
      touch "$joined"
      echo "Status: 201"
    fi
    ;;
esac
