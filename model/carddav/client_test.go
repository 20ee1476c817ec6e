package carddav

import (
	"context"
	"errors"
	"net/http"
	"os"
	"strings"
	"testing"

	"github.com/knowflow/knowflow/feeds/greader/testserver"
)

func TestMain(m *testing.M) { os.Exit(testserver.Main(m)) }

const cardA = "BEGIN:VCARD\r\nVERSION:4.0\r\nUID:a\r\nFN:Ada Lovelace\r\nTEL:+44 1\r\nEND:VCARD\r\n"

// Discovery from the server's root (current-user-principal) and from the
// book's own URL; a wrong password is ErrLogin; --book picks by name.
func TestDiscoverAgainstRadicale(t *testing.T) {
	r := testserver.StartRadicale(t)
	u := r.NewCardDAVUser(t)
	u.MakeBook(t, "work", "Work people")
	ctx := context.Background()
	for _, at := range []string{r.URL, r.URL + "/", r.URL + u.Book} {
		c, err := New(at, u.Name, u.Password, nil)
		if err != nil {
			t.Fatal(err)
		}
		books, err := c.Discover(ctx)
		if err != nil {
			t.Fatalf("%s: %v", at, err)
		}
		if at != r.URL+u.Book && len(books) != 2 {
			t.Errorf("%s: books = %+v, want 2", at, books)
		}
		if b, err := ChooseBook(books, "contacts"); err != nil || b.Path != u.Book {
			t.Errorf("%s: choose contacts = %+v, %v", at, b, err)
		}
	}
	c, _ := New(r.URL, u.Name, u.Password, nil)
	books, _ := c.Discover(ctx)
	if b, err := ChooseBook(books, "work people"); err != nil || b.Path != "/"+u.Name+"/work/" {
		t.Errorf("choose by display name = %+v, %v", b, err)
	}
	if _, err := ChooseBook(books, "nope"); !errors.Is(err, ErrNoBook) || !strings.Contains(err.Error(), "Work people") {
		t.Errorf("choose a missing book: %v", err)
	}
	bad, _ := New(r.URL, u.Name, "wrong", nil)
	if _, err := bad.Discover(ctx); !errors.Is(err, ErrLogin) {
		t.Errorf("wrong password: %v", err)
	}
	if _, err := New("ftp://x", "u", "p", nil); err == nil {
		t.Error("an ftp URL was taken")
	}
}

// Cards are written and read as text with ETags; If-Match and
// If-None-Match guard against overwriting another client's change;
// sync-collection lists what changed since a token.
func TestCardsAgainstRadicale(t *testing.T) {
	r := testserver.StartRadicale(t)
	u := r.NewCardDAVUser(t)
	ctx := context.Background()
	c, err := New(r.URL, u.Name, u.Password, nil)
	if err != nil {
		t.Fatal(err)
	}
	changed, deleted, token, err := c.Changes(ctx, u.Book, "")
	if err != nil || len(changed)+len(deleted) != 0 || token == "" {
		t.Fatalf("empty book: %v %v %q %v", changed, deleted, token, err)
	}
	href := u.Book + "a.vcf"
	etag, err := c.Put(ctx, href, cardA, "")
	if err != nil || etag == "" {
		t.Fatalf("put: %q %v", etag, err)
	}
	if _, err := c.Put(ctx, href, cardA, ""); !errors.Is(err, ErrChanged) {
		t.Errorf("put over an existing card without If-Match: %v", err)
	}
	text, etag2, err := c.Get(ctx, href)
	if err != nil || etag2 != etag || !strings.Contains(text, "TEL:+44 1") {
		t.Fatalf("get: %q %q %v", text, etag2, err)
	}
	changed, _, token2, err := c.Changes(ctx, u.Book, token)
	if err != nil || len(changed) != 1 || changed[0].Href != href || changed[0].ETag != etag {
		t.Fatalf("changes: %+v %v", changed, err)
	}
	// Another client changes it: our If-Match fails.
	u.Do(t, http.MethodPut, href, strings.Replace(cardA, "+44 1", "+44 2", 1), http.StatusCreated)
	if _, err := c.Put(ctx, href, cardA, etag); !errors.Is(err, ErrChanged) {
		t.Errorf("put over another client's change: %v", err)
	}
	if err := c.Delete(ctx, href, etag); !errors.Is(err, ErrChanged) {
		t.Errorf("delete over another client's change: %v", err)
	}
	list, err := c.List(ctx, u.Book)
	if err != nil || len(list) != 1 || list[0].Href != href || list[0].ETag == etag {
		t.Fatalf("list: %+v %v", list, err)
	}
	if err := c.Delete(ctx, href, list[0].ETag); err != nil {
		t.Fatal(err)
	}
	if err := c.Delete(ctx, href, list[0].ETag); err != nil {
		t.Errorf("delete of a card already gone: %v", err)
	}
	if _, _, err := c.Get(ctx, href); !errors.Is(err, ErrGone) {
		t.Errorf("get of a deleted card: %v", err)
	}
	_, deleted, _, err = c.Changes(ctx, u.Book, token2)
	if err != nil || len(deleted) != 1 || deleted[0] != href {
		t.Errorf("changes after delete: %v %v", deleted, err)
	}
}

// A book is chosen by its path too, which names one book even when two
// share a display name (the window passes the path of the one chosen).
func TestChooseBookByPath(t *testing.T) {
	books := []Book{{Path: "/ana/contacts/", Name: "Contacts"}, {Path: "/ana/shared/", Name: "Contacts"}}
	for name, want := range map[string]string{
		"/ana/shared/": "/ana/shared/",
		"/ana/shared":  "/ana/shared/",
		"Contacts":     "/ana/contacts/",
		"shared":       "/ana/shared/",
		"":             "/ana/contacts/",
	} {
		if b, err := ChooseBook(books, name); err != nil || b.Path != want {
			t.Errorf("ChooseBook(%q) = %+v, %v; want %s", name, b, err, want)
		}
	}
	if _, err := ChooseBook(books, "/bo/contacts/"); !errors.Is(err, ErrNoBook) {
		t.Errorf("another user's path: %v", err)
	}
}
