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

// TestContradictedBasisInEveryRendering: where a recording of real AWS contradicts a
// scenario's expectation, the Markdown summary and the HTML report list it apart and mark it
// with the recording's date, whether the target passes or fails the scenario; every failure
// carries what its expectation rests on; a report no recording contradicts has no such list.
func TestContradictedBasisInEveryRendering(t *testing.T) {
	held := scenario("aws disagrees", EvidenceAWSVerified, "", Passed, "@B4")
	held.Basis = sampleBasis(held, Failed, "expected HTTP status 400, got 200\n  detail")
	broken := scenario("target breaks it", EvidenceDocumented, "", Failed, "@B1")
	broken.Basis = sampleBasis(broken, Failed, "expected member SMSMfaSettings")
	agreed := scenario("aws agrees", EvidenceDocumented, "", Failed, "@B2")
	agreed.Basis = sampleBasis(agreed, Passed, "")
	r := &Report{Schema: SchemaVersion, Scenarios: []*Scenario{held, broken, agreed}}
	r.Summarize()
	out := renderAll(t, r)
	const marker = "contradicted by the AWS recording of 2026-11-30"
	md, page := out["markdown"], out["html"]

	start, end := strings.Index(md, "### Expectations contradicted by real AWS (2)"), strings.Index(md, "### Failures")
	if start < 0 || end < start {
		t.Fatalf("markdown: no list of contradicted expectations before the failures:\n%s", md)
	}
	section := md[start:end]
	for _, want := range []string{
		"| aws disagrees (`features/f.feature`) | passed | B4: a factor preferred but not enabled is rejected · @aws-verified · " + marker + ": expected HTTP status 400, got 200 |",
		"| target breaks it (`features/f.feature`) | failed | B1: ",
	} {
		if !strings.Contains(section, want) {
			t.Errorf("markdown: the contradicted section lacks %q:\n%s", want, md)
		}
	}
	if strings.Contains(section, "aws agrees") {
		t.Errorf("markdown: an expectation the recording agrees with is listed as contradicted:\n%s", md)
	}
	for _, want := range []string{
		"| target breaks it (`features/f.feature`) | expected HTTP status 400, got 200 | B1: documented sample request of AdminSetUserMFAPreference answers 200 {} · @documented · " + marker + ": expected member SMSMfaSettings |",
		"| aws agrees (`features/f.feature`) | expected HTTP status 400, got 200 | B2: documented sample request of SetUserMFAPreference answers 200 {} · @documented · AWS as recorded on 2026-11-30 behaves as expected |",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown: a failure's basis is not %q:\n%s", want, md)
		}
	}

	for _, want := range []string{
		`<h2 id="contradicted-heading">Expectations contradicted by real AWS (2)</h2>`,
		// the passed scenario's row in the table of all scenarios
		`<td>aws disagrees</td><td><abbr title="a factor preferred but not enabled is rejected">B4</abbr></td><td>aws-verified</td><td><span class="st passed">passed</span> <span class="contradicted">` + marker + `</span></td>`,
		// the failure's block, in its heading and its basis
		`target breaks it <span class="meta">features/f.feature · B1 · documented</span> <span class="contradicted">` + marker + `</span></summary>`,
		`Rests on <b>B1</b> documented sample request of AdminSetUserMFAPreference answers 200 {} · evidence <b>documented</b><br>AWS as recorded on 2026-11-30 failed it: expected member SMSMfaSettings`,
		`Rests on <b>B2</b> documented sample request of SetUserMFAPreference answers 200 {} · evidence <b>documented</b><br>AWS as recorded on 2026-11-30 behaves as expected`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("html lacks %s", want)
		}
	}
	if n := strings.Count(page, `<span class="contradicted">`); n != 5 {
		t.Errorf("html marks %d places as contradicted, want 5 (two in the list, two in the table, one failure)", n)
	}

	// The console, what a CI log shows, marks the contradicted failure under its reason.
	if con := out["console"]; !strings.Contains(con, "expected HTTP status 400, got 200\n       "+marker+": expected member SMSMfaSettings\n") ||
		strings.Count(con, marker) != 1 {
		t.Errorf("console: the failure AWS contradicts is not marked once, under its reason:\n%s", con)
	}

	held.Basis.Recording, broken.Basis.Recording = agreed.Basis.Recording, agreed.Basis.Recording
	out = renderAll(t, r)
	for _, name := range []string{"markdown", "html", "console"} {
		if strings.Contains(out[name], "contradicted by") || strings.Contains(out[name], `class="contradicted"`) {
			t.Errorf("%s speaks of a contradiction no recording makes:\n%s", name, out[name])
		}
	}
}
