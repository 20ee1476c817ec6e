package ui

import (
	"context"
	"time"

	"fyne.io/fyne/v2"

	"github.com/knowflow/knowflow/model"
	"github.com/knowflow/knowflow/model/store"
)

// The window notices changes made by another process (the CLI, a cron
// job): every watchInterval a worker asks SQLite whether the database
// changed since it last asked (store.Watcher: PRAGMA data_version, a
// cheap read on a connection of its own), and on a change the window
// reloads the sidebar, the list and the item open, keeping the selection
// and the scroll where it can. The UI goroutine never waits for it.

// watchInterval is how often the window asks.
const watchInterval = 2 * time.Second

// watchStore is the window's: the watcher of other processes' changes.
type watchStore interface {
	lifetime
	Watch(ctx context.Context) (*store.Watcher, error)
}

// startWatching opens the watcher on a worker, then polls every
// watchInterval until the app quits (which closes the watcher).
func (u *App) startWatching(loop bool) {
	st := u.watchSt
	u.run.work(func() {
		w, err := st.Watch(st.Context())
		if err == nil {
			context.AfterFunc(st.Context(), func() { w.Close() })
		}
		u.run.ui(func() {
			if err != nil {
				fyne.LogError("watching the database for other programs' changes", err)
				return
			}
			u.watcher = w
			if loop {
				u.run.after(watchInterval, u.pollLoop)
			}
		})
	})
}

// pollLoop polls, then polls again after watchInterval.
func (u *App) pollLoop() {
	u.pollChanges(func() { u.run.after(watchInterval, u.pollLoop) })
}

// pollChanges asks a worker whether another process changed the
// database; on a change it reloads what the window shows; then runs next
// (nil: nothing) on the UI goroutine. Nothing is asked once the app is
// quitting.
func (u *App) pollChanges(next func()) {
	w, life := u.watcher, u.watchSt.Context()
	if w == nil || life.Err() != nil {
		return
	}
	u.run.work(func() {
		ctx, cancel := context.WithTimeout(life, 5*time.Second)
		changed, err := w.Changed(ctx)
		cancel()
		u.run.ui(func() {
			if life.Err() != nil {
				return
			}
			switch {
			case err == nil && changed:
				u.otherChanged()
			case err == nil:
				u.otherSettled()
			}
			if next != nil {
				next()
			}
		})
	})
}

// heavyPolls is how many polls in a row may find another program's
// changes before the sections other than Seek are read again anyway.
const heavyPolls = 30 // a minute

// otherChanged reloads after a change of the database. Seek is read
// again at once, keeping its selection and scroll. The rest (Share,
// People, Flow and a new suggestion run, seconds of work for the engine
// at 100,000 items) waits until the other program pauses: a poll that
// finds nothing new after polls that did (otherSettled), or heavyPolls
// polls of changes in a row. A refresh in another process writes for
// minutes; running the engine every two seconds beside it took the CPU
// the window needs to draw. SQLite counts the window's own writes too:
// when the reader wrote since the last poll (read and starred flags
// while reading), only Seek is read again, so that reading does not
// rerun the suggestions every two seconds.
func (u *App) otherChanged() {
	s := u.seek
	u.seek.keepNext = true
	if s.queued == u.polledQueued && s.writing == 0 {
		u.otherPolls++
		if u.otherPolls >= heavyPolls {
			u.otherPolls = 0
			u.Reload()
			return
		}
	}
	u.polledQueued = s.queued
	u.reloadSeekOnce()
}

// reloadSeekOnce reads the summary on a worker, then Seek's tree and
// listing together (reloadOnce).
func (u *App) reloadSeekOnce() {
	async(u, appStore(u.store), &u.watchGen, 5*time.Second, func(ctx context.Context, st appStore) (store.Summary, error) {
		return st.Summary(ctx)
	}, func(sum store.Summary, err error) {
		if err == nil {
			u.seek.reloadOnce(sum)
		}
	})
}

// otherSettled: a poll found nothing new after others' changes; the
// sections that waited for the pause are read again, and Seek when the
// changes came while it was hidden.
func (u *App) otherSettled() {
	if u.seek.hiddenChange && u.Section() == SectionSeek {
		u.reloadSeekOnce()
	}
	if u.otherPolls == 0 {
		return
	}
	u.otherPolls = 0
	async(u, appStore(u.store), &u.reloadGen, 5*time.Second, func(ctx context.Context, st appStore) (store.Summary, error) {
		return st.Summary(ctx)
	}, func(sum store.Summary, err error) {
		if err == nil {
			u.reloadOthers(sum)
		}
	})
}

// restoreSelection scrolls the list back to offset and selects item id
// again, when the new listing still holds it.
func (s *seekScreen) restoreSelection(id int64, offset float32) {
	s.list.ScrollToOffset(offset)
	for i, it := range s.items {
		if it.ID == id {
			s.restoring = true
			s.list.Select(i)
			s.restoring = false
			return
		}
	}
}

// reselected is the item open, selected again after a reload: only its
// flags may have changed; its body and note stay as they are.
func (s *seekScreen) reselected(it model.Item) {
	s.current.Read, s.current.Starred = it.Read, it.Starred
	s.updateItemButtons()
}
