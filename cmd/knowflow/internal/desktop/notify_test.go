package desktop

import (
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/godbus/dbus/v5"
)

// notifyServer is a tiny org.freedesktop.Notifications on the test's bus:
// it records each Notify and can say a notification was clicked or closed.
type notifyServer struct {
	conn *dbus.Conn
	caps []string

	mu   sync.Mutex
	sent []sentNotification
}

type sentNotification struct {
	id             uint32
	app, title     string
	actions        []string
	desktopEntry   string
	expireTimeout  int32
	icon, bodyText string
}

func (s *notifyServer) GetCapabilities() ([]string, *dbus.Error) { return s.caps, nil }

func (s *notifyServer) Notify(app string, _ uint32, icon, title, body string, actions []string,
	hints map[string]dbus.Variant, timeout int32) (uint32, *dbus.Error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	entry, _ := hints["desktop-entry"].Value().(string)
	id := uint32(len(s.sent) + 1)
	s.sent = append(s.sent, sentNotification{id, app, title, actions, entry, timeout, icon, body})
	return id, nil
}

func (s *notifyServer) last(t *testing.T) sentNotification {
	t.Helper()
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.sent) == 0 {
		t.Fatal("no notification sent")
	}
	return s.sent[len(s.sent)-1]
}

func (s *notifyServer) emit(t *testing.T, signal string, args ...any) {
	t.Helper()
	if err := s.conn.Emit(notifyPath, notifyIface+"."+signal, args...); err != nil {
		t.Fatal(err)
	}
}

// startNotifyServer runs a notification server with caps on a private
// bus, which becomes the test's session bus.
func startNotifyServer(t *testing.T, caps ...string) *notifyServer {
	t.Helper()
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", sessionBus(t))
	conn, err := dbus.ConnectSessionBus()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	s := &notifyServer{conn: conn, caps: caps}
	if err := conn.Export(s, notifyPath, notifyIface); err != nil {
		t.Fatal(err)
	}
	if r, err := conn.RequestName(notifyName, dbus.NameFlagDoNotQueue); err != nil || r != dbus.RequestNameReplyPrimaryOwner {
		t.Fatalf("RequestName: %v %v", r, err)
	}
	return s
}

func TestNotificationClickOpens(t *testing.T) {
	srv := startNotifyServer(t, "body", "actions")
	ran := make(chan string, 4)
	n, err := NewNotifier("Knowflow", "/tmp/icon.png", func(f func()) { f() })
	if err != nil {
		t.Fatal(err)
	}
	if err := n.Send("Knowflow: 2 shares due", "for Ana: …", func() { ran <- "share" }); err != nil {
		t.Fatal(err)
	}
	share := srv.last(t)
	if !slices.Equal(share.actions, []string{"default", "Open"}) || share.desktopEntry != AppID ||
		share.app != "Knowflow" || share.icon != "/tmp/icon.png" || share.title != "Knowflow: 2 shares due" {
		t.Errorf("sent %+v", share)
	}
	if err := n.Send("Knowflow: 1 person has not heard from you", "Bo: …", func() { ran <- "person" }); err != nil {
		t.Fatal(err)
	}
	person := srv.last(t)

	srv.emit(t, "ActionInvoked", person.id, "default")
	srv.emit(t, "ActionInvoked", uint32(99), "default")    // not ours
	srv.emit(t, "NotificationClosed", share.id, uint32(2)) // dismissed: a later click is stale
	srv.emit(t, "ActionInvoked", share.id, "default")
	srv.emit(t, "ActionInvoked", person.id, "default") // clicked twice, runs twice
	for _, want := range []string{"person", "person"} {
		select {
		case got := <-ran:
			if got != want {
				t.Errorf("clicked %q, want %q", got, want)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("click on %q never ran", want)
		}
	}
	if err := n.Close(); err != nil {
		t.Fatal(err)
	}
	if len(ran) != 0 {
		t.Errorf("also ran %q", <-ran)
	}
}

// A server without actions gets none (a click on such a notification
// does what the desktop does; nothing is waited for).
func TestNotificationWithoutActions(t *testing.T) {
	srv := startNotifyServer(t, "body")
	n, err := NewNotifier("Knowflow", AppID, func(f func()) { f() })
	if err != nil {
		t.Fatal(err)
	}
	defer n.Close()
	if err := n.Send("Knowflow: 1 share due", "for Ana: …", func() { t.Error("ran") }); err != nil {
		t.Fatal(err)
	}
	if a := srv.last(t).actions; len(a) != 0 {
		t.Errorf("actions %v sent to a server without them", a)
	}
	if n.opens[srv.last(t).id] != nil {
		t.Error("kept an open function that can never run")
	}
}
