#!/bin/bash
# Runs INSIDE the node rootfs (podman run --rootfs, no network, not privileged)
# while build.sh assembles the node image. Mirrors what kind's base-image
# Dockerfile does after installing packages, adapted to Debian's containerd 1.6,
# runc and CNI plugins, then stores the component images in containerd's
# content store so that nothing is pulled when a node boots.
#   prepare.sh <pause-image-name> <image-archive>...
set -euo pipefail
pause_image="$1"; shift

# binaries at the paths kind's unit files expect
ln -sf /usr/bin/containerd /usr/local/bin/containerd
mkdir -p /opt/cni && rm -rf /opt/cni/bin && ln -s /usr/lib/cni /opt/cni/bin

# containerd: kind's config, with the pause image kubeadm names, and
# restrict_oom_score_adj = true (this kernel refuses to lower oom_score_adj;
# with false every pod sandbox fails: "can't get final child's PID from pipe").
sed -i -e "s#^\(\s*sandbox_image = \).*#\1\"${pause_image}\"#" \
       -e 's#^\(\s*restrict_oom_score_adj = \).*#\1true#' /etc/containerd/config.toml
grep -q "sandbox_image = \"${pause_image}\"" /etc/containerd/config.toml
grep -q 'restrict_oom_score_adj = true' /etc/containerd/config.toml
ctr oci spec \
  | jq '.hooks.createContainer[.hooks.createContainer| length] |= . + {"path": "/kind/bin/mount-product-files.sh"}' \
  | jq 'del(.process.rlimits)' > /etc/containerd/cri-base.json

# systemd as in kind's base image
find /lib/systemd/system/sysinit.target.wants/ -name systemd-tmpfiles-setup.service -delete
rm -f /lib/systemd/system/multi-user.target.wants/* /etc/systemd/system/*.wants/* \
      /lib/systemd/system/local-fs.target.wants/* /lib/systemd/system/sockets.target.wants/*udev* \
      /lib/systemd/system/sockets.target.wants/*initctl* /lib/systemd/system/basic.target.wants/*
grep -q '^ReadKMsg=no' /etc/systemd/journald.conf || echo 'ReadKMsg=no' >> /etc/systemd/journald.conf
systemctl enable kubelet.service containerd.service undo-mount-hacks.service
systemctl mask systemd-binfmt.service
mkdir -p /etc/kubernetes/manifests

# No kernel-wide sysctls from the image: keep only kind's net.* files (the
# node has its own network namespace); drop the distribution's defaults
# (50-pid-max.conf, 99-protect-links.conf, 50-default.conf, ...).
find /usr/lib/sysctl.d /lib/sysctl.d /etc/sysctl.d -maxdepth 1 -type f ! -name '10-network-*.conf' -delete 2>/dev/null || true
: > /etc/sysctl.conf
for f in /etc/sysctl.d/*.conf; do
  if grep -Ev '^\s*(#|$|net\.)' "$f"; then echo "prepare.sh: $f sets non-net sysctls" >&2; exit 1; fi
done

# iptables: kind's entrypoint picks legacy or nft at boot; legacy by default here.
update-alternatives --set iptables /usr/sbin/iptables-legacy >/dev/null
update-alternatives --set ip6tables /usr/sbin/ip6tables-legacy >/dev/null

# component images into containerd's store (unpacked on first use by the CRI)
if [ "$#" -gt 0 ]; then
  mkdir -p /run/containerd /var/lib/containerd
  containerd --log-level warn >/tmp/containerd.log 2>&1 &
  pid=$!
  for _ in $(seq 1 100); do ctr version >/dev/null 2>&1 && break; sleep 0.2; done
  for a in "$@"; do
    ctr --namespace=k8s.io images import --all-platforms --no-unpack "$a" >&2
  done
  ctr --namespace=k8s.io images ls -q >&2
  kill "$pid"; wait "$pid" || true
  rm -rf /run/containerd /tmp/containerd.log /var/lib/containerd/io.containerd.runtime.v2.task/*
fi
rm -rf /var/cache/apt/archives/*.deb /var/lib/apt/lists/* /tmp/* 
