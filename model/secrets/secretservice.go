package secrets

import (
	"context"
	"errors"
	"fmt"
	"os"
	"sync"
	"time"

	"github.com/godbus/dbus/v5"

	"github.com/knowflow/knowflow/model/sessionbus"
)

// The Secret Service API (https://specifications.freedesktop.org/secret-service/),
// spoken by gnome-keyring-daemon and KWallet.
const (
	ssName      = "org.freedesktop.secrets"
	ssPath      = dbus.ObjectPath("/org/freedesktop/secrets")
	ssService   = "org.freedesktop.Secret.Service"
	ssColl      = "org.freedesktop.Secret.Collection"
	ssItem      = "org.freedesktop.Secret.Item"
	ssPrompt    = "org.freedesktop.Secret.Prompt"
	noPrompt    = dbus.ObjectPath("/")
	contentType = "text/plain; charset=utf8"
)

// Timeouts: how long the bus and the Secret Service have to answer, and
// how long a person has to type the keyring's password in its prompt.
var (
	connectTimeout = 3 * time.Second
	callTimeout    = 10 * time.Second
	promptTimeout  = 2 * time.Minute
)

// secret is the Secret Service's Secret struct, (oayays).
type secret struct {
	Session     dbus.ObjectPath
	Parameters  []byte
	Value       []byte
	ContentType string
}

// service is a Secret Service session on a session bus: its default
// collection, where items are made, and a "plain" session (the secret
// travels on the user's own bus, as libsecret's plain sessions do).
type service struct {
	conn    *dbus.Conn
	session dbus.ObjectPath
	coll    dbus.ObjectPath
}

// conns holds one connection per bus address for the whole process
// (as libsecret does), made again when it was closed.
var conns struct {
	sync.Mutex
	m map[string]*dbus.Conn
}

// connect returns the process's connection to the bus at addr, giving up
// after connectTimeout (a socket that accepts and never answers).
func connect(addr string) (*dbus.Conn, error) {
	conns.Lock()
	defer conns.Unlock()
	if c := conns.m[addr]; c != nil && c.Connected() {
		return c, nil
	}
	c, err := sessionbus.Dial(addr, connectTimeout)
	if err != nil {
		return nil, err
	}
	if conns.m == nil {
		conns.m = map[string]*dbus.Conn{}
	}
	conns.m[addr] = c
	return c, nil
}

// openService opens a session with the Secret Service on the bus at addr
// and finds its default collection. It never starts a Secret Service
// (no D-Bus activation: the keyring is used when one runs). A locked
// default collection is an error when no desktop could show the prompt
// that unlocks it.
func openService(addr string) (*service, error) {
	conn, err := connect(addr)
	if err != nil {
		return nil, err
	}
	s := &service{conn: conn}
	var out dbus.Variant
	if err := s.callWithin(connectTimeout, ssPath, ssService+".OpenSession", "plain", dbus.MakeVariant("")).Store(&out, &s.session); err != nil {
		return nil, fmt.Errorf("no Secret Service: %w", err)
	}
	if err := s.callWithin(connectTimeout, ssPath, ssService+".ReadAlias", "default").Store(&s.coll); err != nil {
		s.close()
		return nil, fmt.Errorf("the Secret Service has no default keyring: %w", err)
	}
	if s.coll == noPrompt {
		s.close()
		return nil, errors.New("the Secret Service has no default keyring")
	}
	locked, err := s.locked(s.coll, ssColl)
	if err == nil && locked && !canPrompt() {
		err = ErrLocked
	}
	if err != nil {
		s.close()
		return nil, err
	}
	return s, nil
}

// close closes the session (the connection stays, for the process).
func (s *service) close() {
	s.callWithin(connectTimeout, s.session, "org.freedesktop.Secret.Session.Close")
}

// call calls a method of the Secret Service, which has callTimeout to
// answer.
func (s *service) call(path dbus.ObjectPath, method string, args ...any) *dbus.Call {
	return s.callWithin(callTimeout, path, method, args...)
}

func (s *service) callWithin(d time.Duration, path dbus.ObjectPath, method string, args ...any) *dbus.Call {
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	return s.conn.Object(ssName, path).CallWithContext(ctx, method, dbus.FlagNoAutoStart, args...)
}

func (s *service) locked(path dbus.ObjectPath, iface string) (bool, error) {
	var v dbus.Variant
	if err := s.call(path, "org.freedesktop.DBus.Properties.Get", iface, "Locked").Store(&v); err != nil {
		return false, err
	}
	b, _ := v.Value().(bool)
	return b, nil
}

// search returns the items with these attributes, unlocked first.
func (s *service) search(attrs map[string]string) (unlocked, locked []dbus.ObjectPath, err error) {
	err = s.call(ssPath, ssService+".SearchItems", attrs).Store(&unlocked, &locked)
	return unlocked, locked, err
}

// unlock unlocks objects (items or collections), through the prompt the
// Secret Service asks for when a desktop can show it.
func (s *service) unlock(objects []dbus.ObjectPath) error {
	var unlocked []dbus.ObjectPath
	var prompt dbus.ObjectPath
	if err := s.call(ssPath, ssService+".Unlock", objects).Store(&unlocked, &prompt); err != nil {
		return err
	}
	_, err := s.complete(prompt)
	return err
}

// complete runs the prompt p a call returned, unless it is "/" (none):
// ErrLocked when no desktop can show it or the person dismissed it.
func (s *service) complete(p dbus.ObjectPath) (dbus.Variant, error) {
	if p == noPrompt {
		return dbus.Variant{}, nil
	}
	if !canPrompt() {
		s.call(p, ssPrompt+".Dismiss")
		return dbus.Variant{}, ErrLocked
	}
	dismissed, result, err := s.prompt(p)
	if err != nil {
		return result, err
	}
	if dismissed {
		return result, ErrLocked
	}
	return result, nil
}

// canPrompt: a desktop is there to show the Secret Service's prompts.
func canPrompt() bool {
	return os.Getenv("DISPLAY") != "" || os.Getenv("WAYLAND_DISPLAY") != ""
}

// prompt runs a Secret Service prompt and waits for its Completed signal,
// at most promptTimeout (then it is dismissed).
func (s *service) prompt(p dbus.ObjectPath) (dismissed bool, result dbus.Variant, err error) {
	match := []dbus.MatchOption{dbus.WithMatchObjectPath(p), dbus.WithMatchInterface(ssPrompt), dbus.WithMatchMember("Completed")}
	if err := s.conn.AddMatchSignal(match...); err != nil {
		return false, result, err
	}
	defer s.conn.RemoveMatchSignal(match...)
	ch := make(chan *dbus.Signal, 8)
	s.conn.Signal(ch)
	defer s.conn.RemoveSignal(ch)
	ctx, cancel := context.WithTimeout(context.Background(), promptTimeout)
	defer cancel()
	if err := s.call(p, ssPrompt+".Prompt", "").Err; err != nil {
		return false, result, err
	}
	for {
		select {
		case sig, ok := <-ch:
			if !ok {
				return false, result, errors.New("the session bus closed")
			}
			if sig.Path != p || sig.Name != ssPrompt+".Completed" || len(sig.Body) != 2 {
				continue
			}
			dismissed, _ = sig.Body[0].(bool)
			result, _ = sig.Body[1].(dbus.Variant)
			return dismissed, result, nil
		case <-ctx.Done():
			s.call(p, ssPrompt+".Dismiss")
			return true, result, nil
		}
	}
}

// get returns the secret of the first item with attrs, or ErrNone.
func (s *service) get(attrs map[string]string) (string, error) {
	unlocked, locked, err := s.search(attrs)
	if err != nil {
		return "", err
	}
	if len(unlocked) == 0 && len(locked) > 0 {
		if err := s.unlock(locked[:1]); err != nil {
			return "", err
		}
		unlocked = locked[:1]
	}
	if len(unlocked) == 0 {
		return "", ErrNone
	}
	var sec secret
	if err := s.call(unlocked[0], ssItem+".GetSecret", s.session).Store(&sec); err != nil {
		return "", err
	}
	if len(sec.Value) == 0 {
		return "", ErrNone
	}
	return string(sec.Value), nil
}

// set stores value in an item with attrs in the default collection
// (replacing the one there), and deletes any other item with attrs (in
// another collection).
func (s *service) set(label string, attrs map[string]string, value string) error {
	locked, err := s.locked(s.coll, ssColl)
	if err != nil {
		return err
	}
	if locked {
		if err := s.unlock([]dbus.ObjectPath{s.coll}); err != nil {
			return err
		}
	}
	props := map[string]dbus.Variant{
		ssItem + ".Label":      dbus.MakeVariant(label),
		ssItem + ".Attributes": dbus.MakeVariant(attrs),
	}
	sec := secret{Session: s.session, Parameters: []byte{}, Value: []byte(value), ContentType: contentType}
	var item, prompt dbus.ObjectPath
	if err := s.call(s.coll, ssColl+".CreateItem", props, sec, true).Store(&item, &prompt); err != nil {
		return err
	}
	if prompt != noPrompt {
		res, err := s.complete(prompt)
		if err != nil {
			return err
		}
		item, _ = res.Value().(dbus.ObjectPath)
	}
	return s.delete(attrs, item)
}

// delete deletes every item with attrs but keep.
func (s *service) delete(attrs map[string]string, keep dbus.ObjectPath) error {
	unlocked, locked, err := s.search(attrs)
	if err != nil {
		return err
	}
	if len(locked) > 0 {
		if err := s.unlock(locked); err != nil {
			return err
		}
	}
	for _, it := range append(unlocked, locked...) {
		if it == keep {
			continue
		}
		var prompt dbus.ObjectPath
		if err := s.call(it, ssItem+".Delete").Store(&prompt); err != nil {
			return err
		}
		if _, err := s.complete(prompt); err != nil {
			return err
		}
	}
	return nil
}
