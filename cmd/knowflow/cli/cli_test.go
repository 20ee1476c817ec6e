package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/knowflow/knowflow/model/store"
)

// cliTestNow is the commands' clock in tests unless one sets Env.Now:
// Thursday 26 November 2026, 12:00 UTC. No test depends on the day or
// the hour it runs.
var cliTestNow = time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)

// run runs the CLI on the fixed clock cliTestNow (unless env.Now is set)
// and returns exit code, stdout and stderr.
func run(t testing.TB, env Env, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	env.Stdout, env.Stderr = &out, &errb
	if env.Now == nil {
		env.Now = func() time.Time { return cliTestNow }
	}
	code := Run(context.Background(), args, env)
	return code, out.String(), errb.String()
}

func tempDB(t *testing.T) string {
	t.Helper()
	return filepath.Join(t.TempDir(), "knowflow.db")
}

func TestHelpAndVersion(t *testing.T) {
	code, out, _ := run(t, Env{}, "help")
	if code != 0 || !strings.Contains(out, "Commands:") || !strings.Contains(out, "check") {
		t.Fatalf("help: %d %q", code, out)
	}
	code, out, _ = run(t, Env{}, "--help")
	if code != 0 || !strings.Contains(out, "Usage:") {
		t.Fatalf("--help: %d %q", code, out)
	}
	code, out, _ = run(t, Env{}, "version")
	if code != 0 || !strings.HasPrefix(out, "knowflow "+Version+" ") {
		t.Fatalf("version: %d %q", code, out)
	}
}

func TestVersionMatchesFyneAppToml(t *testing.T) {
	b, err := os.ReadFile("../../../FyneApp.toml")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^\s*Version\s*=\s*"([^"]+)"`).FindSubmatch(b)
	if m == nil || string(m[1]) != Version {
		t.Fatalf("FyneApp.toml version %q != cli.Version %q", m, Version)
	}
}

func TestUsageErrorsExit2(t *testing.T) {
	for _, args := range [][]string{
		{"frobnicate"},
		{"--no-such-flag"},
		{"check", "--no-such-flag"},
		{"check", "extra"},
		{"version", "x"},
		{"help", "nope"},
		{"--section", "nowhere"},
		{"import"},
	} {
		code, out, errOut := run(t, Env{}, append([]string{"--db", tempDB(t)}, args...)...)
		if code != 2 {
			t.Errorf("%v: exit %d, want 2 (stderr %q)", args, code, errOut)
		}
		if errOut == "" {
			t.Errorf("%v: nothing on stderr", args)
		}
		if out != "" {
			t.Errorf("%v: usage error wrote to stdout: %q", args, out)
		}
	}
	_, _, errOut := run(t, Env{}, "frobnicate")
	if !strings.Contains(errOut, `unknown command "frobnicate"`) || !strings.Contains(errOut, "Commands:") {
		t.Errorf("unknown command stderr = %q", errOut)
	}
}

func TestCheckCreatesAndReports(t *testing.T) {
	db := tempDB(t)
	code, out, errOut := run(t, Env{}, "--db", db, "check")
	if code != 0 {
		t.Fatalf("check: %d %s", code, errOut)
	}
	for _, want := range []string{fmt.Sprintf("schema version: %d", store.SchemaVersion()), "integrity:      ok", "sources:", "contacts:"} {
		if !strings.Contains(out, want) {
			t.Errorf("check output lacks %q:\n%s", want, out)
		}
	}
	st, err := os.Stat(db)
	if err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("database file: %v %v", st, err)
	}
	// --db after the command, and --json.
	code, out, _ = run(t, Env{}, "check", "--json", "--db", db)
	var rep store.Report
	if code != 0 || json.Unmarshal([]byte(out), &rep) != nil || !rep.OK() || rep.SchemaVersion != store.SchemaVersion() {
		t.Fatalf("check --json: %d %q", code, out)
	}
}

func TestDatabaseFromEnvironment(t *testing.T) {
	db := tempDB(t)
	t.Setenv("KNOWFLOW_DB", db)
	if code, _, errOut := run(t, Env{}, "check"); code != 0 {
		t.Fatalf("check with KNOWFLOW_DB: %s", errOut)
	}
	if _, err := os.Stat(db); err != nil {
		t.Fatalf("KNOWFLOW_DB not used: %v", err)
	}
}

func TestCheckRefusesCorruptFile(t *testing.T) {
	db := filepath.Join(t.TempDir(), "x.db")
	if err := os.WriteFile(db, []byte("hello, not a database"), 0o600); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := run(t, Env{}, "--db", db, "check")
	if code != 1 || !strings.Contains(errOut, "not a SQLite database") {
		t.Fatalf("check corrupt: %d %q", code, errOut)
	}
}

func TestNoCommandOpensWindow(t *testing.T) {
	db := tempDB(t)
	var got GUIOptions
	env := Env{GUI: func(o GUIOptions) error { got = o; return nil }}
	code, _, errOut := run(t, env, "--db", db, "--section", "people", "--quit-after", "3s")
	if code != 0 {
		t.Fatalf("window: %d %s", code, errOut)
	}
	if got.DB != db || got.Section != "people" || got.QuitAfter.Seconds() != 3 {
		t.Fatalf("GUI got %+v", got)
	}
}

func TestImportExportSources(t *testing.T) {
	db := tempDB(t)
	dir := t.TempDir()
	opmlFile := filepath.Join(dir, "in.opml")
	os.WriteFile(opmlFile, []byte(`<?xml version="1.0"?><opml version="1.0"><body>
<outline text="Work"><outline text="Team"><outline text="Ana's blog" type="rss" xmlUrl="https://ana.example/feed" htmlUrl="https://ana.example/"/></outline></outline>
<outline text="Top" type="rss" xmlUrl="https://top.example/rss"/>
</body></opml>`), 0o600)
	code, out, errOut := run(t, Env{}, "--db", db, "import", opmlFile)
	if code != 0 || !strings.Contains(out, "2 new sources") {
		t.Fatalf("import: %d %q %q", code, out, errOut)
	}
	code, out, _ = run(t, Env{}, "--db", db, "import", opmlFile)
	if code != 0 || !strings.Contains(out, "0 new sources, 2 already subscribed") {
		t.Fatalf("re-import: %d %q", code, out)
	}
	code, out, _ = run(t, Env{}, "--db", db, "sources", "--json")
	var srcs []sourceJSON
	if code != 0 || json.Unmarshal([]byte(out), &srcs) != nil || len(srcs) != 2 {
		t.Fatalf("sources --json: %d %q", code, out)
	}
	if srcs[0].Folder != "Work/Team" || srcs[0].Title != "Ana's blog" || srcs[1].Folder != "" {
		t.Errorf("sources = %+v", srcs)
	}
	outFile := filepath.Join(dir, "out.opml")
	if code, _, errOut := run(t, Env{}, "--db", db, "export", "--output", outFile); code != 0 {
		t.Fatalf("export: %s", errOut)
	}
	db2 := tempDB(t)
	if code, _, errOut := run(t, Env{}, "--db", db2, "import", outFile); code != 0 {
		t.Fatalf("import export: %s", errOut)
	}
	_, out2, _ := run(t, Env{}, "--db", db2, "sources", "--json")
	var srcs2 []sourceJSON
	json.Unmarshal([]byte(out2), &srcs2)
	if len(srcs2) != 2 || srcs2[0].Folder != "Work/Team" || srcs2[0].FeedURL != "https://ana.example/feed" {
		t.Errorf("round trip sources = %+v", srcs2)
	}

	bad := filepath.Join(dir, "bad.opml")
	os.WriteFile(bad, []byte("{\"not\": \"opml\"}"), 0o600)
	code, _, errOut = run(t, Env{}, "--db", db2, "import", bad)
	if code != 1 || !strings.Contains(errOut, "was not imported") {
		t.Fatalf("bad import: %d %q", code, errOut)
	}
}

// A refresh stopped by a signal (its context cancelled, with the signal
// as the cause) exits 1, says it stopped and why, and leaves the sources
// it did not store as they were.
func TestRefreshStoppedBySignal(t *testing.T) {
	// The feed's server is where the signal comes from: mid refresh, once
	// the fetch has started.
	ctx, cancel := context.WithCancelCause(context.Background())
	defer cancel(nil)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		cancel(fmt.Errorf("terminated signal received"))
		<-r.Context().Done()
	}))
	defer srv.Close()
	db := tempDB(t)
	opmlFile := filepath.Join(t.TempDir(), "in.opml")
	os.WriteFile(opmlFile, []byte(`<?xml version="1.0"?><opml version="1.0"><body>
<outline text="Top" type="rss" xmlUrl="`+srv.URL+`/rss"/></body></opml>`), 0o600)
	if code, out, errOut := run(t, Env{}, "--db", db, "import", opmlFile); code != 0 {
		t.Fatalf("import: %d %q %q", code, out, errOut)
	}
	var out, errb bytes.Buffer
	code := Run(ctx, []string{"--db", db, "refresh"}, Env{Stdout: &out, Stderr: &errb, Now: func() time.Time { return cliTestNow }})
	if code != 1 || !strings.Contains(errb.String(), "knowflow: refresh stopped: terminated signal received") ||
		!strings.Contains(errb.String(), "0 of 1 sources stored") {
		t.Fatalf("stopped refresh: exit %d, stdout %q, stderr %q", code, out.String(), errb.String())
	}
	code, sout, _ := run(t, Env{}, "--db", db, "sources", "--json")
	var srcs []sourceJSON
	if code != 0 || json.Unmarshal([]byte(sout), &srcs) != nil || len(srcs) != 1 {
		t.Fatalf("sources --json: %d %q", code, sout)
	}
	if srcs[0].LastError != "" {
		t.Errorf("the source records the stop as its error: %q", srcs[0].LastError)
	}
}
