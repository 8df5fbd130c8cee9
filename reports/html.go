package reports

import (
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"sort"
	"strings"
)

// HTMLFile is the self-contained HTML rendering (no external assets).
const HTMLFile = "report.html"

//go:embed report.html.tmpl
var htmlTemplate string

var htmlTmpl = template.Must(template.New("report").Funcs(template.FuncMap{
	"score":             score,
	"rows":              sortedRows,
	"join":              strings.Join,
	"inferredNote":      func() string { return InferredNote },
	"countLine":         countLine,
	"verdict":           verdictText,
	"verdictClass":      verdictClass,
	"interrupted":       interruptedLine,
	"cleanupLine":       cleanupLine,
	"statuses":          func() []Status { return Statuses },
	"count":             func(m map[Status]int, s Status) int { return m[s] },
	"failures":          func(r *Report) []*Scenario { return byStatus(r, Failed, true) },
	"failedDifferently": failedDifferently,
	"baselineLine":      baselineLine,
	"expected":          func(r *Report) []*Scenario { return byStatus(r, Failed, false) },
	"inconclusive":      func(r *Report) []*Scenario { return byStatus(r, Inconclusive, true) },
	"warnings":          func(r *Report) []*Scenario { return byStatus(r, Warning, true) },
	"contradicted":      func(r *Report) []*Scenario { return r.Contradicted() },
	"contradictedNote":  func() string { return contradictedNote },
	"contradiction":     contradiction,
	"catalogueLine":     catalogueLine,
	"recordingLabel":    recordingLabel,
	"firstLine":         firstLine,
	"notRun": func(r *Report) []*Scenario {
		return append(byStatus(r, NotImplemented, true), byStatus(r, NotApplicable, true)...)
	},
}).Parse(htmlTemplate))

// WriteHTML renders the report as one HTML page.
func WriteHTML(w io.Writer, r *Report) error { return htmlTmpl.Execute(w, r) }

// verdictClass is the CSS class of the verdict banner: green, red, or amber for a run that
// could not judge every scenario (neither a pass nor a failure).
func verdictClass(v Verdict) string {
	switch v {
	case Conforms:
		return "ok"
	case NonConformant:
		return "bad"
	}
	return "undecided"
}

// contradiction is the marker of a scenario whose expectation a recording of real AWS
// contradicts, or "".
func contradiction(sc *Scenario) string {
	if sc.Basis == nil || sc.Basis.Recording == nil || !sc.Basis.Recording.Contradicts {
		return ""
	}
	return contradictionMarker(sc.Basis.Recording)
}

type row struct {
	Name   string
	Counts map[Status]int
	Score  string
}

func sortedRows(m map[string]map[Status]int) []row {
	var out []row
	for k, v := range m {
		out = append(out, row{Name: k, Counts: v, Score: score(v)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// score is held / judged: of the scenarios judged against the contract (passed, warning,
// failed), those where it held. A warning counts as held: its differences are beyond what
// clients read (under --strict such a scenario is failed instead).
func score(m map[Status]int) string {
	held := m[Passed] + m[Warning]
	d := held + m[Failed]
	if d == 0 {
		return "–"
	}
	return fmt.Sprintf("%d/%d (%.0f%%)", held, d, 100*float64(held)/float64(d))
}
