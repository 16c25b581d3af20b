//go:build tools

// Package tools pins the kwok node simulator Batten builds.
package tools

import _ "sigs.k8s.io/kwok/cmd/kwok"
