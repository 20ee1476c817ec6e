// Command gen builds the lexicon table (wordnet.gz) from the WordNet 3.0
// database files shipped by Debian's wordnet-base package.
//
//	go run ./internal/gen -wordnet /usr/share/wordnet -out wordnet.gz
//
// It reads data.{noun,verb,adj,adv} (synsets: lemmas with lex ids),
// index.{noun,verb,adj,adv} (sense order) and cntlist.rev (tag counts), and
// writes a gzip-compressed, deterministic table: the same input gives the
// same bytes on every run. Nothing in the table is typed by hand; the only
// hand-written things here are the rules (variant spelling patterns,
// acronym shape, thresholds) that select pairs WordNet itself lists.
package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"flag"
	"fmt"
	"io"
	"log"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// Table format, version 1 (all integers are unsigned varints):
//
//	"KFLEX1\n"
//	nLemmas, then nLemmas lemmas each ended by '\n', sorted by bytes
//	for each lemma, in that order: nEntries, then per entry
//	    gap to the target lemma index (first from 0, entries sorted by target),
//	    one byte kind (1 synonym, 2 acronym of the source, 3 expansion of the source),
//	    one byte weight q in 1..255 (weight = q/255)
//	nPairs, then per pair two strings each ended by '\n' (spelling variants)
const magic = "KFLEX1\n"

const (
	kindSynonym   = 1
	kindAcronym   = 2 // target is an acronym of the source
	kindExpansion = 3 // target expands the source acronym
)

// Thresholds, measured on WordNet 3.0 (see README.md).
const (
	// minWeight drops synonym pairs whose sense-probability product is
	// below it: at that level the shared sense is a rare one for at least
	// one of the two lemmas.
	minWeight = 0.05
	// minAcronymWeight is lower: an acronym written in the same synset as
	// its expansion is rarely noise, but acronyms carry no tag counts.
	minAcronymWeight = 0.02
	// maxUntaggedSense: a sense with no tag count whose sense number is
	// greater than this is dropped for that lemma.
	maxUntaggedSense = 3
	// minSpellingShare: two variant spellings must share senses that make
	// at least this much of the sense probability of each (measured on
	// WordNet 3.0: timbre/timber shares 0.09 of timber, eagre/eager 0.04 of
	// eager; organised/organized and north-east/northeast share 0.10).
	minSpellingShare = 0.095
)

var posFiles = []struct {
	pos  byte
	name string
}{{'n', "noun"}, {'v', "verb"}, {'a', "adj"}, {'r', "adv"}}

type word struct {
	lemma string // lower-case, single spaces
	orig  string // as WordNet writes it, '_' turned to ' '
	lexID int
}

type synset struct {
	key     string // pos + offset
	lexFile int
	words   []word
	head    string // for adjective satellites: key of the head synset
}

// sense is one synset of one lemma.
type sense struct {
	synset string
	pos    byte
	num    int // sense number within the lemma's part of speech, from 1
	tags   int
}

func main() {
	dir := flag.String("wordnet", "/usr/share/wordnet", "WordNet 3.0 dict directory")
	out := flag.String("out", "wordnet.gz", "output file")
	report := flag.Bool("v", false, "print statistics and the derived acronym and spelling lists to stderr")
	sensesOut := flag.String("senses", "", "also write the senses table (see senses.go) to this file")
	acronyms := flag.String("acronyms", "", "comma-separated acronym files of bsdgames (see acronyms.go)")
	acronymsOut := flag.String("acronyms-out", "", "write the acronym list made from -acronyms to this file")
	flag.Parse()
	if *acronymsOut != "" {
		var w io.Writer
		if *report {
			w = os.Stderr
		}
		data, err := buildAcronyms(strings.Split(*acronyms, ","), w)
		if err != nil {
			log.Fatal(err)
		}
		if err := os.WriteFile(*acronymsOut, data, 0o644); err != nil {
			log.Fatal(err)
		}
	}
	if *out == "" {
		return
	}
	data, err := build(*dir, *report)
	if err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(*out, data, 0o644); err != nil {
		log.Fatal(err)
	}
	if *sensesOut != "" {
		data, err := buildSenses(*dir, *report)
		if err != nil {
			log.Fatal(err)
		}
		if err := os.WriteFile(*sensesOut, data, 0o644); err != nil {
			log.Fatal(err)
		}
	}
}

func normLemma(s string) string {
	return strings.ToLower(strings.ReplaceAll(s, "_", " "))
}

func readLines(path string, fn func(line string) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "  ") { // licence header
			continue
		}
		if err := fn(line); err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
	}
	return sc.Err()
}

func readData(dir string, pos byte, name string, synsets map[string]*synset) error {
	return readLines(filepath.Join(dir, "data."+name), func(line string) error {
		f := strings.Fields(line)
		if len(f) < 4 {
			return fmt.Errorf("short line %q", line)
		}
		lexFile, err := strconv.Atoi(f[1])
		if err != nil {
			return err
		}
		n, err := strconv.ParseInt(f[3], 16, 32)
		if err != nil {
			return err
		}
		s := &synset{key: string(pos) + f[0], lexFile: lexFile}
		for i := 0; i < int(n); i++ {
			w, id := f[4+2*i], f[5+2*i]
			if j := strings.IndexByte(w, '('); j > 0 && pos == 'a' { // (a), (p), (ip) markers
				w = w[:j]
			}
			lexID, err := strconv.ParseInt(id, 16, 32)
			if err != nil {
				return err
			}
			s.words = append(s.words, word{lemma: normLemma(w), orig: strings.ReplaceAll(w, "_", " "), lexID: int(lexID)})
		}
		if f[2] == "s" {
			p := 4 + 2*int(n)
			nPtr, err := strconv.Atoi(f[p])
			if err != nil {
				return err
			}
			for j := 0; j < nPtr; j++ {
				if f[p+1+4*j] == "&" {
					s.head = "a" + f[p+2+4*j]
				}
			}
		}
		synsets[s.key] = s
		return nil
	})
}

func isNumeric(s string) bool {
	digit := false
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digit = true
		case strings.ContainsRune(" .,-/:+", r):
		default:
			return false
		}
	}
	return digit
}

type pairKey struct{ a, b string }

type stats struct {
	synsets, lemmas, senseKeys, senseKeyMismatch int
}

func build(dir string, report bool) ([]byte, error) {
	var st stats
	synsets := map[string]*synset{}
	for _, p := range posFiles {
		if err := readData(dir, p.pos, p.name, synsets); err != nil {
			return nil, err
		}
	}
	st.synsets = len(synsets)

	// Senses of each lemma, in WordNet's sense order per part of speech.
	senses := map[string][]*sense{}
	type lemPos struct {
		lemma string
		pos   byte
	}
	byNum := map[lemPos][]*sense{}
	for _, p := range posFiles {
		err := readLines(filepath.Join(dir, "index."+p.name), func(line string) error {
			f := strings.Fields(line)
			nSyn, err := strconv.Atoi(f[2])
			if err != nil {
				return err
			}
			offs := f[len(f)-nSyn:]
			lemma := normLemma(f[0])
			for i, off := range offs {
				s := &sense{synset: string(p.pos) + off, pos: p.pos, num: i + 1}
				if synsets[s.synset] == nil {
					return fmt.Errorf("unknown synset %s for %q", s.synset, lemma)
				}
				senses[lemma] = append(senses[lemma], s)
				byNum[lemPos{lemma, p.pos}] = append(byNum[lemPos{lemma, p.pos}], s)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	st.lemmas = len(senses)
	parsedSynsets, parsedSenses = synsets, senses // for buildSenses

	// Tag counts: sense key lemma%ss_type:lex_filenum:lex_id:head:head_id,
	// then sense number and tag count.
	ssPos := map[byte]byte{'1': 'n', '2': 'v', '3': 'a', '4': 'r', '5': 'a'}
	err := readLines(filepath.Join(dir, "cntlist.rev"), func(line string) error {
		f := strings.Fields(line)
		if len(f) != 3 {
			return fmt.Errorf("bad line %q", line)
		}
		pct := strings.IndexByte(f[0], '%')
		lemma := normLemma(f[0][:pct])
		parts := strings.Split(f[0][pct+1:], ":")
		pos := ssPos[parts[0][0]]
		lexFile, _ := strconv.Atoi(parts[1])
		lexID, _ := strconv.Atoi(parts[2])
		num, err := strconv.Atoi(f[1])
		if err != nil {
			return err
		}
		tags, err := strconv.Atoi(f[2])
		if err != nil {
			return err
		}
		st.senseKeys++
		// The key names the synset by lex file and lex id; the sense number
		// is WordNet's order. This cntlist.rev is not always in step with
		// the data files, so take the numbered sense when the key agrees
		// with it, else the one sense the key alone identifies.
		list := byNum[lemPos{lemma, pos}]
		var cand []*sense
		for _, s := range list {
			syn := synsets[s.synset]
			if syn.lexFile != lexFile {
				continue
			}
			for _, w := range syn.words {
				if w.lemma == lemma && w.lexID == lexID {
					cand = append(cand, s)
					break
				}
			}
		}
		if len(cand) > 1 && len(parts) >= 5 && parts[3] != "" { // satellite: the head names the cluster
			headID, _ := strconv.Atoi(parts[4])
			var keep []*sense
			for _, s := range cand {
				if h := synsets[synsets[s.synset].head]; h != nil && h.words[0].lemma == normLemma(parts[3]) && h.words[0].lexID == headID {
					keep = append(keep, s)
				}
			}
			cand = keep
		}
		var s *sense
		for _, c := range cand {
			if c.num == num {
				s = c
			}
		}
		if s == nil && len(cand) == 1 {
			s = cand[0]
		}
		if s == nil {
			st.senseKeyMismatch++
			return nil
		}
		s.tags += tags
		return nil
	})
	if err != nil {
		return nil, err
	}

	// P(sense | lemma) with add-one smoothing over all the lemma's senses,
	// all parts of speech together: the query carries no part of speech.
	prob := map[string]map[string]float64{} // lemma -> synset -> p (kept senses only)
	for lemma, ss := range senses {
		total := 0
		for _, s := range ss {
			total += s.tags
		}
		m := map[string]float64{}
		for _, s := range ss {
			if s.tags == 0 && s.num > maxUntaggedSense {
				continue
			}
			m[s.synset] += float64(s.tags+1) / float64(total+len(ss))
		}
		prob[lemma] = m
	}
	// pAny is P(sense | lemma) ignoring the untagged-sense cut, for acronyms.
	pAny := func(lemma, syn string) float64 {
		ss := senses[lemma]
		total := 0
		for _, s := range ss {
			total += s.tags
		}
		p := 0.0
		for _, s := range ss {
			if s.synset == syn {
				p += float64(s.tags+1) / float64(total+len(ss))
			}
		}
		return p
	}

	keys := make([]string, 0, len(synsets))
	for k := range synsets {
		keys = append(keys, k)
	}
	sort.Strings(keys)

	weights := map[pairKey]float64{}
	kinds := map[pairKey]int{}
	spelling := map[pairKey]bool{}
	var acronyms [][3]string
	for _, k := range keys {
		syn := synsets[k]
		// Distinct lemmas of the synset (two spellings may lower-case alike).
		var ws []word
		seen := map[string]bool{}
		for _, w := range syn.words {
			if !seen[w.lemma] {
				seen[w.lemma] = true
				ws = append(ws, w)
			}
		}
		for i, a := range ws {
			for j, b := range ws {
				if i == j {
					continue
				}
				if i < j {
					if br, am, ok := variantPair(a.lemma, b.lemma, k[0] == 'v'); ok {
						spelling[pairKey{br, am}] = true
					}
				}
				if isNumeric(a.lemma) || isNumeric(b.lemma) {
					continue
				}
				pk := pairKey{a.lemma, b.lemma}
				if isAcronym(b.orig, a.lemma) {
					weights[pk] += pAny(a.lemma, k) * pAny(b.lemma, k)
					kinds[pk] = kindAcronym
					if i < j || !isAcronym(a.orig, b.lemma) {
						acronyms = append(acronyms, [3]string{b.orig, a.lemma, k})
					}
					continue
				}
				if isAcronym(a.orig, b.lemma) {
					weights[pk] += pAny(a.lemma, k) * pAny(b.lemma, k)
					kinds[pk] = kindExpansion
					continue
				}
				pa, oka := prob[a.lemma][k]
				pb, okb := prob[b.lemma][k]
				if !oka || !okb {
					continue
				}
				weights[pk] += pa * pb
				if kinds[pk] == 0 {
					kinds[pk] = kindSynonym
				}
			}
		}
	}

	// A spelling pair must be the same word, not two words that happen to
	// share a sense: the senses they share must carry most of the
	// probability of each (this keeps timbre/timber and eagre/eager out:
	// what they share is a minor sense of timber and of eager).
	shared := func(x, y string) float64 {
		ys := map[string]bool{}
		for _, s := range senses[y] {
			ys[s.synset] = true
		}
		p := 0.0
		for _, s := range senses[x] {
			if ys[s.synset] {
				p += pAny(x, s.synset)
			}
		}
		return p
	}
	var droppedSpelling []pairKey
	for p := range spelling {
		if math.Min(shared(p.a, p.b), shared(p.b, p.a)) < minSpellingShare {
			delete(spelling, p)
			droppedSpelling = append(droppedSpelling, p)
		}
	}
	// Keep the pair that reaches the fully American form: colourise maps to
	// colorize, not to colorise or colourize (themselves British there).
	american := map[string][]string{}
	for p := range spelling {
		american[p.a] = append(american[p.a], p.b)
	}
	for p := range spelling {
		further := false
		for _, z := range american[p.b] {
			further = further || spelling[pairKey{p.a, z}]
		}
		if further {
			delete(spelling, p)
			droppedSpelling = append(droppedSpelling, p)
		}
	}

	// Spelling variants are one word written two ways: whatever the one
	// means, the other does, so they relate with weight 1 (an untagged
	// British form would otherwise fall under minWeight: colour/color).
	for p := range spelling {
		if isNumeric(p.a) || isNumeric(p.b) {
			continue
		}
		for _, pk := range []pairKey{{p.a, p.b}, {p.b, p.a}} {
			weights[pk] = 1
			if kinds[pk] == 0 {
				kinds[pk] = kindSynonym
			}
		}
	}

	// Quantise and filter.
	type edge struct {
		to   string
		kind int
		q    int
	}
	adj := map[string][]edge{}
	for pk, w := range weights {
		kind := kinds[pk]
		min := minWeight
		if kind != kindSynonym {
			min = minAcronymWeight
		}
		if w < min {
			continue
		}
		q := int(math.Round(math.Min(w, 1) * 255))
		if q < 1 {
			q = 1
		}
		adj[pk.a] = append(adj[pk.a], edge{pk.b, kind, q})
	}
	lemmas := make([]string, 0, len(adj))
	for l := range adj {
		lemmas = append(lemmas, l)
	}
	sort.Strings(lemmas)
	index := make(map[string]int, len(lemmas))
	for i, l := range lemmas {
		index[l] = i
	}

	var buf bytes.Buffer
	buf.WriteString(magic)
	putUvarint(&buf, uint64(len(lemmas)))
	for _, l := range lemmas {
		if strings.ContainsRune(l, '\n') {
			return nil, fmt.Errorf("lemma with newline %q", l)
		}
		buf.WriteString(l)
		buf.WriteByte('\n')
	}
	nEdges := 0
	for _, l := range lemmas {
		es := adj[l]
		sort.Slice(es, func(i, j int) bool { return index[es[i].to] < index[es[j].to] })
		putUvarint(&buf, uint64(len(es)))
		prev := 0
		for _, e := range es {
			t := index[e.to]
			putUvarint(&buf, uint64(t-prev))
			prev = t
			buf.WriteByte(byte(e.kind))
			buf.WriteByte(byte(e.q))
		}
		nEdges += len(es)
	}
	pairs := make([]pairKey, 0, len(spelling))
	for p := range spelling {
		pairs = append(pairs, p)
	}
	sort.Slice(pairs, func(i, j int) bool {
		if pairs[i].a != pairs[j].a {
			return pairs[i].a < pairs[j].a
		}
		return pairs[i].b < pairs[j].b
	})
	putUvarint(&buf, uint64(len(pairs)))
	for _, p := range pairs {
		buf.WriteString(p.a + "\n" + p.b + "\n")
	}

	gz, err := compress(buf.Bytes())
	if err != nil {
		return nil, err
	}

	if report {
		w := os.Stderr
		fmt.Fprintf(w, "synsets %d, index lemmas %d, sense keys %d (unmatched %d)\n", st.synsets, st.lemmas, st.senseKeys, st.senseKeyMismatch)
		fmt.Fprintf(w, "table: %d lemmas, %d entries, %d spelling pairs, %d bytes raw, %d bytes gzip\n", len(lemmas), nEdges, len(pairs), buf.Len(), gz.Len())
		sort.Slice(acronyms, func(i, j int) bool { return acronyms[i][0]+acronyms[i][1] < acronyms[j][0]+acronyms[j][1] })
		for _, a := range acronyms {
			fmt.Fprintf(w, "acronym\t%s\t%s\t%.3f\n", a[0], a[1], weights[pairKey{a[1], strings.ToLower(a[0])}])
		}
		for _, p := range pairs {
			fmt.Fprintf(w, "spelling\t%s\t%s\n", p.a, p.b)
		}
		sort.Slice(droppedSpelling, func(i, j int) bool { return droppedSpelling[i].a < droppedSpelling[j].a })
		for _, p := range droppedSpelling {
			fmt.Fprintf(w, "dropped-spelling\t%s\t%s\t%.2f\t%.2f\n", p.a, p.b, shared(p.a, p.b), shared(p.b, p.a))
		}
		hist := make([]int, 11)
		for pk, wt := range weights {
			if kinds[pk] == kindSynonym {
				hist[int(math.Min(wt, 1)*10)]++
			}
		}
		fmt.Fprintf(w, "synonym weight histogram by tenths (before the cut): %v\n", hist)
		// Samples by weight band, to judge the cut: pairs of lemmas that
		// both carry tag counts (words people use), one in every 50.
		bands := []float64{0, 0.02, 0.05, 0.1, 0.2, 1.01}
		var tagged []pairKey
		for pk := range weights {
			if kinds[pk] == kindSynonym && pk.a < pk.b && tagsOf(senses[pk.a]) > 0 && tagsOf(senses[pk.b]) > 0 {
				tagged = append(tagged, pk)
			}
		}
		sort.Slice(tagged, func(i, j int) bool { return tagged[i].a+"|"+tagged[i].b < tagged[j].a+"|"+tagged[j].b })
		for b := 0; b+1 < len(bands); b++ {
			n, line := 0, ""
			for _, pk := range tagged {
				if wt := weights[pk]; wt >= bands[b] && wt < bands[b+1] {
					if n%50 == 0 && len(line) < 600 {
						line += fmt.Sprintf(" %s/%s", pk.a, pk.b)
					}
					n++
				}
			}
			fmt.Fprintf(w, "band [%.2f,%.2f): %d tagged pairs;%s\n", bands[b], bands[b+1], n, line)
		}
	}
	return gz.Bytes(), nil
}

func tagsOf(ss []*sense) int {
	n := 0
	for _, s := range ss {
		n += s.tags
	}
	return n
}

func putUvarint(w io.ByteWriter, v uint64) {
	var b [binary.MaxVarintLen64]byte
	n := binary.PutUvarint(b[:], v)
	for _, c := range b[:n] {
		w.WriteByte(c)
	}
}

// compress gzips a table at the best compression. The zero header (no
// name, no time) keeps the output byte-identical from run to run.
func compress(raw []byte) (*bytes.Buffer, error) {
	var gz bytes.Buffer
	zw, err := gzip.NewWriterLevel(&gz, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	if _, err := zw.Write(raw); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return &gz, nil
}
