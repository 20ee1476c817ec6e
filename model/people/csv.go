package people

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/knowflow/knowflow/model"
)

// ParseLinkedIn reads LinkedIn's Connections.csv. Recent exports start
// with a few lines of notes before the header; older ones start with the
// header First Name,Last Name,URL,Email Address,Company,Position,Connected
// On (columns may come in any order; First Name, Last Name and URL are
// required).
//
// Each row is a contact in the network circle: First and Last Name joined
// are the name, URL is a profile handle, Email Address (often empty) an
// e-mail, Company the organisation, Position the role, and Connected On
// goes into the notes as "LinkedIn connection since 15 Mar 2023". A row
// with no name, URL or e-mail (LinkedIn writes these for closed accounts)
// is skipped; a row with no name but a URL or e-mail is an error. The same
// file saved by Excel as "Unicode Text" (UTF-16, tab-separated) reads the
// same.
func ParseLinkedIn(r io.Reader) ([]Imported, error) {
	const f = FormatLinkedIn
	cr := csvReader(r)
	cr.FieldsPerRecord = -1 // the preamble's records vary
	var cols map[string]int
	for i := 0; cols == nil; i++ {
		rec, err := cr.Read()
		if err == io.EOF {
			return nil, &Error{Format: f, Err: fmt.Errorf("no header First Name,Last Name,URL,...: %w", ErrNoContacts)}
		}
		if err != nil {
			return nil, csvError(f, err)
		}
		cols = linkedInHeader(rec)
		if cols == nil && i >= maxPreamble {
			line, _ := cr.FieldPos(0)
			return nil, &Error{Format: f, Line: line, Err: errors.New("no header First Name,Last Name,URL,Email Address,Company,Position,Connected On in the first lines")}
		}
		if cols != nil {
			cr.FieldsPerRecord = len(rec)
		}
	}
	field := func(rec []string, name string) string {
		if i, ok := cols[name]; ok {
			return strings.TrimSpace(rec[i])
		}
		return ""
	}
	var out []Imported
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, csvError(f, err)
		}
		line, _ := cr.FieldPos(0)
		name := strings.Join(strings.Fields(field(rec, "First Name")+" "+field(rec, "Last Name")), " ")
		profile, email := field(rec, "URL"), field(rec, "Email Address")
		if name == "" {
			if profile == "" && email == "" {
				continue
			}
			return nil, &Error{Format: f, Line: line, Err: errors.New("no name (First Name and Last Name are empty)")}
		}
		c := model.Contact{
			Name:         name,
			Circles:      []model.Circle{model.CircleNetwork},
			Organisation: field(rec, "Company"),
			Role:         field(rec, "Position"),
		}
		if email != "" {
			c.Emails = []string{email}
		}
		if profile != "" {
			c.Handles = []model.Handle{{Kind: model.HandleProfile, Value: profile}}
		}
		if on := field(rec, "Connected On"); on != "" {
			c.Notes = "LinkedIn connection since " + on
		}
		if err := c.Normalize(); err != nil {
			return nil, &Error{Format: f, Line: line, Err: err}
		}
		out = append(out, Imported{Contact: c, Line: line})
	}
	if len(out) == 0 {
		return nil, &Error{Format: f, Err: ErrNoContacts}
	}
	return Merge(out), nil
}

// ParseMastodon reads Mastodon's following_accounts.csv, whose header is
// Account address,Show boosts,Notify on new posts,Languages (older exports
// have only the first two columns). Each account USER@HOST becomes a
// contact in the network circle named "USER@HOST" (nothing better is
// known), with that Mastodon handle and the feed https://HOST/@USER.rss.
// The other columns are ignored.
func ParseMastodon(r io.Reader) ([]Imported, error) {
	const f = FormatMastodon
	cr := csvReader(r)
	cr.FieldsPerRecord = -1
	rec, err := cr.Read()
	if err == io.EOF {
		return nil, &Error{Format: f, Err: ErrNoContacts}
	}
	if err != nil {
		return nil, csvError(f, err)
	}
	if !isMastodonHeader(rec) {
		line, _ := cr.FieldPos(0)
		return nil, &Error{Format: f, Line: line, Err: errors.New("no header Account address,Show boosts,...")}
	}
	cr.FieldsPerRecord = len(rec)
	var out []Imported
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, csvError(f, err)
		}
		line, _ := cr.FieldPos(0)
		handle, ok := accountAddress(rec[0])
		if !ok {
			return nil, &Error{Format: f, Line: line, Err: fmt.Errorf("%q is not an account address like user@host", strings.TrimSpace(rec[0]))}
		}
		user, host, _ := strings.Cut(handle, "@")
		c := model.Contact{
			Name:    handle,
			Handles: []model.Handle{{Kind: model.HandleMastodon, Value: handle}},
			Circles: []model.Circle{model.CircleNetwork},
		}
		if err := c.Normalize(); err != nil {
			return nil, &Error{Format: f, Line: line, Err: err}
		}
		out = append(out, Imported{Contact: c, Feeds: []string{"https://" + host + "/@" + user + ".rss"}, Line: line})
	}
	if len(out) == 0 {
		return nil, &Error{Format: f, Err: ErrNoContacts}
	}
	return Merge(out), nil
}

// accountAddress checks a Mastodon account address "user@host" (a leading
// "@" is allowed) and returns it lower-cased.
func accountAddress(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if strings.Contains(s, "://") {
		return "", false
	}
	h, err := model.NormalizeMastodon(s)
	if err != nil {
		return "", false
	}
	user, host, _ := strings.Cut(h, "@")
	if strings.ContainsAny(user+host, "?#\\\"<>,;") || strings.HasPrefix(host, ".") || strings.HasSuffix(host, ".") {
		return "", false
	}
	return h, true
}

// csvReader reads r's records, decoded as textReader does, separated by
// commas or, in what Excel saves as "Unicode Text", by tabs (the separator
// of the header found in the first HeadSize bytes).
func csvReader(r io.Reader) *csv.Reader {
	br := bufio.NewReaderSize(textReader(r), HeadSize)
	head, _ := br.Peek(HeadSize)
	cr := csv.NewReader(br)
	_, cr.Comma = sniffCSV(head)
	return cr
}

// csvError turns an encoding/csv error into an *Error naming its line.
func csvError(f Format, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		if errors.Is(pe.Err, csv.ErrFieldCount) {
			return &Error{Format: f, Line: pe.Line, Err: pe.Err}
		}
		return &Error{Format: f, Line: pe.Line, Err: fmt.Errorf("column %d: %w", pe.Column, pe.Err)}
	}
	return &Error{Format: f, Err: err}
}
