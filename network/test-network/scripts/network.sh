#!/usr/bin/env bash
# Operator entry point of the Docker test network (the make targets in test-network.mk call it).
# Runs on the host; every Fabric CLI command runs inside the fabric-tools container, so the host
# needs Docker (with Compose) and the .NET SDK only. See docs/operations.md.
#
#   network.sh up        crypto material (if missing), containers, channel healthchannel
#                        (ORDERER_TYPE=BFT: four SmartBFT orderers, Fabric 3.x only)
#   network.sh deploy    chaincode image, ccaas package, install/approve/commit, chaincode container
#   network.sh profile   connection profile for the client, hrec and the end-to-end tests
#   network.sh down      remove the containers; keep ledgers, crypto material and packages
#   network.sh clean     down, then remove volumes, generated files and the chaincode images
#   network.sh status    list the containers
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
NETWORK_DIR=$(cd "$SCRIPT_DIR/.." && pwd)
REPO_ROOT=$(cd "$NETWORK_DIR/../.." && pwd)
COMPOSE_DIR=$NETWORK_DIR/compose

NETWORK_PROJECT=healthrecords-testnet
CHAINCODE_PROJECT=healthrecords-cc
CHAINCODE_NAME=healthrecords
CHAINCODE_CONTAINER=healthrecords-chaincode

# Versions and switches (defaults match test-network.mk and the compose files).
export FABRIC_VERSION=${FABRIC_VERSION:-2.5.16}
export FABRIC_TOOLS_VERSION=${FABRIC_TOOLS_VERSION:-2.5.16}
export CHAINCODE_VERSION=${CHAINCODE_VERSION:-1.0}
export CHAINCODE_SEQUENCE=${CHAINCODE_SEQUENCE:-auto}
COUCHDB=${COUCHDB:-false}
# etcdraft (one Raft orderer, the default) or BFT (four SmartBFT consenters; needs Fabric 3.x). Left
# unset, every command uses the type the network was created with (recorded beside the genesis block).
ORDERER_TYPE_RECORD=$NETWORK_DIR/channel-artifacts/healthchannel.orderer-type
RECORDED_ORDERER_TYPE=$(cat "$ORDERER_TYPE_RECORD" 2>/dev/null || true)
ORDERER_TYPE=${ORDERER_TYPE:-${RECORDED_ORDERER_TYPE:-etcdraft}}
# The tools image of the BFT profile, built from tools/Dockerfile (compose-bft.yaml tags it).
BFT_TOOLS_IMAGE=healthrecords-fabric-tools
DOTNET=${DOTNET:-dotnet}
CONFIGURATION=${CONFIGURATION:-Release}
# The tools container writes files as the operator, so they can be removed without sudo
# (rootless Docker: set HOST_UID=0 HOST_GID=0, container root already is the operator).
HOST_UID=${HOST_UID:-$(id -u)}
HOST_GID=${HOST_GID:-$(id -g)}
export HOST_UID HOST_GID

CRYPTO_CONFIG=$REPO_ROOT/network/crypto-config.yaml
ORGANIZATIONS=$NETWORK_DIR/organizations
PROFILE=$NETWORK_DIR/profile/connection-profile.json
CRYPTOGEN_TOOL=$REPO_ROOT/network/src/Fabric.CryptoGen.Tool
# Host ports the profile points at; the compose file publishes the same ones.
PEER_URLS=(
  peer0.org1.example.com=grpcs://localhost:7051
  peer0.org2.example.com=grpcs://localhost:9051
)

log() {
  printf '[test-network] %s\n' "$*" >&2
}

fail() {
  log "ERROR: $*"
  exit 1
}

need() {
  command -v "$1" >/dev/null 2>&1 || fail "$1 is not on PATH (see Prerequisites in docs/operations.md)"
}

# Compose v2 (`docker compose`) when present, else the standalone docker-compose.
compose() {
  if docker compose version >/dev/null 2>&1; then
    docker compose "$@"
  elif command -v docker-compose >/dev/null 2>&1; then
    docker-compose "$@"
  else
    fail "Docker Compose is not installed (docker compose plugin or docker-compose)"
  fi
}

network_compose() {
  local files=(-f "$COMPOSE_DIR/compose-test-net.yaml")
  # `down`, `rm` and `clean` always name the CouchDB and BFT files, so their containers go too.
  if [[ $COUCHDB == true || ${1:-} == down || ${1:-} == rm ]]; then
    files+=(-f "$COMPOSE_DIR/compose-couch.yaml")
  fi
  if [[ $ORDERER_TYPE == BFT || ${1:-} == down || ${1:-} == rm ]]; then
    files+=(-f "$COMPOSE_DIR/compose-bft.yaml")
  fi
  compose -p "$NETWORK_PROJECT" "${files[@]}" "$@"
}

chaincode_compose() {
  compose -p "$CHAINCODE_PROJECT" -f "$COMPOSE_DIR/compose-chaincode.yaml" "$@"
}

# tools SCRIPT [ARG] [ENV=VALUE...]: runs scripts/tools/SCRIPT in the fabric-tools container.
tools() {
  local script=$1 arg=${2:-} env_args=() pair
  shift 2 || shift
  for pair in "$@"; do
    env_args+=(-e "$pair")
  done
  # ${a[@]+...}: an empty array under `set -u` is an error in the bash 3.2 macOS ships.
  network_compose exec -T ${env_args[@]+"${env_args[@]}"} tools bash "scripts/tools/$script" ${arg:+"$arg"}
}

require_docker() {
  need docker
  docker info >/dev/null 2>&1 || fail "cannot reach the Docker daemon; is Docker running?"
}

# The ordering nodes of this network's ordering service.
orderers() {
  if [[ $ORDERER_TYPE == BFT ]]; then
    echo orderer.example.com orderer2.example.com orderer3.example.com orderer4.example.com
  else
    echo orderer.example.com
  fi
}

require_running() {
  local name
  # shellcheck disable=SC2046 # one host name per word
  for name in $(orderers) peer0.org1.example.com peer0.org2.example.com healthrecords-tools; do
    [[ $(docker inspect -f '{{.State.Running}}' "$name" 2>/dev/null) == true ]] ||
      fail "container $name is not running; run 'make network-up' first"
  done
}

# The ordering type is settled before anything starts: BFT needs 3.x nodes (the V3_0 channel
# capability), and an existing channel keeps the type it was created with.
check_orderer_type() {
  local major=${FABRIC_VERSION%%.*}
  case "$ORDERER_TYPE" in
    etcdraft) ;;
    BFT)
      if ! [[ $major =~ ^[0-9]+$ ]] || ((major < 3)); then
        fail "ORDERER_TYPE=BFT needs Fabric 3.x peers and orderers (the V3_0 channel capability), not FABRIC_VERSION=$FABRIC_VERSION; nothing was started. Run: make network-up ORDERER_TYPE=BFT FABRIC_VERSION=3.1.5"
      fi
      ;;
    *) fail "ORDERER_TYPE must be etcdraft or BFT, not '$ORDERER_TYPE'" ;;
  esac
  if [[ -n $RECORDED_ORDERER_TYPE && $RECORDED_ORDERER_TYPE != "$ORDERER_TYPE" ]]; then
    fail "this network's channel was created with ORDERER_TYPE=$RECORDED_ORDERER_TYPE; nothing was started. Run 'make network-clean' first to change the ordering service"
  fi
}

generate_crypto() {
  if [[ -d $ORGANIZATIONS/peerOrganizations && -d $ORGANIZATIONS/ordererOrganizations ]]; then
    # Material generated before crypto-config.yaml listed orderer2..4 has no BFT consenters.
    if [[ $ORDERER_TYPE == BFT && ! -d $ORGANIZATIONS/ordererOrganizations/example.com/orderers/orderer4.example.com ]]; then
      fail "the crypto material in $ORGANIZATIONS has no BFT orderers (orderer2..4); run 'make network-clean' to generate it again"
    fi
    log "reusing crypto material in $ORGANIZATIONS"
    return
  fi
  need "$DOTNET"
  log "generating crypto material from $CRYPTO_CONFIG"
  "$DOTNET" run --project "$CRYPTOGEN_TOOL" --configuration "$CONFIGURATION" -- \
    generate --config "$CRYPTO_CONFIG" --output "$ORGANIZATIONS"
}

cmd_up() {
  local tools_image=hyperledger/fabric-tools:$FABRIC_TOOLS_VERSION
  check_orderer_type
  require_docker
  generate_crypto
  if [[ $ORDERER_TYPE == BFT ]]; then
    tools_image="$BFT_TOOLS_IMAGE (built from tools/Dockerfile on first use)"
  fi
  log "starting Fabric $FABRIC_VERSION, ordering $ORDERER_TYPE ($(orderers)), tools $tools_image, CouchDB: $COUCHDB"
  network_compose up -d
  tools create-channel.sh "" "ORDERER_TYPE=$ORDERER_TYPE"
  log "network up; next: make deploy-chaincode"
}

# The sha256 of the sources the chaincode image is built from: the files the root .dockerignore lets
# into the build context, without host build outputs. Same sources, same hash, on any host.
source_hash() {
  (
    cd "$REPO_ROOT"
    find global.json Directory.Build.props Directory.Build.targets Directory.Packages.props .editorconfig \
      chaincode/Dockerfile eng gateway-client/src chaincode/src -type f \
      -not -path '*/bin/*' -not -path '*/obj/*' -not -name '*.user' -print0 |
      LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum | cut -d' ' -f1
  )
}

cmd_deploy() {
  local label package_id_file package_id sources
  require_docker
  require_running
  sources=$(source_hash)
  # The refusals (a lower version, other code under the committed version) come before the build,
  # so a refused deploy leaves the image tag on the code that is running.
  tools deploy-chaincode.sh check \
    "CHAINCODE_VERSION=$CHAINCODE_VERSION" \
    "CHAINCODE_SOURCE_HASH=$sources" \
    "FORCE=${FORCE:-0}"
  log "building the chaincode image $CHAINCODE_NAME-chaincode:$CHAINCODE_VERSION (chaincode/Dockerfile, sources ${sources:0:12})"
  chaincode_compose build
  tools deploy-chaincode.sh define \
    "CHAINCODE_VERSION=$CHAINCODE_VERSION" \
    "CHAINCODE_SOURCE_HASH=$sources" \
    "FORCE=${FORCE:-0}" \
    "CHAINCODE_SEQUENCE=$CHAINCODE_SEQUENCE" \
    "CHAINCODE_POLICY=${CHAINCODE_POLICY:-AND('Org1MSP.peer','Org2MSP.peer')}" \
    "CHAINCODE_COLLECTIONS=${CHAINCODE_COLLECTIONS:-}"
  label=${CHAINCODE_NAME}_${CHAINCODE_VERSION}
  package_id_file=$NETWORK_DIR/packages/$label.package-id
  [[ -s $package_id_file ]] || fail "no package id in $package_id_file"
  package_id=$(<"$package_id_file")
  log "starting $CHAINCODE_CONTAINER with CHAINCODE_ID=$package_id"
  CHAINCODE_ID=$package_id chaincode_compose up -d --no-build
  sleep 2
  [[ $(docker inspect -f '{{.State.Running}}' "$CHAINCODE_CONTAINER" 2>/dev/null) == true ]] ||
    fail "$CHAINCODE_CONTAINER is not running; see: docker logs $CHAINCODE_CONTAINER"
  tools deploy-chaincode.sh verify
  log "chaincode deployed; next: make network-profile"
}

cmd_profile() {
  local args=() url
  [[ -d $ORGANIZATIONS/peerOrganizations ]] || fail "no crypto material in $ORGANIZATIONS; run 'make network-up' first"
  need "$DOTNET"
  for url in "${PEER_URLS[@]}"; do
    args+=(--peer-url "$url")
  done
  mkdir -p "$(dirname "$PROFILE")"
  "$DOTNET" run --project "$CRYPTOGEN_TOOL" --configuration "$CONFIGURATION" -- \
    profile --crypto "$ORGANIZATIONS" --config "$CRYPTO_CONFIG" --output "$PROFILE" \
    --name healthrecords-test-network --channel healthchannel --chaincode "$CHAINCODE_NAME" "${args[@]}"
  log "wrote $PROFILE; use it with HREC_PROFILE=$PROFILE"
}

cmd_down() {
  require_docker
  # The official images declare VOLUME paths: each container gets anonymous volumes that `down` leaves
  # behind (8 per cycle) and `clean` can no longer find. `rm -v` removes a container with its anonymous
  # volumes; the named ledger volumes stay. Compose v1 and v2 both take `rm --stop --force -v`.
  chaincode_compose rm --stop --force -v
  network_compose rm --stop --force -v
  chaincode_compose down --remove-orphans
  network_compose down --remove-orphans
}

cmd_clean() {
  local images
  require_docker
  chaincode_compose down --remove-orphans
  COUCHDB=true network_compose down --volumes --remove-orphans
  images=$( (docker images --quiet --filter "reference=$CHAINCODE_NAME-chaincode" &&
    docker images --quiet --filter "reference=$BFT_TOOLS_IMAGE") | sort -u)
  if [[ -n $images ]]; then
    # shellcheck disable=SC2086 # one id per word
    docker image rm --force $images >/dev/null
  fi
  rm -rf "$ORGANIZATIONS" "$NETWORK_DIR/channel-artifacts" "$NETWORK_DIR/packages" "$NETWORK_DIR/profile"
  log "removed containers, volumes, chaincode and tools images and generated files"
}

cmd_status() {
  require_docker
  network_compose ps
  chaincode_compose ps
}

case "${1:-}" in
  up) cmd_up ;;
  deploy) cmd_deploy ;;
  profile) cmd_profile ;;
  down) cmd_down ;;
  clean) cmd_clean ;;
  status) cmd_status ;;
  *)
    echo "usage: $0 up|deploy|profile|down|clean|status" >&2
    exit 2
    ;;
esac
