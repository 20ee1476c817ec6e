package service

import (
	"context"
	"fmt"
	"time"

	"github.com/knowflow/knowflow/model"
	"github.com/knowflow/knowflow/model/flow"
	"github.com/knowflow/knowflow/model/suggest"
)

// Share's use cases: the engine's glue, written once for the window's
// background run, its Ideas dialog and the command line.

// Suggestions is one run of the engine.
type Suggestions struct {
	At    time.Time          // the run's "now"
	List  []model.Suggestion // sorted by when, then score
	Prefs model.Prefs        // the preferences the run used
}

// Suggest learns from what arrived since the last run (bounded, in short
// transactions), loads the engine's input as of now and runs it. It is
// the window's background run and the CLI's suggest; both call it off the
// UI goroutine.
func (s *Service) Suggest(ctx context.Context, now time.Time) (Suggestions, error) {
	ctx, done, err := s.begin(ctx)
	if err != nil {
		return Suggestions{}, err
	}
	defer done()
	in, err := s.input(ctx, now, 0, true)
	if err != nil {
		return Suggestions{}, err
	}
	list, err := suggest.SuggestContext(ctx, in)
	if err != nil { // closing, or past the caller's deadline: the run stopped
		return Suggestions{}, fmt.Errorf("service: suggest: %w", err)
	}
	return Suggestions{At: now, List: list, Prefs: in.Prefs}, nil
}

// Overdue lists the people not in touch for too long as of now
// (flow.Build over the last week), for the tray and its reminders.
func (s *Service) Overdue(ctx context.Context, now time.Time) ([]flow.PersonFlow, error) {
	ctx, done, err := s.begin(ctx)
	if err != nil {
		return nil, err
	}
	defer done()
	fin, err := s.FlowInput(ctx, now, 1)
	if err != nil {
		return nil, err
	}
	r, err := flow.BuildContext(ctx, fin)
	if err != nil {
		return nil, fmt.Errorf("service: overdue: %w", err)
	}
	return r.Overdue, nil
}

// Ideas lists what suits one person now, best first, at most limit (0:
// all): suggest.IdeasFor on what Suggest would read.
func (s *Service) Ideas(ctx context.Context, now time.Time, contactID int64, limit int) ([]model.Suggestion, error) {
	ctx, done, err := s.begin(ctx)
	if err != nil {
		return nil, err
	}
	defer done()
	in, err := s.input(ctx, now, 0, true)
	if err != nil {
		return nil, err
	}
	ideas, err := suggest.IdeasForContext(ctx, in, contactID, now, limit)
	if err != nil {
		return nil, fmt.Errorf("service: ideas: %w", err)
	}
	return ideas, nil
}

// Rank lists every recipient each recent item suits (suggest.Rank) over
// the items of span before now, with the engine's input it read (for the
// items' details).
func (s *Service) Rank(ctx context.Context, now time.Time, span time.Duration) ([]model.Suggestion, suggest.Input, error) {
	ctx, done, err := s.begin(ctx)
	if err != nil {
		return nil, suggest.Input{}, err
	}
	defer done()
	in, err := s.input(ctx, now, span, false)
	if err != nil {
		return nil, in, err
	}
	ranked, err := suggest.RankContext(ctx, in)
	if err != nil {
		return nil, in, fmt.Errorf("service: rank: %w", err)
	}
	return ranked, in, nil
}

// input loads the engine's input as of now over window (0: the
// preference, Prefs.SuggestDays), after learning
// what arrived since the last run when learn is set.
func (s *Service) input(ctx context.Context, now time.Time, window time.Duration, learn bool) (suggest.Input, error) {
	if learn {
		if err := s.LearnRecent(ctx); err != nil {
			return suggest.Input{}, err
		}
	}
	return s.SuggestInput(ctx, now, window)
}
