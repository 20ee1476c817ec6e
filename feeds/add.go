package feeds

import (
	"context"
	"fmt"

	"github.com/knowflow/knowflow/feeds/discover"
	"github.com/knowflow/knowflow/model"
)

// AddResult says what Add did.
type AddResult struct {
	Source  model.Source
	New     bool           // false when the feed was already subscribed
	Refresh RefreshSummary // the first fetch of a new source
}

// Add subscribes to rawURL: a feed URL, or a web page whose feed is
// discovered. folder is a "/"-separated folder path ("" for none). A feed
// already subscribed is reported, not duplicated. A new source is fetched
// at once so its items show up.
func (s *Service) Add(ctx context.Context, rawURL, folder string) (AddResult, error) {
	var res AddResult
	norm, err := discover.NormalizeURL(rawURL)
	if err != nil {
		return res, err
	}
	if src, err := s.Store.SourceByURL(ctx, norm); err == nil {
		return AddResult{Source: src}, nil
	}
	// Find gets what the user typed: for an address without a scheme it
	// tries https, then http.
	found, err := discover.Find(ctx, s.fetcher(), rawURL)
	if err != nil {
		return res, err
	}
	if len(found) == 0 {
		return res, fmt.Errorf("feeds: no feed found at %s", rawURL)
	}
	f := found[0]
	src, isNew, err := s.Store.AddSource(ctx, model.Source{
		Title:   f.Title,
		FeedURL: f.URL,
		Folder:  model.ParseFolderPath(folder),
	})
	if err != nil {
		return res, err
	}
	res.Source, res.New = src, isNew
	if !isNew {
		return res, nil
	}
	res.Refresh, err = s.Refresh(ctx, RefreshOptions{SourceIDs: []int64{src.ID}})
	if err != nil {
		return res, err
	}
	if res.Source, err = s.Store.Source(ctx, src.ID); err != nil {
		return res, err
	}
	return res, nil
}
