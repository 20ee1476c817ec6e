package suggest

// lexicalBridges lists the bridges the lexicon and the learned
// associations give an interest.
func (e *engine) lexicalBridges(name string, terms []string) []bridgeSpec {
	return nil
}
