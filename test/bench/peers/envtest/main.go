// Command envtest-bench starts controller-runtime's envtest control plane
// (etcd + kube-apiserver) N times against a directory of prebuilt binaries and
// prints one JSON line per sample: {"readyMs": <ms from Start() call to its return>}.
// It is Batten's "peer" for the cold-start comparison in test/bench/peers.bench.ts.
//
//	envtest-bench -samples 5 -assets ~/.cache/batten/controlplane/v1.34.4-<hash>
//
// A failed sample is an error line on stderr and exit status 1.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"time"

	"sigs.k8s.io/controller-runtime/pkg/envtest"
)

type sample struct {
	ReadyMs float64 `json:"readyMs"`
}

func main() {
	samples := flag.Int("samples", 1, "how many times to start and stop the control plane")
	assets := flag.String("assets", os.Getenv("KUBEBUILDER_ASSETS"), "directory holding etcd, kube-apiserver and kubectl (default $KUBEBUILDER_ASSETS)")
	flag.Parse()
	if *assets == "" {
		fail("no binaries: pass -assets <dir> or set KUBEBUILDER_ASSETS to the directory holding etcd, kube-apiserver and kubectl")
	}
	if *samples < 1 {
		fail(fmt.Sprintf("-samples is %d: pass a count of 1 or more", *samples))
	}
	out := json.NewEncoder(os.Stdout)
	for i := 0; i < *samples; i++ {
		env := &envtest.Environment{BinaryAssetsDirectory: *assets, DownloadBinaryAssets: false}
		start := time.Now()
		_, err := env.Start()
		ready := time.Since(start)
		if err != nil {
			_ = env.Stop()
			fail(fmt.Sprintf("sample %d: envtest.Environment.Start with binaries in %s: %v", i+1, *assets, err))
		}
		if err := env.Stop(); err != nil {
			fail(fmt.Sprintf("sample %d: envtest.Environment.Stop: %v", i+1, err))
		}
		if err := out.Encode(sample{ReadyMs: float64(ready.Microseconds()) / 1000}); err != nil {
			fail(fmt.Sprintf("writing sample %d to stdout: %v", i+1, err))
		}
	}
}

func fail(msg string) {
	fmt.Fprintln(os.Stderr, "envtest-bench:", msg)
	os.Exit(1)
}
