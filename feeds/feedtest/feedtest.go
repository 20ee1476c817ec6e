// Package feedtest holds what tests of several packages need to serve
// feeds over loopback.
package feedtest

import (
	"net"
	"net/http"
	"net/http/httptest"
	"testing"
)

// HostServer is an HTTP server on one loopback address (127.0.0.N: the
// fetcher's per-host limit counts host names, not ports). It skips the
// test when the address cannot be had, and closes with the test.
func HostServer(t testing.TB, ip string, h http.Handler) *httptest.Server {
	t.Helper()
	l, err := net.Listen("tcp", ip+":0")
	if err != nil {
		t.Skipf("no loopback address %s: %v", ip, err)
	}
	srv := httptest.NewUnstartedServer(h)
	srv.Listener.Close()
	srv.Listener = l
	srv.Start()
	t.Cleanup(srv.Close)
	return srv
}
