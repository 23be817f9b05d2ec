package index

import "fmt"

// FormatError says that an index was made by a build of fahras whose
// layout this one does not read.
type FormatError struct {
	Dir   string
	Found int
}

func (e *FormatError) Error() string {
	if e.Found < formatVersion {
		return fmt.Sprintf("the index was made by an earlier fahras (layout %d; this build reads layout %d): "+
			"rebuild it from its stored articles with `fahras index --rebuild --index %s`", e.Found, formatVersion, e.Dir)
	}
	return fmt.Sprintf("the index was made by a newer fahras (layout %d; this build reads layout %d): use that build", e.Found, formatVersion)
}
