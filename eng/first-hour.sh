#!/usr/bin/env bash
# Times a new user's first steps on a fresh clone of this repository: `make demo`, then `make hrec` and
# the first `hrec` commands after it (README, "The hrec command line"). Prints a markdown table for
# docs/benchmarks.md. The clone goes to a temporary folder, beside a link to ../shared when the tests
# need it; the dev network it starts uses its own data folder and ephemeral ports.
#   eng/first-hour.sh [REPOSITORY]    (default: this clone's committed HEAD)
set -euo pipefail
source_repo=$(cd "${1:-$(dirname "${BASH_SOURCE[0]}")/..}" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/hrec-first-hour-XXXXXX")
trap 'rm -rf "$work"' EXIT
if [[ -d "$source_repo/../shared" ]]; then
    ln -s "$(cd "$source_repo/../shared" && pwd)" "$work/shared"
fi

seconds() { local start=$1 end; end=$(date +%s.%N); awk -v s="$start" -v e="$end" 'BEGIN { printf "%.1f", e - s }'; }
step() {
    local name=$1; shift
    local start; start=$(date +%s.%N)
    "$@" >>"$work/log" 2>&1 || { echo "failed: $name (log below)" >&2; tail -n 40 "$work/log" >&2; exit 1; }
    rows+=("| $name | $(seconds "$start") s |")
}

rows=()
load_start=$(cut -d' ' -f1 /proc/loadavg)
step "git clone" git clone -q "$source_repo" "$work/clone"
cd "$work/clone"
export HREC_DEVNET_DATA="$work/devnet" HREC_DEVNET_PORT=0
step "make demo (first run: restore, build, demo)" make demo
step "make hrec (after make demo)" make hrec
export PATH="$PWD/eng/tools:$PATH"
step "first hrec command: hrec network up --detach" hrec network up --detach
step "next hrec command: hrec identities" hrec identities
step "hrec -i alice patient register" hrec -i alice patient register
step "hrec network down" hrec network down
load_end=$(cut -d' ' -f1 /proc/loadavg)

echo "Measured $(date -u '+%Y-%m-%d %H:%M') UTC by \`eng/first-hour.sh\` on a fresh clone; $(nproc) cores, load average (1 min) $load_start at the start, $load_end at the end."
echo
echo "| step | wall time |"
echo "| --- | ---: |"
printf '%s\n' "${rows[@]}"
