package reports

import "time"

// Basis is what a scenario's expected behaviour rests on: the catalogue entries it encodes with
// their evidence label, and, when the run was given one, what a cassette recorded for it.
type Basis struct {
	Catalogue []BasisEntry `json:"catalogue"`
	Evidence  string       `json:"evidence"`
	Recording *Recording   `json:"recording,omitempty"`
}

// BasisEntry is one catalogue entry.
type BasisEntry struct {
	ID    string `json:"id"`
	Title string `json:"title,omitempty"`
}

// Recording is what a cassette recorded for a scenario.
type Recording struct {
	Label      string    `json:"label"` // "AWS as recorded on 2026-11-30"
	RecordedAt time.Time `json:"recordedAt"`
	RealAWS    bool      `json:"realAws"`
	Status     Status    `json:"status"` // the verdict the recording run gave the scenario; "" when it holds none
	// Contradicts: real AWS, as recorded, did not behave as the scenario expects (the
	// recording failed it): the catalogue or AWS has moved.
	Contradicts bool   `json:"contradicts,omitempty"`
	Note        string `json:"note"`
}

// Contradicted lists the scenarios whose expectation a real-AWS recording contradicts.
func (r *Report) Contradicted() []*Scenario {
	var out []*Scenario
	for _, s := range r.Scenarios {
		if s.Basis != nil && s.Basis.Recording != nil && s.Basis.Recording.Contradicts {
			out = append(out, s)
		}
	}
	return out
}
