package steps

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"

	"github.com/cucumber/godog"

	"github.com/cognito-conformance/cognito-conformance/reports"
	"github.com/cognito-conformance/cognito-conformance/wire"
)

// RecordedScenario is one finished scenario with every exchange it made, unredacted and in
// order (its clean-up included), for Env.Recorded (a cassette being recorded).
type RecordedScenario struct {
	Tag       wire.ScenarioTag
	Result    *reports.Scenario
	Exchanges []*wire.Exchange
}

// ScenarioTag names a pickle across runs: the feature and scenario name, a hash of its steps
// (the rows of an outline share a name) and a fresh session for this execution. godog's own
// ids (Key) number pickles across all features, so they shift whenever a scenario is added.
func ScenarioTag(sc *godog.Scenario) wire.ScenarioTag {
	h := sha256.New()
	for _, st := range sc.Steps {
		h.Write([]byte(st.Text + "\x00"))
		if st.Argument != nil && st.Argument.DocString != nil {
			h.Write([]byte(st.Argument.DocString.Content))
		}
		if st.Argument != nil && st.Argument.DataTable != nil {
			for _, row := range st.Argument.DataTable.Rows {
				for _, c := range row.Cells {
					h.Write([]byte(c.Value + "\x01"))
				}
			}
		}
		h.Write([]byte("\x02"))
	}
	session := make([]byte, 8)
	_, _ = rand.Read(session)
	return wire.ScenarioTag{ID: featureName(sc.Uri) + "/" + sc.Name, Steps: hex.EncodeToString(h.Sum(nil))[:12],
		Session: hex.EncodeToString(session)}
}
