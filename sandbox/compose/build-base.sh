#!/usr/bin/env bash
# Builds, offline, a base image for the Batten image where no container registry is
# reachable: Debian (debootstrap, from the mirror apt already uses) plus this host's
# Node.js (node, npm and its headers, laid out as in the official node image, under
# /usr/local). It stands in for `node:20-bookworm-slim`; where a registry is reachable,
# use that instead (BATTEN_BASE_IMAGE in docker-compose.yml).
#
#   sandbox/compose/build-base.sh          build it if missing; the last line of stdout is its name
#   build-base.sh --print-name             only print the name a build would have
#
# The name carries a hash of this script and the Node.js version, so a change to either
# builds a new image; an unchanged one is reused (seconds). The Debian rootfs is cached in
# $BATTEN_CACHE/compose (default ~/.cache/batten/compose). Progress goes to stderr. Needs
# root, debootstrap (installed with apt-get if missing) and podman (with Batten's
# containers.conf, which sandbox/kind/build.sh writes) or docker.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
suite=bookworm
step() { printf 'batten: %s\n' "$*" >&2; }
die() { printf 'batten: %s\n' "$*" >&2; exit 3; }

node_bin="$(command -v node || true)"
[[ -n "$node_bin" ]] || die "node is not on PATH: install Node.js 20 or newer on this host first"
node_bin="$(readlink -f "$node_bin")"
node_version="$("$node_bin" --version)"
[[ "$node_version" =~ ^v(2[0-9]|[3-9][0-9])\. ]] || die "Node.js $node_version is too old: Batten needs 20 or newer"
prefix="$(dirname "$(dirname "$node_bin")")"   # /usr for Debian's and NodeSource's packages
npm_dir="$prefix/lib/node_modules/npm"
headers="$prefix/include/node"
[[ -f "$npm_dir/bin/npm-cli.js" ]] || die "npm not found in $npm_dir"
[[ -f "$headers/node.h" ]] || die "Node.js headers not found in $headers (native modules are compiled against them; nothing can download them here)"

hash="$(cat "$here/build-base.sh" | sha256sum | cut -c1-12)"
name="localhost/batten-compose/base:${suite}-node${node_version#v}-${hash}"
if [[ "${1:-}" == --print-name ]]; then echo "$name"; exit 0; fi

[[ "$(id -u)" == 0 ]] || die "run as root (debootstrap and the image import need it)"
# podman with Batten's settings (a bare podman command writes /etc/containers/networks)
if command -v podman >/dev/null 2>&1; then
  if [[ -z "${CONTAINERS_CONF:-}" ]]; then
    conf="$(bash "$repo/sandbox/kind/build.sh" --print-dir)/containers.conf"
    [[ -f "$conf" ]] || die "no $conf: run bin/batten setup --kind first (it writes podman's settings for this host)"
    export CONTAINERS_CONF="$conf"
  fi
  engine=podman
elif command -v docker >/dev/null 2>&1; then
  engine=docker
else
  die "neither podman nor docker is installed"
fi
if "$engine" image inspect "$name" >/dev/null 2>&1; then echo "$name"; exit 0; fi

if ! command -v debootstrap >/dev/null 2>&1; then
  command -v apt-get >/dev/null 2>&1 || die "debootstrap is missing and there is no apt-get to install it"
  step "installing debootstrap with apt-get ..."
  DEBIAN_FRONTEND=noninteractive apt-get install -y debootstrap >&2
fi
mirror="${BATTEN_DEBIAN_MIRROR:-}"
if [[ -z "$mirror" ]]; then # the Debian mirror apt already uses
  mirror="$({ grep -hs '^URIs:' /etc/apt/sources.list.d/*.sources | awk '{for (i = 2; i <= NF; i++) print $i}'
    grep -hs '^deb ' /etc/apt/sources.list /etc/apt/sources.list.d/*.list | awk '{print $2}'; } | grep -E '/debian/?$' | head -n 1 || true)"
fi
[[ -n "$mirror" ]] || die "no Debian mirror found in /etc/apt/sources.list*; set BATTEN_DEBIAN_MIRROR"

cache="${BATTEN_CACHE:-$HOME/.cache/batten}/compose"
start=$SECONDS
work="$(mktemp -d /var/tmp/batten-compose-base.XXXXXX)"
trap 'rm -rf "$work"' EXIT
r="$work/rootfs"
mkdir -p "$r" "$cache"
# the Debian part depends only on the suite and the package list: cached as a tar
packages=ca-certificates
rootfs_tar="$cache/rootfs-${suite}-$(echo "$packages" | sha256sum | cut -c1-12).tar"
if [[ ! -f "$rootfs_tar" ]]; then
  step "debootstrapping a minimal $suite rootfs (first run only, about 2 min) ..."
  debootstrap --variant=minbase --include="$packages" "$suite" "$r" "$mirror" >&2
  rm -rf "$r"/var/cache/apt/archives/*.deb "$r"/var/lib/apt/lists/*
  tar --numeric-owner --xattrs -C "$r" -cf "$rootfs_tar.tmp" .
  mv "$rootfs_tar.tmp" "$rootfs_tar"
else
  tar --numeric-owner --xattrs -xf "$rootfs_tar" -C "$r"
fi
step "adding Node.js $node_version from $prefix ..."
install -D -m 0755 "$node_bin" "$r/usr/local/bin/node"
mkdir -p "$r/usr/local/lib/node_modules" "$r/usr/local/include"
cp -a "$npm_dir" "$r/usr/local/lib/node_modules/npm"
cp -a "$headers" "$r/usr/local/include/node"
ln -s ../lib/node_modules/npm/bin/npm-cli.js "$r/usr/local/bin/npm"
ln -s ../lib/node_modules/npm/bin/npx-cli.js "$r/usr/local/bin/npx"
chroot "$r" /usr/local/bin/node -e 'process.exit(0)' || die "the copied node does not run in the $suite rootfs"
# The host's own trusted certificates (a host may reach the package registries through a
# proxy whose CA only the host trusts): those of the host's bundle that Debian's lacks,
# added the Debian way so that later updates of ca-certificates keep them.
env_changes=()
split_pem() { awk -v d="$2" '/-----BEGIN CERTIFICATE-----/ { n++; f = sprintf("%s/%04d.crt", d, n) } f { print > f } /-----END CERTIFICATE-----/ { close(f); f = "" }' "$1"; }
mkdir -p "$work/host-certs" "$work/image-certs"
if [[ -f /etc/ssl/certs/ca-certificates.crt ]]; then
  split_pem /etc/ssl/certs/ca-certificates.crt "$work/host-certs"
  split_pem "$r/etc/ssl/certs/ca-certificates.crt" "$work/image-certs"
  known="$(cat "$work"/image-certs/*.crt 2>/dev/null | grep -v -- '-----' | tr -d '\n' || true)"
  added=0
  for c in "$work"/host-certs/*.crt; do
    [[ -f "$c" ]] || continue
    body="$(grep -v -- '-----' "$c" | tr -d '\n')"
    [[ -n "$body" && "$known" != *"$body"* ]] || continue
    mkdir -p "$r/usr/local/share/ca-certificates"
    install -m 0644 "$c" "$r/usr/local/share/ca-certificates/batten-host-$(basename "$c")"
    added=$((added + 1))
  done
  if [[ "$added" -gt 0 ]]; then
    step "adding $added certificate(s) this host trusts beyond Debian's ..."
    chroot "$r" update-ca-certificates >/dev/null
    # Node.js trusts its own copy of Mozilla's list, not the system's, unless told
    env_changes+=(--change 'ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt')
  fi
fi
step "importing $name ..."
tar --numeric-owner -C "$r" -c . | "$engine" import \
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  "${env_changes[@]}" --change 'CMD ["node"]' - "$name" >/dev/null
step "base image ready in $((SECONDS - start)) s"
# older base images of ours go, unless an image or a container still uses them
for old in $("$engine" images --format '{{.Repository}}:{{.Tag}}' "${name%%:*}"); do
  [[ "$old" == "$name" ]] || "$engine" rmi "$old" >/dev/null 2>&1 || true
done
echo "$name"
