package lexicon

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"fmt"
	"io"
)

// unpack gunzips an embedded table and checks that it starts with magic;
// it returns the table and the position after the header.
func unpack(gz []byte, magic string) ([]byte, int, error) {
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		return nil, 0, err
	}
	raw, err := io.ReadAll(zr)
	if err != nil {
		return nil, 0, err
	}
	if !bytes.HasPrefix(raw, []byte(magic)) {
		return nil, 0, fmt.Errorf("bad table header")
	}
	return raw, len(magic), nil
}

// uvarint reads the varint at raw[*p] and moves *p past it.
func uvarint(raw []byte, p *int) (uint64, error) {
	v, n := binary.Uvarint(raw[*p:])
	if n <= 0 {
		return 0, fmt.Errorf("bad varint at %d", *p)
	}
	*p += n
	return v, nil
}
