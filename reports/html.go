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
	"score":     score,
	"rows":      sortedRows,
	"join":      strings.Join,
	"countLine": countLine,
	"statuses":  func() []Status { return Statuses },
	"count":     func(m map[Status]int, s Status) int { return m[s] },
	"failures":  func(r *Report) []*Scenario { return byStatus(r, Failed, true) },
	"expected":  func(r *Report) []*Scenario { return byStatus(r, Failed, false) },
	"notRun": func(r *Report) []*Scenario {
		return append(byStatus(r, NotImplemented, true), byStatus(r, NotApplicable, true)...)
	},
	"pct": func(n, d int) string {
		if d == 0 {
			return "–"
		}
		return fmt.Sprintf("%.0f%%", 100*float64(n)/float64(d))
	},
}).Parse(htmlTemplate))

// WriteHTML renders the report as one HTML page.
func WriteHTML(w io.Writer, r *Report) error { return htmlTmpl.Execute(w, r) }

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

// score is passed / (passed + failed): scenarios that ran to a verdict.
func score(m map[Status]int) string {
	d := m[Passed] + m[Failed]
	if d == 0 {
		return "–"
	}
	return fmt.Sprintf("%d/%d (%.0f%%)", m[Passed], d, 100*float64(m[Passed])/float64(d))
}

func byStatus(r *Report, st Status, unexpected bool) []*Scenario {
	var out []*Scenario
	for _, sc := range r.Scenarios {
		if sc.Status == st && (sc.Baseline == "") == unexpected {
			out = append(out, sc)
		}
	}
	return out
}
