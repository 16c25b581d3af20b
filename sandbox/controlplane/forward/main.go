// Command batten-forward holds an embedded cluster's network namespace and forwards
// Unix sockets, which the host can reach through a bind mount, to TCP ports on the
// namespace's own loopback:
//
//	batten-forward /run/batten/api.sock=127.0.0.1:6443 /run/batten/etcd.sock=127.0.0.1:2379
//
// The control-plane processes join its namespace, so they can reach nothing but each
// other, and the host reaches them only through these sockets.
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
		_ = os.Remove(sock)
		l, err := net.Listen("unix", sock)
		if err != nil {
			log.Fatal(err)
		}
		if err := os.Chmod(sock, 0o600); err != nil {
			log.Fatal(err)
		}
		go serve(l, target)
	}
	log.Print("ready")
	select {}
}

func serve(l net.Listener, target string) {
	for {
		c, err := l.Accept()
		if err != nil {
			log.Fatal(err)
		}
		go pipe(c, target)
	}
}

func pipe(c net.Conn, target string) {
	defer c.Close()
	t, err := net.DialTimeout("tcp", target, 5*time.Second)
	if err != nil {
		return
	}
	defer t.Close()
	done := make(chan struct{}, 2)
	go func() {
		_, _ = io.Copy(t, c)
		_ = t.(*net.TCPConn).CloseWrite()
		done <- struct{}{}
	}()
	go func() {
		_, _ = io.Copy(c, t)
		_ = c.(*net.UnixConn).CloseWrite()
		done <- struct{}{}
	}()
	<-done
	<-done
}
