package reports

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"
)

// JUnitFile is the JUnit XML rendering. Unlike godog's own JUnit writer, a scenario that does
// not apply is a real <skipped message="..."/> element, so CI parsers show it as skipped with
// its reason instead of as an error (../shared/notes/godog.md, pitfall 6). An error is kept for
// what JUnit means by it, a test that could not judge: an inconclusive scenario.
const JUnitFile = "junit.xml"

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Skipped  int          `xml:"skipped,attr"`
	Time     string       `xml:"time,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Errors   int         `xml:"errors,attr"`
	Skipped  int         `xml:"skipped,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	Time      string        `xml:"time,attr"`
	Failure   *junitMessage `xml:"failure,omitempty"`
	Error     *junitMessage `xml:"error,omitempty"`
	Skipped   *junitMessage `xml:"skipped,omitempty"`
	SystemOut string        `xml:"system-out,omitempty"`
}

type junitMessage struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr,omitempty"`
	Text    string `xml:",chardata"`
}

// WriteJUnit renders JUnit XML: one testsuite per feature, one testcase per scenario.
func WriteJUnit(w io.Writer, r *Report) error {
	root := junitSuites{Name: "cognito-conformance " + r.Target.Title(), Time: seconds(r.DurationMs)}
	index := map[string]int{}
	for _, sc := range r.Scenarios {
		i, ok := index[sc.Feature]
		if !ok {
			i = len(root.Suites)
			index[sc.Feature] = i
			root.Suites = append(root.Suites, junitSuite{Name: sc.Feature})
		}
		root.Suites[i].add(sc)
	}
	for _, s := range root.Suites {
		root.Tests += s.Tests
		root.Failures += s.Failures
		root.Errors += s.Errors
		root.Skipped += s.Skipped
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(root); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// add appends the scenario's testcase and counts it.
func (s *junitSuite) add(sc *Scenario) {
	c := junitCase{Name: sc.Name, Classname: sc.Feature, Time: seconds(sc.DurationMs)}
	switch {
	case sc.BaselineMismatch != "":
		// Listed in the baseline with another failure: the run fails on it.
		c.Failure = &junitMessage{Message: "failed differently from the baseline: " + sc.BaselineMismatch, Type: "baseline-mismatch", Text: joinLines(sc.Message, warningsText(sc))}
		s.Failures++
	case sc.Baseline != "":
		// Expected by the baseline (like an xfail): the run passes, so CI must not show it red.
		c.Skipped = &junitMessage{Message: sc.Baseline}
		s.Skipped++
	}
	if c.Failure != nil || c.Skipped != nil {
		s.Tests++
		s.Cases = append(s.Cases, c)
		return
	}
	switch sc.Status {
	case Failed:
		c.Failure = &junitMessage{Message: failureReason(sc), Type: "non-conformance", Text: joinLines(sc.Message, warningsText(sc))}
		s.Failures++
	case Inconclusive:
		c.Error = &junitMessage{Message: inconclusiveReason(sc), Type: "inconclusive", Text: sc.Message}
		s.Errors++
	case NotApplicable, NotImplemented:
		c.Skipped = &junitMessage{Message: fmt.Sprintf("%s: %s", sc.Status, firstLine(sc.Message))}
		s.Skipped++
	case Warning:
		// The contract held, so CI shows it green; the differences stay readable in its output.
		c.SystemOut = warningsText(sc)
	}
	s.Tests++
	s.Cases = append(s.Cases, c)
}

// joinLines joins the non-empty parts with a newline.
func joinLines(parts ...string) string {
	var out []string
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, "\n")
}

func seconds(ms int64) string {
	return strings.TrimRight(strings.TrimRight(fmt.Sprintf("%.3f", float64(ms)/1000), "0"), ".") + ""
}
