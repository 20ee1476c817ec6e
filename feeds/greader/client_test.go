package greader

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/knowflow/knowflow/feeds/greader/testserver"
)

func TestLoginRefusedAndTokenChecked(t *testing.T) {
	mf := testserver.StartMiniflux(t)
	u := mf.NewUser(t)
	ctx := context.Background()
	if _, err := Login(ctx, nil, mf.URL, u.GReaderUser, "wrong"); !isErr(err, ErrLogin) {
		t.Fatalf("wrong password: %v, want ErrLogin", err)
	}
	c := login(t, mf, u)
	must(t, c.CheckToken(ctx))
	bad := New(mf.URL, u.GReaderUser+"/0000", nil)
	if err := bad.CheckToken(ctx); !isErr(err, ErrToken) {
		t.Fatalf("bad token: %v, want ErrToken", err)
	}
	if strings.Contains(bad.CheckToken(ctx).Error(), "0000") {
		t.Fatal("the error shows the token")
	}
	if _, err := Login(ctx, nil, mf.URL+"/nothing-here", u.GReaderUser, u.Password); err == nil {
		t.Fatal("login at a wrong address worked")
	}
}

func TestClientAgainstMiniflux(t *testing.T) {
	mf := testserver.StartMiniflux(t)
	u := mf.NewUser(t)
	fs := newFeedServer(t)
	ctx := context.Background()
	c := login(t, mf, u)

	// subscribe through the API, into a new folder
	must(t, c.Subscribe(ctx, fs.feed("/a.xml", "A one", "A two", "A three"), "Feed A", "Tech"))
	u.Subscribe(t, fs.feed("/b.xml", "B one"), "News")
	subs, err := c.Subscriptions(ctx)
	must(t, err)
	if len(subs) != 2 {
		t.Fatalf("subscriptions = %+v", subs)
	}
	var a Subscription
	for _, s := range subs {
		if s.Title == "Feed A" {
			a = s
		}
	}
	if a.ID == "" || !slices.Equal(a.Folders, []string{"Tech"}) || a.URL != fs.URL+"/a.xml" {
		t.Fatalf("feed A = %+v", a)
	}
	labels, err := c.Labels(ctx)
	must(t, err)
	if !slices.Contains(labels, "Tech") || !slices.Contains(labels, "News") {
		t.Fatalf("labels = %v", labels)
	}

	// item ids, with a page size that needs the continuation
	ids, err := c.StreamIDs(ctx, IDsQuery{Stream: StreamReadingList, PageSize: 2})
	must(t, err)
	if len(ids) != 4 {
		t.Fatalf("ids = %v, want 4", ids)
	}
	future, err := c.StreamIDs(ctx, IDsQuery{Stream: StreamReadingList, Since: time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC)})
	must(t, err)
	if len(future) != 0 {
		t.Fatalf("ot in the future listed %v", future)
	}
	items, err := c.Contents(ctx, ids)
	must(t, err)
	if len(items) != 4 {
		t.Fatalf("contents = %d items", len(items))
	}
	var one Item
	for _, it := range items {
		if it.Title == "A one" {
			one = it
		}
	}
	if one.Feed != a.ID || one.Link != fs.URL+"/a.xml/a-one" || one.Read || one.Starred || !strings.Contains(one.Content, "Text of A one") {
		t.Fatalf("item = %+v", one)
	}

	// read and starred through edit-tag, seen in Miniflux's REST API
	must(t, c.EditTag(ctx, StreamRead, true, []int64{one.ID}))
	must(t, c.EditTag(ctx, StreamStarred, true, []int64{one.ID}))
	e := u.EntryByTitle(t, "A one")
	if e.Status != "read" || !e.Starred {
		t.Fatalf("server entry = %+v", e)
	}
	unread, err := c.StreamIDs(ctx, IDsQuery{Stream: StreamReadingList, ExcludeRead: true})
	must(t, err)
	starred, err := c.StreamIDs(ctx, IDsQuery{Stream: StreamStarred})
	must(t, err)
	if len(unread) != 3 || slices.Contains(unread, one.ID) || !slices.Equal(starred, []int64{one.ID}) {
		t.Fatalf("unread %v starred %v", unread, starred)
	}

	// move, rename, unsubscribe
	must(t, c.EditSubscription(ctx, a.ID, "Renamed", "Later"))
	must(t, c.Unsubscribe(ctx, a.ID))
	fsv := u.Feeds(t)
	if len(fsv) != 1 || fsv[0].Title == "Renamed" {
		t.Fatalf("server feeds = %+v", fsv)
	}
}

func TestParseItemID(t *testing.T) {
	for in, want := range map[string]int64{
		"12345": 12345, "000000000000048c": 0x48c,
		"tag:google.com,2005:reader/item/00000000148b9369": 0x148b9369,
		"tag:google.com,2005:reader/item/2f2":              0x2f2,
	} {
		got, err := ParseItemID(in)
		if err != nil || got != want {
			t.Errorf("ParseItemID(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	if longID(0x48c) != "tag:google.com,2005:reader/item/000000000000048c" {
		t.Error(longID(0x48c))
	}
}
