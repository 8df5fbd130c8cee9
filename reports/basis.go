package reports

import (
	"strings"
	"time"
)

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
	// Observed is what the recording run said of the scenario (why it failed there), so a
	// contradiction can be shown with its reason without parsing Note.
	Observed string `json:"observed,omitempty"`
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

// The sentences the renderings share for a basis (see wording.go).

// contradictedNote explains the list of contradicted expectations.
const contradictedNote = "Real AWS, as recorded, did not behave as these scenarios expect: the catalogue or AWS has moved, " +
	"and a verdict on them means less until someone looks."

// contradictionMarker is the mark every rendering puts on an expectation a recording of real
// AWS contradicts: who contradicts it, and when it was recorded.
func contradictionMarker(rec *Recording) string {
	return "contradicted by the AWS recording of " + rec.RecordedAt.UTC().Format("2006-01-02")
}

// catalogueLine is a basis's catalogue entries with their titles: "B3: only one factor can be
// preferred; B4: …".
func catalogueLine(b *Basis) string {
	var parts []string
	for _, e := range b.Catalogue {
		if e.Title == "" {
			parts = append(parts, e.ID)
		} else {
			parts = append(parts, e.ID+": "+e.Title)
		}
	}
	return strings.Join(parts, "; ")
}

// recordingLine is what a recording says of a scenario, on one line: the contradiction marker
// with the reason AWS gave, or the recording's note.
func recordingLine(rec *Recording) string {
	if !rec.Contradicts {
		return firstLine(rec.Note)
	}
	if o := firstLine(rec.Observed); o != "" {
		return contradictionMarker(rec) + ": " + o
	}
	return contradictionMarker(rec)
}

// basisLine is what a scenario's expectation rests on, on one line: its catalogue entries,
// its evidence label and what a recording says of it. A report without bases (one written
// before they existed) still names the behaviours and the evidence.
func basisLine(sc *Scenario) string {
	b := sc.Basis
	if b == nil {
		return strings.Join(sc.Behaviours, ", ") + " · @" + sc.Evidence
	}
	s := catalogueLine(b) + " · @" + b.Evidence
	if b.Recording != nil {
		s += " · " + recordingLine(b.Recording)
	}
	return s
}

// recordingLabel is the label of the run's recording ("AWS as recorded on 2026-11-30"), or ""
// when no scenario has one: the HTML report's column of what the recording says.
func recordingLabel(r *Report) string {
	for _, s := range r.Scenarios {
		if s.Basis != nil && s.Basis.Recording != nil {
			return s.Basis.Recording.Label
		}
	}
	return ""
}
