package reports

import (
	"bytes"
	"strings"
	"testing"

	"github.com/cognito-conformance/cognito-conformance/catalogue"
)

// TestInferredFailureIsWeakerNews: a failure on an @inferred expectation carries the note
// that weighs it, in the console and Markdown summaries and the HTML report (which also lets
// the reader filter verdicts by evidence); a report whose failures all rest on observations
// does not.
func TestInferredFailureIsWeakerNews(t *testing.T) {
	r := &Report{Schema: SchemaVersion, Scenarios: []*Scenario{scenario("inferred one", EvidenceInferred, "", Failed, "@S1.2")}}
	r.Summarize()
	var console, md, html bytes.Buffer
	WriteConsole(&console, r)
	if err := WriteMarkdown(&md, r); err != nil {
		t.Fatal(err)
	}
	if err := WriteHTML(&html, r); err != nil {
		t.Fatal(err)
	}
	for name, out := range map[string]string{"console": console.String(), "markdown": md.String(), "html": html.String()} {
		if !strings.Contains(out, "weaker news") {
			t.Errorf("%s: no note on the @inferred failure:\n%s", name, out)
		}
	}
	if !strings.Contains(html.String(), `id="evidence-filter"`) || !strings.Contains(html.String(), `data-evidence="inferred"`) {
		t.Error("the HTML report cannot filter verdicts by evidence")
	}
	r.Scenarios[0].Meta = catalogue.Classify([]string{"@S1.2", "@aws-verified"})
	console.Reset()
	WriteConsole(&console, r)
	if strings.Contains(console.String(), "weaker news") {
		t.Errorf("the note appears with no @inferred failure:\n%s", console.String())
	}
}
