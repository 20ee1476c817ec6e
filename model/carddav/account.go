package carddav

import (
	"context"
	"net/http"
	"strings"

	"github.com/knowflow/knowflow/model/secrets"
	"github.com/knowflow/knowflow/model/store"
)

// AddAccount logs in to the server at serverURL, finds the user's address
// books and chooses one (named bookName, else the first), then stores the
// account, its book and its password (in sec, never in the database).
// Nothing is stored when a step fails. hc nil is http.DefaultClient.
func AddAccount(ctx context.Context, st *store.Store, sec secrets.Secrets, hc *http.Client, serverURL, user, password, bookName string) (store.Account, Book, error) {
	serverURL = strings.TrimRight(strings.TrimSpace(serverURL), "/")
	c, err := New(serverURL, user, password, hc)
	if err != nil {
		return store.Account{}, Book{}, err
	}
	books, err := c.Discover(ctx)
	if err != nil {
		return store.Account{}, Book{}, err
	}
	book, err := ChooseBook(books, bookName)
	if err != nil {
		return store.Account{}, Book{}, err
	}
	a, err := st.AddAccount(ctx, store.Account{Kind: Kind, URL: serverURL, User: user})
	if err != nil {
		return a, book, err
	}
	err = st.SetCardBook(ctx, store.CardBook{Account: a.ID, Path: book.Path, Name: book.Name})
	if err == nil {
		err = sec.Set(a.ID, password)
	}
	if err != nil {
		st.RemoveAccount(context.WithoutCancel(ctx), a.ID)
		return store.Account{}, book, err
	}
	return a, book, nil
}
