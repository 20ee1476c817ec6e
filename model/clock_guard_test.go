package model

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// clockMarker, in a comment on the same line, says why a test may read the
// wall clock there, e.g. "// wall clock: elapsed time only".
const clockMarker = "wall clock:"

// clockPending are test files that others are editing: their wall-clock
// reads are timings only, and their owners mark them (then drop the entry).
var clockPending = map[string]bool{}

// TestNoTestReadsTheWallClock: no test may depend on the day or hour it
// runs. Every *_test.go file in the module is parsed, and each use of
// time.Now, time.Since or time.Until (called or passed as a clock) fails
// unless its line carries a "// wall clock: why" comment.
func TestNoTestReadsTheWallClock(t *testing.T) {
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Fatalf("module root not found above model/: %v", err)
	}
	files := 0
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if path != root && (name == "testdata" || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_")) {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(name, "_test.go") {
			return nil
		}
		rel, _ := filepath.Rel(root, path)
		rel = filepath.ToSlash(rel)
		if clockPending[rel] {
			return nil
		}
		files++
		for _, bad := range wallClockReads(t, path) {
			t.Errorf("%s:%d reads the wall clock (%s): give the test a fixed clock, or mark an elapsed-time use with // %s elapsed time only",
				rel, bad.line, bad.call, clockMarker)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files < 10 {
		t.Fatalf("checked only %d test files under %s", files, root)
	}
}

type clockRead struct {
	line int
	call string
}

// wallClockReads lists the unmarked uses of time.Now, time.Since and
// time.Until in the Go file at path.
func wallClockReads(t *testing.T, path string) []clockRead {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, path, nil, parser.ParseComments|parser.SkipObjectResolution)
	if err != nil {
		t.Errorf("%v", err)
		return nil
	}
	pkg := ""
	for _, imp := range f.Imports {
		if p, _ := strconv.Unquote(imp.Path.Value); p == "time" {
			pkg = "time"
			if imp.Name != nil {
				pkg = imp.Name.Name
			}
		}
	}
	if pkg == "" || pkg == "_" {
		return nil
	}
	marked := map[int]bool{}
	for _, cg := range f.Comments {
		for _, c := range cg.List {
			if strings.Contains(c.Text, clockMarker) {
				marked[fset.Position(c.Slash).Line] = true
			}
		}
	}
	var out []clockRead
	ast.Inspect(f, func(n ast.Node) bool {
		sel, ok := n.(*ast.SelectorExpr)
		if !ok {
			return true
		}
		id, ok := sel.X.(*ast.Ident)
		if !ok || id.Name != pkg {
			return true
		}
		switch sel.Sel.Name {
		case "Now", "Since", "Until":
			if line := fset.Position(sel.Pos()).Line; !marked[line] {
				out = append(out, clockRead{line, pkg + "." + sel.Sel.Name})
			}
		}
		return true
	})
	return out
}
