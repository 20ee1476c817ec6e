package desktop

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestAutostartEntryWrittenAndRemoved(t *testing.T) {
	cfg := t.TempDir()
	a := NewAutostart(cfg, "/opt/Know flow/knowflow", "/home/me/my 100% notes.db")
	if want := filepath.Join(cfg, "autostart", "io.github.knowflow.knowflow.desktop"); a.Path != want {
		t.Fatalf("path %s, want %s", a.Path, want)
	}
	if a.Enabled() {
		t.Fatal("enabled before it was written")
	}
	if err := a.SetEnabled(true); err != nil {
		t.Fatal(err)
	}
	if !a.Enabled() {
		t.Fatal("not enabled after SetEnabled(true)")
	}
	b, err := os.ReadFile(a.Path)
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	for _, want := range []string{
		"[Desktop Entry]\n", "Type=Application\n", "Icon=io.github.knowflow.knowflow\n",
		`Exec="/opt/Know flow/knowflow" --hidden --db "/home/me/my 100%% notes.db"` + "\n",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("entry lacks %q:\n%s", want, text)
		}
	}
	if fi, _ := os.Stat(a.Path); fi.Mode().Perm() != 0o644 {
		t.Errorf("mode %v, want 0644", fi.Mode().Perm())
	}
	// Writing again replaces it; no temp file is left beside it.
	if err := a.SetEnabled(true); err != nil {
		t.Fatal(err)
	}
	if ents, _ := os.ReadDir(filepath.Dir(a.Path)); len(ents) != 1 {
		t.Errorf("autostart dir holds %d files, want 1", len(ents))
	}
	if err := a.SetEnabled(false); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(a.Path); !os.IsNotExist(err) {
		t.Fatalf("entry still there after SetEnabled(false): %v", err)
	}
	if err := a.SetEnabled(false); err != nil {
		t.Fatalf("removing a missing entry: %v", err)
	}
}

// A desktop's own settings switch an entry off with Hidden=true.
func TestAutostartHiddenIsOff(t *testing.T) {
	a := NewAutostart(t.TempDir(), "/usr/bin/knowflow", "")
	if err := a.SetEnabled(true); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(a.Path)
	if !strings.Contains(string(b), "Exec=/usr/bin/knowflow --hidden\n") {
		t.Errorf("default database: want no --db in\n%s", b)
	}
	if err := os.WriteFile(a.Path, append(b, "Hidden=true\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	if a.Enabled() {
		t.Error("Hidden=true entry counts as enabled")
	}
}

func TestConfigHome(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", "/x/config")
	if d, _ := ConfigHome(); d != "/x/config" {
		t.Errorf("ConfigHome = %s", d)
	}
	t.Setenv("XDG_CONFIG_HOME", "relative") // not absolute: ignored, as the spec says
	t.Setenv("HOME", "/home/me")
	if d, _ := ConfigHome(); d != "/home/me/.config" {
		t.Errorf("ConfigHome = %s", d)
	}
}
