package testserver

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"
)

// LoginToken is the token LoginServer gives.
const LoginToken = "reader1/0123456789abcdef"

// LoginServer serves the login part of a Google Reader API for one user,
// answering as Miniflux 2.3.5 does (seen on the real one): POST
// /accounts/ClientLogin with the right Email and Passwd gives
// "SID=…\nLSID=…\nAuth=…\n" (text/plain), a wrong one 401 with
// {"error_message":"access unauthorized"}; GET /reader/api/0/token with
// "Authorization: GoogleLogin auth=TOKEN" gives the token, without it 401
// "Unauthorized". Anything else is 404. For the tests of a connection
// check, which need no feeds (a sync's tests use StartMiniflux). It is
// closed when the test ends.
func LoginServer(t testing.TB, user, password string) *httptest.Server {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /accounts/ClientLogin", func(w http.ResponseWriter, r *http.Request) {
		if r.PostFormValue("Email") != user || r.PostFormValue("Passwd") != password {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusUnauthorized)
			fmt.Fprint(w, `{"error_message":"access unauthorized"}`)
			return
		}
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		fmt.Fprintf(w, "SID=%s\nLSID=%s\nAuth=%s\n", LoginToken, LoginToken, LoginToken)
	})
	mux.HandleFunc("GET /reader/api/0/token", func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "GoogleLogin auth="+LoginToken {
			w.Header().Set("X-Reader-Google-Bad-Token", "true")
			http.Error(w, "Unauthorized", http.StatusUnauthorized)
			return
		}
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		fmt.Fprint(w, LoginToken)
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}
