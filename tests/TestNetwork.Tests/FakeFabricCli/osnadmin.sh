#!/usr/bin/env bash
# A stand-in for Fabric's osnadmin, installed as `osnadmin` on PATH by ToolsScriptFlowTests. Like
# the real one it exits 0 and prints the HTTP status; it checks its TLS files exist.
set -euo pipefail
state=${FAKE_FABRIC_STATE:?}
printf '%s\t%s\n' "-" "osnadmin $*" >>"$state/calls"
args=("$@")
for i in "${!args[@]}"; do
  case "${args[$i]}" in
    --ca-file | --client-cert | --client-key | --config-block)
      [[ -e ${args[$((i + 1))]} ]] || { echo "Error: ${args[$((i + 1))]} does not exist"; exit 1; }
      ;;
  esac
done
case "$2" in
  list)
    if [[ "$*" == *--channelID* && ! -f $state/orderer-joined ]]; then
      echo "Status: 404"
    else
      echo "Status: 200"
    fi
    ;;
  join)
    if [[ -f $state/orderer-joined ]]; then
      echo "Status: 405"
    else
      touch "$state/orderer-joined"
      echo "Status: 201"
    fi
    ;;
esac
