# shellcheck shell=bash disable=SC2034  # the variables are used by the scripts that source this file
# Names, addresses and paths shared by the scripts that run inside the fabric-tools container
# (compose service `tools`, which mounts network/test-network at TEST_NETWORK_ROOT and
# chaincode/ccaas at CCAAS_FILES). Host names and ports must agree with compose-test-net.yaml and
# configtx.yaml; tests/TestNetwork.Tests checks that they do.

TEST_NETWORK_ROOT=${TEST_NETWORK_ROOT:-/opt/test-network}
CCAAS_FILES=${CCAAS_FILES:-/opt/ccaas}
CHANNEL_NAME=${CHANNEL_NAME:-healthchannel}
CHAINCODE_NAME=${CHAINCODE_NAME:-healthrecords}

ORGANIZATIONS=$TEST_NETWORK_ROOT/organizations
ARTIFACTS=$TEST_NETWORK_ROOT/channel-artifacts
PACKAGES=$TEST_NETWORK_ROOT/packages

ORDERER_ADDRESS=orderer.example.com:7050
ORDERER_ADMIN_ADDRESS=orderer.example.com:7053
# Every ordering node listens for the channel participation API on this port in its container.
ORDERER_ADMIN_PORT=7053

# The ordering service (scripts/network.sh passes ORDERER_TYPE): the configtx.yaml profile of the
# genesis block, and the ordering nodes osnadmin joins to the channel.
ORDERER_TYPE=${ORDERER_TYPE:-etcdraft}
case "$ORDERER_TYPE" in
  etcdraft)
    CHANNEL_PROFILE=HealthChannel
    ORDERERS=(orderer.example.com)
    ;;
  BFT)
    CHANNEL_PROFILE=HealthChannelBFT
    ORDERERS=(orderer.example.com orderer2.example.com orderer3.example.com orderer4.example.com)
    ;;
  *)
    printf '[tools] ERROR: ORDERER_TYPE must be etcdraft or BFT, not %s\n' "$ORDERER_TYPE" >&2
    exit 1
    ;;
esac
ORDERER_DIR=$ORGANIZATIONS/ordererOrganizations/example.com
# The TLS CA that issued the orderers' certificates (cryptogen copies it into every tls/ folder).
ORDERER_TLS_CA=$ORDERER_DIR/orderers/orderer.example.com/tls/ca.crt
# osnadmin authenticates with the ordering organisation admin's TLS client certificate.
ORDERER_ADMIN_TLS_CERT=$ORDERER_DIR/users/Admin@example.com/tls/client.crt
ORDERER_ADMIN_TLS_KEY=$ORDERER_DIR/users/Admin@example.com/tls/client.key

# The peer organisations, by number.
PEER_ORGS=(1 2)

log() {
  printf '[tools] %s\n' "$*" >&2
}

fail() {
  log "ERROR: $*"
  exit 1
}

# org_domain N / peer_address N / peer_tls_ca N: facts about organisation N's peer.
org_domain() {
  case "$1" in
    1) echo org1.example.com ;;
    2) echo org2.example.com ;;
    *) fail "unknown organisation '$1'" ;;
  esac
}

peer_address() {
  case "$1" in
    1) echo peer0.org1.example.com:7051 ;;
    2) echo peer0.org2.example.com:9051 ;;
    *) fail "unknown organisation '$1'" ;;
  esac
}

peer_tls_ca() {
  local domain
  domain=$(org_domain "$1")
  echo "$ORGANIZATIONS/peerOrganizations/$domain/peers/peer0.$domain/tls/ca.crt"
}

# use_org N: points the peer CLI at organisation N's peer, acting as that organisation's admin.
use_org() {
  local domain
  domain=$(org_domain "$1")
  export CORE_PEER_LOCALMSPID="Org${1}MSP"
  export CORE_PEER_ADDRESS
  CORE_PEER_ADDRESS=$(peer_address "$1")
  export CORE_PEER_TLS_ENABLED=true
  export CORE_PEER_TLS_ROOTCERT_FILE
  CORE_PEER_TLS_ROOTCERT_FILE=$(peer_tls_ca "$1")
  export CORE_PEER_MSPCONFIGPATH="$ORGANIZATIONS/peerOrganizations/$domain/users/Admin@$domain/msp"
}

# retry ATTEMPTS DELAY COMMAND...: runs COMMAND until it succeeds, at most ATTEMPTS times.
retry() {
  local attempts=$1 delay=$2 attempt=1
  shift 2
  until "$@"; do
    if ((attempt >= attempts)); then
      log "gave up after $attempts attempts: $*"
      return 1
    fi
    log "not yet ($attempt/$attempts), retrying in ${delay}s: $*"
    sleep "$delay"
    attempt=$((attempt + 1))
  done
}
