#!/usr/bin/env bash
# Prepares everything Batten's kind provider needs, offline (no container
# registry): rootful podman and its containers.conf, kind itself, the
# Kubernetes component images (tagged as kubeadm names them) and a kind node
# image with those images already in its containerd store. Everything is built
# from the Go module proxy and Debian packages, into a cache outside the repo.
#
#   sandbox/kind/build.sh                 build what is missing, print the directory
#   BATTEN_CACHE=/some/dir build.sh       cache somewhere else (default ~/.cache/batten)
#   build.sh --print-dir                  only print the directory a build would fill
#
# The printed directory holds: kind, containers.conf (use it with
# CONTAINERS_CONF=<file> KIND_EXPERIMENTAL_PROVIDER=podman), node-image (the
# node image's name), cluster.yaml (a one-node cluster config for this host).
# Only the last line of stdout is that directory; progress goes to stderr.
# Versions are pinned in versions.env (and kubernetes/go.mod).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=versions.env
source "$here/versions.env"

sum() { cat "$@" | sha256sum | cut -c1-12; }
cache="${BATTEN_CACHE:-$HOME/.cache/batten}/kind"
# Binaries depend only on the Go/C pins; the images and the output directory on everything
# (server/setup/kind-build.ts derives the same directory name from the same files).
gopins=("$here/versions.env" "$here/kubernetes/go.mod" "$here/kubernetes/go.sum" "$here/pause/pause.c")
node_files=(10-batten-bridge.conflist batten-entrypoint cluster.yaml prepare.sh)
bin="$cache/bin-${K8S_VERSION}-$(sum "${gopins[@]}")"
pins="$(sum "${gopins[@]}" "$here/build.sh" "${node_files[@]/#/$here/node/}" "$here/podman/netavark" "$here/workloads/webapp/main.go" "$here/workloads/webapp/go.mod")"
out="$cache/${K8S_VERSION}-${pins}"
if [[ "${1:-}" == --print-dir ]]; then echo "$out"; exit 0; fi

step() { printf 'batten: %s\n' "$*" >&2; }
die() { printf 'batten: %s\n' "$*" >&2; exit 3; }

[[ "$(id -u)" == 0 ]] || die "the kind provider needs rootful podman: run setup as root"
if ! command -v go >/dev/null 2>&1; then
  die "the Go toolchain is missing: install Go 1.24 or newer (https://go.dev/doc/install) and put 'go' on PATH"
fi
# podman pulls in crun, which refuses cgroup v1 hybrid hosts: kind's nodes need runc.
if ! command -v podman >/dev/null 2>&1 || ! command -v debootstrap >/dev/null 2>&1 || ! command -v runc >/dev/null 2>&1; then
  command -v apt-get >/dev/null 2>&1 || die "podman, runc or debootstrap is missing and there is no apt-get to install them"
  step "installing podman, runc and debootstrap with apt-get ..."
  DEBIAN_FRONTEND=noninteractive apt-get install -y podman runc debootstrap >&2
fi
# kind's podman provider always bind-mounts /lib/modules into its nodes (read-only); a
# kernel without modules (a microVM) has no such directory and podman refuses to start.
if [[ ! -e /lib/modules ]]; then
  step "creating an empty /lib/modules (kind mounts it into every node; this kernel has no modules)"
  mkdir -p /lib/modules
fi
command -v gcc >/dev/null 2>&1 || die "gcc is missing (needed for the static pause binary): apt-get install -y gcc libc6-dev"

node_image="localhost/batten/kind-node:${K8S_VERSION}-${pins}"
mkdir -p "$bin" "$out" "$cache/tmp"
# one build at a time (tests may run setup concurrently)
exec 9> "$cache/.build.lock"
flock 9

# 1. podman configuration: privileged containers work only with these settings here
# (no CAP_SYS_RESOURCE: no rlimits; crun refuses cgroup v1 hybrid). /etc/containers is
# left alone: network definitions live in the cache too, and netavark runs through
# podman/netavark, which keeps it from switching on the host's IP forwarding. (Any podman
# command run WITHOUT this CONTAINERS_CONF creates /etc/containers/networks/netavark.lock.)
# Network definitions are shared by all builds, so a cluster made by an older build can
# still be deleted after a rebuild.
networks="$cache/podman-networks"
mkdir -p "$out/helpers" "$networks"
install -m 0755 "$here/podman/netavark" "$out/helpers/netavark"
cat > "$out/.containers.conf.tmp" <<EOF
# Batten's podman settings for kind nodes; select with CONTAINERS_CONF=<this file>.
[containers]
# the host lacks CAP_SYS_RESOURCE: setting RLIMIT_NOFILE/NPROC fails
default_ulimits = []

[engine]
cgroup_manager = "cgroupfs"
runtime = "runc"
events_logger = "file"
helper_binaries_dir = ["$out/helpers", "/usr/libexec/podman", "/usr/lib/podman", "/usr/local/libexec/podman", "/usr/local/lib/podman"]

[network]
network_backend = "netavark"
network_config_dir = "$networks"
EOF
mv "$out/.containers.conf.tmp" "$out/containers.conf"
export CONTAINERS_CONF="$out/containers.conf"
cp "$here/node/cluster.yaml" "$out/cluster.yaml"

# 2. binaries
export GOTOOLCHAIN=local CGO_ENABLED=0
gobuild() { # name package ldflags   (from the pinned k8s.io/kubernetes module beside this script)
  local name="$1" pkg="$2" ldflags="$3"
  [[ -x "$bin/$name" ]] && return 0
  step "building $name (first run only; cached in $bin) ..."
  local start=$SECONDS
  (cd "$here/kubernetes" && GOFLAGS=-mod=mod go build -trimpath -ldflags "-s -w $ldflags" -o "$bin/.$name.tmp" "$pkg")
  mv "$bin/.$name.tmp" "$bin/$name"
  step "built $name in $((SECONDS - start)) s"
}
goinstall() { # name module@version package ldflags   (go install from the module proxy)
  local name="$1" pkg="$2" ldflags="$3"
  [[ -x "$bin/$name" ]] && return 0
  step "building $name from $pkg (first run only; cached in $bin) ..."
  local start=$SECONDS tmp
  tmp="$(mktemp -d "$cache/tmp/gobin.XXXXXX")"
  GOFLAGS= GOBIN="$tmp" go install -trimpath -ldflags "-s -w $ldflags" "$pkg"
  mv "$tmp/$(basename "${pkg%@*}")" "$bin/$name"
  rmdir "$tmp"
  step "built $name in $((SECONDS - start)) s"
}
minor="${K8S_VERSION#v1.}"; minor="${minor%%.*}"
kv="-X k8s.io/component-base/version.gitVersion=${K8S_VERSION} -X k8s.io/component-base/version.gitMajor=1 -X k8s.io/component-base/version.gitMinor=${minor} -X k8s.io/component-base/version.gitTreeState=clean -X k8s.io/client-go/pkg/version.gitVersion=${K8S_VERSION} -X k8s.io/client-go/pkg/version.gitMajor=1 -X k8s.io/client-go/pkg/version.gitMinor=${minor}"
goinstall kind "sigs.k8s.io/kind@${KIND_VERSION}" ""
goinstall coredns "github.com/coredns/coredns@${COREDNS_VERSION}" ""
gobuild kubeadm k8s.io/kubernetes/cmd/kubeadm "$kv"
gobuild kubelet k8s.io/kubernetes/cmd/kubelet "$kv"
gobuild kube-proxy k8s.io/kubernetes/cmd/kube-proxy "$kv"
if [[ ! -x "$bin/pause" ]]; then
  step "building pause ..."
  gcc -static -O2 -s -o "$bin/.pause.tmp" "$here/pause/pause.c"
  mv "$bin/.pause.tmp" "$bin/pause"
fi
# the control plane's binaries: same k8s.io/kubernetes pin, built (or found) by its own script
cp_out="$(bash "$here/../controlplane/build.sh" | tail -n 1)"
for b in kube-apiserver kube-controller-manager kube-scheduler kubectl etcd; do
  [[ -x "$cp_out/$b" ]] || die "sandbox/controlplane/build.sh did not produce $b in $cp_out"
done
install -m 0755 "$bin/kind" "$out/kind"
bin_of() { if [[ -x "$bin/$1" ]]; then echo "$bin/$1"; else echo "$cp_out/$1"; fi; }

# 3. a Debian rootfs (node image base, and the libraries kube-proxy's iptables needs)
packages="systemd,systemd-sysv,dbus,containerd,runc,iptables,nftables,iproute2,ca-certificates,kmod,procps,conntrack,socat,util-linux,mount,ethtool,libseccomp2,pigz,fuse-overlayfs,bash,jq,containernetworking-plugins"
rootfs_tar="$cache/rootfs-${DEBIAN_SUITE}-$(echo "$packages" | sha256sum | cut -c1-12).tar"
apt_mirror() { # the Debian mirror apt already uses (BATTEN_DEBIAN_MIRROR overrides)
  if [[ -n "${BATTEN_DEBIAN_MIRROR:-}" ]]; then echo "$BATTEN_DEBIAN_MIRROR"; return; fi
  # grep exits 2 for a file that is not there (no sources.list, no *.list): not an error here
  { grep -hs '^URIs:' /etc/apt/sources.list.d/*.sources | awk '{for (i = 2; i <= NF; i++) print $i}' || true
    grep -hs '^deb ' /etc/apt/sources.list /etc/apt/sources.list.d/*.list | awk '{print $2}' || true; } \
    | grep -E '/debian/?$' | head -n 1
}
if [[ ! -f "$rootfs_tar" ]]; then
  mirror="$(apt_mirror)"
  [[ -n "$mirror" ]] || die "no Debian mirror found in /etc/apt/sources.list*; set BATTEN_DEBIAN_MIRROR"
  step "debootstrapping a ${DEBIAN_SUITE} rootfs (first run only, about 3 min) ..."
  start=$SECONDS
  work="$(mktemp -d "$cache/tmp/rootfs.XXXXXX")"
  debootstrap --variant=minbase --include="$packages" "$DEBIAN_SUITE" "$work/rootfs" "$mirror" >&2
  rm -rf "$work/rootfs"/var/cache/apt/archives/*.deb "$work/rootfs"/var/lib/apt/lists/*
  tar --numeric-owner --xattrs -C "$work/rootfs" -cf "$rootfs_tar.tmp" .
  mv "$rootfs_tar.tmp" "$rootfs_tar"
  rm -rf "$work"
  step "rootfs ready in $((SECONDS - start)) s"
fi

# 4. component images, named exactly as kubeadm asks for them
mapfile -t images < <("$bin/kubeadm" config images list --kubernetes-version "$K8S_VERSION" 2>/dev/null)
[[ "${#images[@]}" -ge 6 ]] || die "kubeadm config images list printed: ${images[*]}"
label="batten.kind.pins=${pins}"
have_image() { [[ "$(podman image inspect --format "{{index .Config.Labels \"batten.kind.pins\"}}" "$1" 2>/dev/null)" == "$pins" ]]; }
tmp="$(mktemp -d "$cache/tmp/images.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
mkimage() { # image dir entrypoint-json   (drops the image the tag named before, if unused)
  local old; old="$(podman image inspect --format '{{.Id}}' "$1" 2>/dev/null || true)"
  tar --numeric-owner -C "$2" -c . | podman import --quiet \
    --change "ENV PATH=/usr/local/bin:/usr/local/sbin:/usr/sbin:/usr/bin:/sbin:/bin" \
    --change "ENTRYPOINT $3" --change "LABEL $label" - "$1" >/dev/null
  if [[ -n "$old" ]]; then podman rmi "$old" >/dev/null 2>&1 || true; fi
}
base_files() { # dir: the little a static Go binary wants around it
  mkdir -p "$1/etc/ssl/certs" "$1/tmp" "$1/usr/local/bin" "$1/var/run"
  chmod 1777 "$1/tmp"
  printf 'root:x:0:0:root:/root:/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin\n' > "$1/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' > "$1/etc/group"
  echo 'hosts: files dns' > "$1/etc/nsswitch.conf"
  tar -xf "$rootfs_tar" -C "$1" ./etc/ssl/certs/ca-certificates.crt
}
kubeproxy_files() { # dir: kube-proxy plus iptables (legacy, as the node selects by default)
  local d="$1" r="$tmp/rootfs-libs" p f
  mkdir -p "$r" && tar -xf "$rootfs_tar" -C "$r" ./var/lib/dpkg/info
  tar -tf "$rootfs_tar" | sort -u > "$tmp/rootfs-members"
  local wanted=(./lib ./lib64 ./bin ./sbin)  # merged-/usr symlinks
  for p in iptables libxtables12 libip4tc2 libip6tc2 libnftnl11 libmnl0 libnetfilter-conntrack3 libnfnetlink0 libc6 conntrack; do
    f="$r/var/lib/dpkg/info/$p.list"; [[ -f "$f" ]] || f="$r/var/lib/dpkg/info/$p:amd64.list"
    [[ -f "$f" ]] || die "kube-proxy image: package $p is not in the rootfs"
    while read -r f; do
      case "$f" in /. | /usr/share/doc/* | /usr/share/man/* | /usr/share/lintian/*) continue ;; esac
      wanted+=(".$f" "./usr$f")  # dpkg still names some files by their pre-merged-/usr path
    done < "$f"
  done
  # only members that exist (files, symlinks, directories without their other contents)
  printf '%s\n' "${wanted[@]}" | sort -u | comm -12 - "$tmp/rootfs-members" > "$tmp/kube-proxy-members"
  tar -xf "$rootfs_tar" -C "$d" --no-recursion -T "$tmp/kube-proxy-members"
  for t in iptables iptables-save iptables-restore ip6tables ip6tables-save ip6tables-restore; do
    ln -sf xtables-legacy-multi "$d/usr/sbin/$t"
  done
  [[ -x "$d/usr/sbin/xtables-legacy-multi" ]] || die "kube-proxy image: iptables did not come out of the rootfs"
  chroot "$d" /usr/sbin/iptables --version >/dev/null || die "kube-proxy image: iptables does not run"
}
for img in "${images[@]}"; do
  have_image "$img" && continue
  step "building image $img ..."
  d="$tmp/img"; rm -rf "$d"; mkdir -p "$d"
  name="${img##*/}"; name="${name%%:*}"
  case "$name" in
    kube-apiserver | kube-controller-manager | kube-scheduler)
      base_files "$d"; install -m 0755 "$(bin_of "$name")" "$d/usr/local/bin/$name"
      mkimage "$img" "$d" "[\"/usr/local/bin/$name\"]" ;;
    etcd)
      base_files "$d"; install -m 0755 "$(bin_of etcd)" "$d/usr/local/bin/etcd"
      mkdir -p "$d/var/lib/etcd"; mkimage "$img" "$d" '["/usr/local/bin/etcd"]' ;;
    kube-proxy)
      base_files "$d"; kubeproxy_files "$d"; install -m 0755 "$bin/kube-proxy" "$d/usr/local/bin/kube-proxy"
      mkimage "$img" "$d" '["/usr/local/bin/kube-proxy"]' ;;
    coredns)
      base_files "$d"; install -m 0755 "$bin/coredns" "$d/coredns"; mkimage "$img" "$d" '["/coredns"]' ;;
    pause)
      install -m 0755 "$bin/pause" "$d/pause"; mkimage "$img" "$d" '["/pause"]' ;;
    *) die "do not know how to build $img" ;;
  esac
done
pause_image="$(printf '%s\n' "${images[@]}" | grep '/pause:')"

# 4b. the workload images exercises run: a shell from Debian's static busybox, and our
# own small web application on the same busybox (an attacker who gets into it has a shell)
shell_image="localhost/batten/shell:1.35"
webapp_image="localhost/batten/webapp:1"
shell_files() { # dir: busybox and its applets, over base_files
  if [[ ! -x "$tmp/deb/x/bin/busybox" ]]; then
    mkdir -p "$tmp/deb"
    (cd "$tmp/deb" && apt-get download busybox-static >&2 2>/dev/null) || die "apt-get download busybox-static failed"
    dpkg-deb -x "$tmp"/deb/busybox-static_*.deb "$tmp/deb/x"
  fi
  base_files "$1"; mkdir -p "$1/bin"
  install -m 0755 "$tmp/deb/x/bin/busybox" "$1/bin/busybox"
  for a in $("$1/bin/busybox" --list); do [[ "$a" == busybox ]] || ln -s busybox "$1/bin/$a"; done
  ln -s bin "$1/sbin"; ln -s ../bin "$1/usr/bin"; ln -s ../bin "$1/usr/sbin"
}
if ! have_image "$shell_image"; then
  step "building image $shell_image from Debian's busybox-static ..."
  d="$tmp/img"; rm -rf "$d"; mkdir -p "$d"
  shell_files "$d"
  mkimage "$shell_image" "$d" '["/bin/sh"]'
fi
if ! have_image "$webapp_image"; then
  step "building image $webapp_image ..."
  d="$tmp/img"; rm -rf "$d"; mkdir -p "$d"
  shell_files "$d"
  (cd "$here/workloads/webapp" && go build -trimpath -ldflags "-s -w" -o "$d/usr/local/bin/webapp" .)
  mkimage "$webapp_image" "$d" '["/usr/local/bin/webapp"]'
fi
images+=("$shell_image" "$webapp_image")

# 5. the node image: Debian rootfs + kind's base-image files + our binaries + the images above
if ! podman image exists "$node_image"; then
  step "building node image $node_image ..."
  start=$SECONDS
  kindsrc="$(cd / && GOFLAGS= go mod download -json "sigs.k8s.io/kind@${KIND_VERSION}" | sed -n 's/^\s*"Dir": "\(.*\)",$/\1/p')"
  [[ -d "$kindsrc/images/base/files" ]] || die "kind ${KIND_VERSION} module has no images/base/files"
  r="$tmp/node"; mkdir -p "$r"
  tar --numeric-owner --xattrs -xf "$rootfs_tar" -C "$r"
  f="$kindsrc/images/base/files"
  install -m 0755 "$f"/usr/local/bin/* "$r/usr/local/bin/"
  mkdir -p "$r/kind/bin" "$r/etc/containerd" "$r/etc/default" "$r/etc/sysctl.d" "$r/etc/systemd/system/kubelet.service.d" "$r/LICENSES"
  install -m 0644 "$f"/kind/README.txt "$r/kind/"
  install -m 0755 "$f"/kind/bin/* "$r/kind/bin/"
  install -m 0644 "$f"/LICENSES/* "$r/LICENSES/"
  install -m 0644 "$f"/etc/crictl.yaml "$r/etc/"
  install -m 0644 "$f"/etc/containerd/* "$r/etc/containerd/"
  install -m 0644 "$f"/etc/default/* "$r/etc/default/"
  install -m 0644 "$f"/etc/sysctl.d/* "$r/etc/sysctl.d/"
  find "$f/etc/systemd/system" -maxdepth 1 -type f -exec install -m 0644 {} "$r/etc/systemd/system/" \;
  install -m 0644 "$f"/etc/systemd/system/kubelet.service.d/* "$r/etc/systemd/system/kubelet.service.d/"
  chmod 755 "$r/kind" "$r/kind/bin"
  for b in kubelet kubeadm kubectl; do install -m 0755 "$(bin_of "$b")" "$r/usr/bin/$b"; done
  install -m 0755 "$here/node/batten-entrypoint" "$r/usr/local/bin/batten-entrypoint"
  mkdir -p "$r/etc/cni/net.d" && install -m 0644 "$here/node/10-batten-bridge.conflist" "$r/etc/cni/net.d/"
  echo "$K8S_VERSION" > "$r/kind/version"
  printf '%s\n' "${images[@]}" > "$r/kind/images"
  install -m 0755 "$here/node/prepare.sh" "$r/kind/bin/batten-prepare.sh"
  mkdir -p "$tmp/archives"
  archives=()
  for img in "${images[@]}"; do
    a="archives/$(echo "$img" | tr '/:' '__').tar"
    podman save --quiet --format docker-archive -o "$tmp/$a" "$img"
    archives+=("/batten/$a")
  done
  podman run --rm --network none -v "$tmp/archives:/batten/archives:ro" --rootfs "$r" \
    /kind/bin/batten-prepare.sh "$pause_image" "${archives[@]}" >&2
  rm -f "$r/kind/bin/batten-prepare.sh"
  step "importing the node image ..."
  tar --numeric-owner --xattrs -C "$r" -c . | podman import --quiet \
    --change 'ENV container=docker' --change 'STOPSIGNAL SIGRTMIN+3' \
    --change 'ENTRYPOINT ["/usr/local/bin/batten-entrypoint", "/usr/local/bin/entrypoint", "/sbin/init"]' \
    --change "LABEL $label" - "$node_image" >/dev/null
  rm -rf "$r"
  step "built node image in $((SECONDS - start)) s"
fi
# older node images of ours (1 GB each) go, unless a container still uses them
for old in $(podman images --format '{{.Repository}}:{{.Tag}}' localhost/batten/kind-node); do
  [[ "$old" == "$node_image" ]] || podman rmi "$old" >/dev/null 2>&1 || true
done
echo "$node_image" > "$out/node-image"
echo "$out"
