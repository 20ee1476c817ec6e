package desktop

import (
	"fmt"
	"slices"
	"sync"

	"github.com/godbus/dbus/v5"

	"github.com/knowflow/knowflow/model/sessionbus"
)

// The freedesktop.org notification service.
const (
	notifyName  = "org.freedesktop.Notifications"
	notifyPath  = dbus.ObjectPath("/org/freedesktop/Notifications")
	notifyIface = notifyName
)

// Notifier sends desktop notifications the user can click: each is sent
// over org.freedesktop.Notifications with a "default" action when the
// server offers actions, and a click (the server's ActionInvoked signal)
// runs the notification's open function. Fyne's SendNotification has no
// actions; this replaces it where a session bus exists.
type Notifier struct {
	conn    *dbus.Conn
	appName string
	icon    string       // a file path or an icon name
	run     func(func()) // runs open where it belongs (fyne.Do)
	actions bool         // the server has the "actions" capability
	sigs    chan *dbus.Signal
	done    chan struct{}

	mu    sync.Mutex
	opens map[uint32]func() // by notification id, until closed
}

// NewNotifier connects to the session bus (its own connection, given up
// after sessionbus.Timeout) and listens for clicks; open
// functions run through run.
func NewNotifier(appName, icon string, run func(func())) (*Notifier, error) {
	conn, err := sessionbus.Dial(sessionbus.Address(), sessionbus.Timeout)
	if err != nil {
		return nil, fmt.Errorf("notifications: %w", err)
	}
	n := &Notifier{conn: conn, appName: appName, icon: icon, run: run,
		sigs: make(chan *dbus.Signal, 16), done: make(chan struct{}), opens: map[uint32]func(){}}
	if err := conn.AddMatchSignal(dbus.WithMatchObjectPath(notifyPath), dbus.WithMatchInterface(notifyIface)); err != nil {
		conn.Close()
		return nil, fmt.Errorf("notifications: %w", err)
	}
	conn.Signal(n.sigs)
	go n.listen()
	return n, nil
}

// Actions reports whether the server lets the user click a notification;
// asked on each call, since a notification daemon may start later.
func (n *Notifier) Actions() bool {
	var caps []string
	err := n.conn.Object(notifyName, notifyPath).Call(notifyIface+".GetCapabilities", 0).Store(&caps)
	return err == nil && slices.Contains(caps, "actions")
}

// Send shows a notification; a click on it runs open (when not nil and
// the server offers actions).
func (n *Notifier) Send(title, body string, open func()) error {
	var actions []string
	if open != nil && n.Actions() {
		actions = []string{"default", "Open"}
	}
	hints := map[string]dbus.Variant{"desktop-entry": dbus.MakeVariant(AppID)}
	var id uint32
	err := n.conn.Object(notifyName, notifyPath).Call(notifyIface+".Notify", 0,
		n.appName, uint32(0), n.icon, title, body, actions, hints, int32(-1)).Store(&id)
	if err != nil {
		return fmt.Errorf("notification: %w", err)
	}
	if actions != nil {
		n.mu.Lock()
		n.opens[id] = open
		n.mu.Unlock()
	}
	return nil
}

// listen runs the open function of a clicked notification and forgets
// closed ones.
func (n *Notifier) listen() {
	defer close(n.done)
	for sig := range n.sigs {
		if len(sig.Body) < 2 {
			continue
		}
		id, _ := sig.Body[0].(uint32)
		n.mu.Lock()
		open := n.opens[id]
		if sig.Name == notifyIface+".NotificationClosed" {
			delete(n.opens, id)
		}
		n.mu.Unlock()
		if key, _ := sig.Body[1].(string); open != nil && sig.Name == notifyIface+".ActionInvoked" && key == "default" {
			n.run(open)
		}
	}
}

// Close disconnects; no click is heard after it returns.
func (n *Notifier) Close() error {
	err := n.conn.Close() // closes sigs
	<-n.done
	return err
}
