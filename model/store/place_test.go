package store

import (
	"context"
	"fmt"
	"testing"

	"github.com/knowflow/knowflow/model"
)

// TestImportKeepsOrder: positions read once per transaction still put
// every new source and folder after the existing ones, across imports,
// contacts' feeds and skipped duplicates.
func TestImportKeepsOrder(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	src := func(i int, folder ...string) model.Source {
		return model.Source{Title: fmt.Sprint(i), FeedURL: fmt.Sprintf("https://s%d.example/feed", i), Folder: folder}
	}
	if _, err := s.ImportSources(ctx, []model.Source{src(1, "B"), src(2), src(3, "A", "x")}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SaveContact(ctx, model.Contact{Name: "Ana", Circles: []model.Circle{model.CircleTeam}}, "https://s4.example/feed"); err != nil {
		t.Fatal(err)
	}
	res, err := s.ImportSources(ctx, []model.Source{src(2), src(5, "A"), src(6, "C")})
	if err != nil || res.Added != 2 || res.Skipped != 1 || res.Folders != 1 {
		t.Fatalf("second import: %+v %v", res, err)
	}
	srcs, err := s.Sources(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, x := range srcs {
		got = append(got, x.FeedURL)
	}
	want := []string{"https://s1.example/feed", "https://s2.example/feed", "https://s3.example/feed", "https://s4.example/feed", "https://s5.example/feed", "https://s6.example/feed"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("sources in order %v, want %v", got, want)
	}
	folders, err := s.Folders(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range folders {
		names = append(names, f.Name)
	}
	if fmt.Sprint(names) != "[B A x C]" {
		t.Errorf("folders in order %v, want [B A x C]", names)
	}
}
