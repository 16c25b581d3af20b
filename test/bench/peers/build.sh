#!/usr/bin/env bash
# Builds the peers Batten's cold start is compared with (test/bench/peers.bench.ts)
# into a cache outside the repository:
#   kwokctl       sigs.k8s.io/kwok/cmd/kwokctl from the SAME pinned module as
#                 sandbox/controlplane/kwok (built in a scratch copy of that module,
#                 so nothing under sandbox/controlplane changes)
#   envtest-bench test/bench/peers/envtest (controller-runtime's envtest package)
#
#   test/bench/peers/build.sh            build what is missing, print the directory
#   BATTEN_CACHE=/some/dir build.sh      cache somewhere else (default ~/.cache/batten)
#
# Only the last line of stdout is the binary directory; progress goes to stderr.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
kwokmod="$here/../../../sandbox/controlplane/kwok"
KWOK_VERSION="v0.8.0"

if ! command -v go >/dev/null 2>&1; then
  echo "batten: the Go toolchain is missing: install Go 1.24 or newer (https://go.dev/doc/install) and put 'go' on PATH" >&2
  exit 3
fi

pins="$(cat "$kwokmod"/go.mod "$kwokmod"/go.sum "$here"/envtest/go.mod "$here"/envtest/go.sum "$here"/envtest/main.go "$here"/build.sh | sha256sum | cut -c1-12)"
out="${BATTEN_CACHE:-$HOME/.cache/batten}/peers/${pins}"
mkdir -p "$out"

export GOTOOLCHAIN=local CGO_ENABLED=0 GOFLAGS=-mod=mod
step() { printf 'batten: %s\n' "$*" >&2; }

build() { # name module-dir package ldflags
  local name="$1" dir="$2" pkg="$3" ldflags="$4"
  if [[ -x "$out/$name" ]]; then return 0; fi
  step "building $name (first run only; cached in $out) ..."
  local start=$SECONDS
  (cd "$dir" && go build -trimpath -ldflags "-s -w $ldflags" -o "$out/.$name.tmp" "$pkg")
  mv "$out/.$name.tmp" "$out/$name"
  step "built $name in $((SECONDS - start)) s"
}

# -mod=mod may rewrite go.mod/go.sum when kwokctl needs a package tools.go does
# not import; a scratch copy keeps sandbox/controlplane/kwok (whose hash names the
# control-plane cache) untouched.
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
cp "$kwokmod"/go.mod "$kwokmod"/go.sum "$kwokmod"/tools.go "$scratch"/
build kwokctl "$scratch" sigs.k8s.io/kwok/cmd/kwokctl "-X sigs.k8s.io/kwok/pkg/consts.Version=${KWOK_VERSION}"
build envtest-bench "$here/envtest" . ""
echo "$out"
