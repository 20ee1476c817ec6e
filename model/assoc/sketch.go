package assoc

// Admit is the number of sightings after which a pair is worth storing:
// MinCount, the fewest that can make a neighbour.
const Admit = MinCount

// sketchLog is log2 of the cells per row of a Sketch: two rows of 2^22
// two-bit cells, 2 MB.
const (
	sketchLog  = 22
	sketchRows = 2
	sketchLen  = sketchRows << sketchLog / 4 // bytes
)

// Sketch keeps pairs that were seen fewer than Admit times out of the
// stored counts: most pairs of real text occur once or twice and never
// matter, and storing them would cost most of the writing and the space.
// It is a count-min sketch of two-bit cells (0, 1, 2 sightings, 3 =
// admitted), in epochs: when half of the cells are in use it is cleared
// and counting starts again. That makes it lossy counting: a pair is
// stored once it is seen Admit times within one epoch (thousands of
// documents), and a stored pair can miss up to Admit-1 sightings per
// epoch. Collisions can only make a pair look seen more often. The state
// is deterministic and can be saved (Bytes) and loaded (LoadSketch).
type Sketch struct {
	cells []byte
	used  int // non-zero cells of row 0
}

// NewSketch returns an empty sketch.
func NewSketch() *Sketch { return &Sketch{cells: make([]byte, sketchLen)} }

// LoadSketch restores a sketch saved by Bytes; anything else gives an
// empty one.
func LoadSketch(b []byte) *Sketch {
	if len(b) != sketchLen {
		return NewSketch()
	}
	s := &Sketch{cells: append([]byte(nil), b...)}
	for i := 0; i < sketchLen/sketchRows; i++ {
		c := s.cells[i]
		for k := 0; k < 4; k++ {
			if c>>(2*k)&3 != 0 {
				s.used++
			}
		}
	}
	return s
}

// Bytes is the sketch's state, to be saved.
func (s *Sketch) Bytes() []byte { return s.cells }

// index returns the cell of p in row r.
func (s *Sketch) index(p Pair) [sketchRows]uint32 {
	// FNV-1a over "A\x00B", then two independent mixes.
	h := uint64(14695981039346656037)
	for i := 0; i < len(p.A); i++ {
		h = (h ^ uint64(p.A[i])) * 1099511628211
	}
	h = (h ^ 0) * 1099511628211
	for i := 0; i < len(p.B); i++ {
		h = (h ^ uint64(p.B[i])) * 1099511628211
	}
	var out [sketchRows]uint32
	for r := range out {
		x := h + uint64(r+1)*0x9e3779b97f4a7c15
		x = (x ^ x>>30) * 0xbf58476d1ce4e5b9
		x = (x ^ x>>27) * 0x94d049bb133111eb
		x ^= x >> 31
		out[r] = uint32(r<<sketchLog) | uint32(x&(1<<sketchLog-1))
	}
	return out
}

func (s *Sketch) get(i uint32) int { return int(s.cells[i/4] >> (2 * (i % 4)) & 3) }
func (s *Sketch) set(i uint32, v int) {
	s.cells[i/4] = s.cells[i/4]&^(3<<(2*(i%4))) | byte(v)<<(2*(i%4))
}

// Admit records count more sightings of p and returns how many to add to
// its stored count: 0 while it has been seen fewer than Admit times in
// this epoch, all of the epoch's sightings when it gets there, count once
// it is admitted.
func (s *Sketch) Admit(p Pair, count int) int {
	if count <= 0 {
		return 0
	}
	if 2*s.used > 1<<sketchLog {
		clear(s.cells)
		s.used = 0
	}
	idx := s.index(p)
	seen := 3
	for _, i := range idx {
		seen = min(seen, s.get(i))
	}
	if seen == 3 {
		return count
	}
	add := 0
	v := seen + count
	if v >= Admit {
		add, v = v, 3
	}
	for _, i := range idx {
		if old := s.get(i); old < v {
			if old == 0 && i>>sketchLog == 0 {
				s.used++
			}
			s.set(i, v)
		}
	}
	return add
}

// Used is the share of cells in use, in [0, 1].
func (s *Sketch) Used() float64 { return float64(s.used) / float64(uint64(1)<<sketchLog) }
