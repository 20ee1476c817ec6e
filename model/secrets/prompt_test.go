//go:build linux

package secrets

import (
	"errors"
	"testing"
	"time"

	"github.com/godbus/dbus/v5"
)

// fakeUnlock is a Secret Service whose Unlock always wants a prompt, as
// gnome-keyring's does for a locked keyring: the real one's prompt needs
// a desktop and a person, so the tests of the prompt's plumbing run
// against this one, on a private bus of their own.
type fakeUnlock struct {
	conn      *dbus.Conn
	dismiss   bool // the person dismisses the prompt
	never     bool // the prompt never completes
	prompted  chan string
	dismissed chan struct{}
}

const fakePromptPath = dbus.ObjectPath("/org/freedesktop/secrets/prompt/u1")

func (f *fakeUnlock) Unlock(objects []dbus.ObjectPath) ([]dbus.ObjectPath, dbus.ObjectPath, *dbus.Error) {
	return nil, fakePromptPath, nil
}

func (f *fakeUnlock) Prompt(window string) *dbus.Error {
	f.prompted <- window
	if !f.never {
		f.conn.Emit(fakePromptPath, ssPrompt+".Completed", f.dismiss, dbus.MakeVariant([]dbus.ObjectPath{}))
	}
	return nil
}

func (f *fakeUnlock) Dismiss() *dbus.Error {
	f.dismissed <- struct{}{}
	return nil
}

func startFakeUnlock(t *testing.T, f *fakeUnlock) *service {
	t.Helper()
	addr, err := startBus(t)
	if err != nil {
		unavailable(t, err)
	}
	conn, err := dbus.Connect(addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	f.conn, f.prompted, f.dismissed = conn, make(chan string, 4), make(chan struct{}, 4)
	conn.ExportMethodTable(map[string]any{"Unlock": f.Unlock}, ssPath, ssService)
	conn.ExportMethodTable(map[string]any{"Prompt": f.Prompt, "Dismiss": f.Dismiss}, fakePromptPath, ssPrompt)
	if reply, err := conn.RequestName(ssName, dbus.NameFlagDoNotQueue); err != nil || reply != dbus.RequestNameReplyPrimaryOwner {
		t.Fatalf("RequestName: %v %v", reply, err)
	}
	client, err := connect(addr)
	if err != nil {
		t.Fatal(err)
	}
	return &service{conn: client}
}

func TestUnlockPrompt(t *testing.T) {
	coll := []dbus.ObjectPath{"/org/freedesktop/secrets/collection/login"}
	defer func(d time.Duration) { promptTimeout = d }(promptTimeout)
	promptTimeout = 500 * time.Millisecond

	t.Run("desktop, unlocked", func(t *testing.T) {
		useKeyring(t)
		t.Setenv("DISPLAY", ":99")
		f := &fakeUnlock{}
		if err := startFakeUnlock(t, f).unlock(coll); err != nil {
			t.Fatalf("unlock through the prompt: %v", err)
		}
		if w := <-f.prompted; w != "" {
			t.Errorf("Prompt(%q)", w)
		}
	})
	t.Run("desktop, dismissed", func(t *testing.T) {
		useKeyring(t)
		t.Setenv("WAYLAND_DISPLAY", "wayland-0")
		f := &fakeUnlock{dismiss: true}
		if err := startFakeUnlock(t, f).unlock(coll); !errors.Is(err, ErrLocked) {
			t.Fatalf("dismissed prompt: %v", err)
		}
	})
	t.Run("desktop, nobody answers", func(t *testing.T) {
		useKeyring(t)
		t.Setenv("DISPLAY", ":99")
		f := &fakeUnlock{never: true}
		start := time.Now() // wall clock: elapsed time only
		if err := startFakeUnlock(t, f).unlock(coll); !errors.Is(err, ErrLocked) {
			t.Fatalf("prompt with no answer: %v", err)
		}
		if d := time.Since(start); d > 5*time.Second { // wall clock: elapsed time only
			t.Errorf("waited %v", d)
		}
		<-f.dismissed // the prompt is taken down
	})
	t.Run("no desktop", func(t *testing.T) {
		useKeyring(t)
		f := &fakeUnlock{}
		if err := startFakeUnlock(t, f).unlock(coll); !errors.Is(err, ErrLocked) {
			t.Fatalf("no desktop: %v", err)
		}
		<-f.dismissed
		if len(f.prompted) != 0 {
			t.Error("a prompt was shown with no desktop")
		}
	})
}
