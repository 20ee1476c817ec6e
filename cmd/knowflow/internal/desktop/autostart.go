// Package desktop is what makes Knowflow part of the user's desktop
// session: starting at login (XDG autostart), one window per database,
// desktop notifications the user can click, and the tray's tooltip. It
// imports no Fyne driver, so its tests run without X or cgo.
package desktop

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// AppID is the app's reverse-DNS id: the .desktop file's and the icon's
// name, and the prefix of its D-Bus names.
const AppID = "io.github.knowflow.knowflow"

// HiddenFlag, as the first argument, starts the window hidden in the tray
// (the autostart entry's command line).
const HiddenFlag = "--hidden"

// Autostart is the "Start at login" preference: an XDG autostart entry
// ($XDG_CONFIG_HOME/autostart/io.github.knowflow.knowflow.desktop) that
// starts Knowflow hidden in the tray when the session starts. The file is
// the preference: it is on when the file is there. (macOS and Windows are
// left out: a login item there is a LaunchAgent plist or a Run registry
// key, which this Linux-only build cannot test.)
type Autostart struct {
	// Path is the entry's file.
	Path string
	// Args is the command the entry runs: the binary's absolute path
	// and its flags (HiddenFlag first, then --db when not the default).
	Args []string
}

// NewAutostart is the entry for the binary exe on the database db; db is
// left out when empty (the default database).
func NewAutostart(configHome, exe, db string) Autostart {
	args := []string{exe, HiddenFlag}
	if db != "" {
		args = append(args, "--db", db)
	}
	return Autostart{Path: filepath.Join(configHome, "autostart", AppID+".desktop"), Args: args}
}

// ConfigHome is $XDG_CONFIG_HOME, else ~/.config.
func ConfigHome() (string, error) {
	if d := os.Getenv("XDG_CONFIG_HOME"); filepath.IsAbs(d) {
		return d, nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(home, ".config"), nil
}

// Enabled reports whether the entry is there and not switched off
// (Hidden=true is how a desktop's own settings switch one off).
func (a Autostart) Enabled() bool {
	b, err := os.ReadFile(a.Path)
	if err != nil {
		return false
	}
	for _, line := range strings.Split(string(b), "\n") {
		if k, v, ok := strings.Cut(strings.TrimSpace(line), "="); ok &&
			strings.TrimSpace(k) == "Hidden" && strings.TrimSpace(v) == "true" {
			return false
		}
	}
	return true
}

// SetEnabled writes the entry (atomically, by a rename) or removes it.
func (a Autostart) SetEnabled(on bool) error {
	if !on {
		if err := os.Remove(a.Path); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("start at login: %w", err)
		}
		return nil
	}
	if err := os.MkdirAll(filepath.Dir(a.Path), 0o755); err != nil {
		return fmt.Errorf("start at login: %w", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(a.Path), ".knowflow-*.desktop")
	if err != nil {
		return fmt.Errorf("start at login: %w", err)
	}
	defer os.Remove(tmp.Name()) // after the rename: nothing
	_, err = tmp.WriteString(a.entry())
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp.Name(), 0o644)
	}
	if err == nil {
		err = os.Rename(tmp.Name(), a.Path)
	}
	if err != nil {
		return fmt.Errorf("start at login: %w", err)
	}
	return nil
}

// entry is the .desktop file's text.
func (a Autostart) entry() string {
	quoted := make([]string, len(a.Args))
	for i, s := range a.Args {
		quoted[i] = quoteExecArg(s)
	}
	return "[Desktop Entry]\n" +
		"Type=Application\n" +
		"Name=Knowflow\n" +
		"Comment=Knowflow in the tray: reminders of what to share, with whom\n" +
		"Exec=" + strings.Join(quoted, " ") + "\n" +
		"Icon=" + AppID + "\n" +
		"Terminal=false\n" +
		"X-GNOME-Autostart-enabled=true\n"
}

// quoteExecArg quotes one argument of an Exec line as the Desktop Entry
// Specification says: in double quotes when it holds a reserved
// character, with ", `, $ and \ escaped; % doubled in any case.
func quoteExecArg(s string) string {
	s = strings.ReplaceAll(s, "%", "%%")
	if !strings.ContainsAny(s, " \t\n\"'\\><~|&;$*?#()`=") {
		return s
	}
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		if strings.ContainsRune("\"`$\\", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	b.WriteByte('"')
	// The file format's own escaping comes on top: a backslash is "\\".
	return strings.ReplaceAll(b.String(), `\`, `\\`)
}
