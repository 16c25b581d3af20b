//go:build tools

// Package tools pins the upstream Kubernetes commands a kind node image needs,
// so that `go mod tidy` keeps their dependencies in go.sum. Same k8s.io/kubernetes
// pin and `replace` scheme as sandbox/controlplane/kubernetes.
package tools

import (
	_ "k8s.io/kubernetes/cmd/kube-apiserver"
	_ "k8s.io/kubernetes/cmd/kube-controller-manager"
	_ "k8s.io/kubernetes/cmd/kube-proxy"
	_ "k8s.io/kubernetes/cmd/kube-scheduler"
	_ "k8s.io/kubernetes/cmd/kubeadm"
	_ "k8s.io/kubernetes/cmd/kubectl"
	_ "k8s.io/kubernetes/cmd/kubelet"
)
