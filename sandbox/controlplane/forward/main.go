// Command batten-forward joins network namespaces through Unix sockets.
//
// In a cluster's namespace it forwards Unix sockets, which the host reaches through a bind
// mount, to TCP ports on the namespace's own loopback (and holds the namespace):
//
//	batten-forward /run/batten/api.sock=127.0.0.1:6443 /run/batten/etcd.sock=127.0.0.1:2379
//
// In a learner's terminal sandbox it does the reverse, so that kubectl finds the API server
// at 127.0.0.1:6443 while the sandbox has no other way out:
//
//	batten-forward tcp:127.0.0.1:6443=/run/batten/api.sock
package main

import (
	"io"
	"log"
	"net"
	"os"
	"strings"
	"time"
)

func main() {
	if len(os.Args) < 2 {
		log.Fatal("usage: batten-forward SOCKET=HOST:PORT ...")
	}
	for _, arg := range os.Args[1:] {
		sock, target, ok := strings.Cut(arg, "=")
		if !ok {
			log.Fatalf("argument %q is not SOCKET=HOST:PORT", arg)
		}
		if tcp, ok := strings.CutPrefix(sock, "tcp:"); ok {
			l, err := net.Listen("tcp", tcp)
			if err != nil {
				log.Fatal(err)
			}
			go serve(l, "unix", target)
			continue
		}
		_ = os.Remove(sock)
		l, err := net.Listen("unix", sock)
		if err != nil {
			log.Fatal(err)
		}
		// The socket's directory on the host is private (0700); the file itself must be
		// usable by the learner's sandbox it is bound into.
		if err := os.Chmod(sock, 0o666); err != nil {
			log.Fatal(err)
		}
		go serve(l, "tcp", target)
	}
	log.Print("ready")
	select {}
}

func serve(l net.Listener, network, target string) {
	for {
		c, err := l.Accept()
		if err != nil {
			log.Fatal(err)
		}
		go pipe(c, network, target)
	}
}

type halfCloser interface{ CloseWrite() error }

func pipe(c net.Conn, network, target string) {
	defer c.Close()
	t, err := net.DialTimeout(network, target, 5*time.Second)
	if err != nil {
		return
	}
	defer t.Close()
	done := make(chan struct{}, 2)
	copyHalf := func(dst, src net.Conn) {
		_, _ = io.Copy(dst, src)
		if hc, ok := dst.(halfCloser); ok {
			_ = hc.CloseWrite()
		}
		done <- struct{}{}
	}
	go copyHalf(t, c)
	go copyHalf(c, t)
	<-done
	<-done
}
