// Package compare sets the reports of several targets side by side: one row per scenario,
// grouped by catalogue id, one column per target, and for every row where the targets differ,
// the wire-level difference after volatile values (request ids, dates, pool ids, subs, tokens,
// generated names) are normalised away.
package compare

import (
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strings"

	"github.com/tidwall/gjson"

	"github.com/cognito-conformance/cognito-conformance/reports"
)

// Column is one target's report.
type Column struct {
	Name   string
	Report *reports.Report
}

// Matrix is the comparison.
type Matrix struct {
	Schema    string   `json:"schema"`
	Targets   []Target `json:"targets"`
	Rows      []Row    `json:"rows"`
	Differing int      `json:"differing"`
}

// Target names a column.
type Target struct {
	Name     string `json:"name"`
	Endpoint string `json:"endpoint"`
	Profile  string `json:"profile,omitempty"`
}

// Row is one scenario across targets.
type Row struct {
	Behaviour string   `json:"behaviour"` // the first catalogue id, for grouping
	Feature   string   `json:"feature"`
	URI       string   `json:"uri"`
	Scenario  string   `json:"scenario"`
	Conflict  string   `json:"conflict,omitempty"`
	Cells     []Cell   `json:"cells"`
	Differs   bool     `json:"differs"`
	Diff      []string `json:"diff,omitempty"`
}

// Cell is one target's result for a scenario.
type Cell struct {
	Status    string `json:"status"` // pass, fail, not-applicable, not-implemented, skipped, missing
	HTTP      int    `json:"http,omitempty"`
	ErrorCode string `json:"errorCode,omitempty"`
}

// Build compares the columns.
func Build(cols []Column) *Matrix {
	m := &Matrix{Schema: "1"}
	type key struct{ uri, name string }
	index := map[key]int{}
	for ci, c := range cols {
		m.Targets = append(m.Targets, Target{Name: c.Name, Endpoint: c.Report.Target.Endpoint, Profile: c.Report.Target.Profile})
		for _, sc := range c.Report.Scenarios {
			k := key{sc.URI, sc.Name}
			ri, ok := index[k]
			if !ok {
				ri = len(m.Rows)
				index[k] = ri
				b := "untagged"
				if len(sc.Behaviours) > 0 {
					b = sc.Behaviours[0]
				}
				m.Rows = append(m.Rows, Row{Behaviour: b, Feature: sc.Feature, URI: sc.URI, Scenario: sc.Name, Conflict: sc.Conflict,
					Cells: make([]Cell, len(cols))})
				for i := range m.Rows[ri].Cells {
					m.Rows[ri].Cells[i] = Cell{Status: "missing"}
				}
			}
			m.Rows[ri].Cells[ci] = cellOf(sc)
		}
	}
	subjects := func(ci int, r Row) []reports.Record {
		for _, sc := range cols[ci].Report.Scenarios {
			if sc.URI == r.URI && sc.Name == r.Scenario {
				var out []reports.Record
				for _, rec := range sc.Records {
					if rec.Role == "subject" {
						out = append(out, rec)
					}
				}
				return out
			}
		}
		return nil
	}
	for ri := range m.Rows {
		r := &m.Rows[ri]
		for ci := 1; ci < len(r.Cells); ci++ {
			if r.Cells[ci] != r.Cells[0] {
				r.Differs = true
			}
		}
		if !r.Differs {
			continue
		}
		m.Differing++
		for ci := 1; ci < len(cols); ci++ {
			for _, d := range wireDiff(subjects(0, *r), subjects(ci, *r)) {
				r.Diff = append(r.Diff, fmt.Sprintf("%s vs %s: %s", cols[0].Name, cols[ci].Name, d))
			}
		}
	}
	sort.SliceStable(m.Rows, func(i, j int) bool { return behaviourLess(m.Rows[i].Behaviour, m.Rows[j].Behaviour) })
	return m
}

func cellOf(sc *reports.Scenario) Cell {
	c := Cell{}
	switch sc.Status {
	case reports.Passed:
		c.Status = "pass"
	case reports.Failed:
		c.Status = "fail"
	default:
		c.Status = string(sc.Status)
	}
	for _, rec := range sc.Records {
		if rec.Role == "subject" {
			c.HTTP, c.ErrorCode = rec.Status, rec.ErrorCode // the last subject exchange
		}
	}
	return c
}

// wireDiff compares two runs' subject exchanges pairwise.
func wireDiff(a, b []reports.Record) []string {
	var out []string
	if len(a) != len(b) {
		out = append(out, fmt.Sprintf("%d exchanges vs %d", len(a), len(b)))
	}
	for i := 0; i < len(a) && i < len(b); i++ {
		x, y := a[i], b[i]
		where := fmt.Sprintf("#%d %s", i+1, x.Operation)
		if x.Status != y.Status {
			out = append(out, fmt.Sprintf("%s status %d vs %d", where, x.Status, y.Status))
		}
		if x.ErrorCode != y.ErrorCode {
			out = append(out, fmt.Sprintf("%s error code %q vs %q", where, x.ErrorCode, y.ErrorCode))
		}
		fa, fb := flatten(x.Response.Body), flatten(y.Response.Body)
		var paths []string
		for p := range fa {
			paths = append(paths, p)
		}
		for p := range fb {
			if _, ok := fa[p]; !ok {
				paths = append(paths, p)
			}
		}
		sort.Strings(paths)
		for _, p := range paths {
			va, oka := fa[p]
			vb, okb := fb[p]
			switch {
			case !oka:
				out = append(out, fmt.Sprintf("%s body %s: absent vs %s", where, p, vb))
			case !okb:
				out = append(out, fmt.Sprintf("%s body %s: %s vs absent", where, p, va))
			case va != vb:
				out = append(out, fmt.Sprintf("%s body %s: %s vs %s", where, p, va, vb))
			}
		}
	}
	return out
}

// flatten maps every leaf path of a JSON body to its normalised value.
func flatten(body string) map[string]string {
	out := map[string]string{}
	if !gjson.Valid(body) {
		if strings.TrimSpace(body) != "" {
			out["(body)"] = fmt.Sprintf("%q", Normalize("", body))
		}
		return out
	}
	var walk func(prefix string, v gjson.Result)
	walk = func(prefix string, v gjson.Result) {
		switch {
		case v.IsObject():
			v.ForEach(func(k, val gjson.Result) bool {
				p := k.String()
				if prefix != "" {
					p = prefix + "." + p
				}
				walk(p, val)
				return true
			})
		case v.IsArray():
			v.ForEach(func(k, val gjson.Result) bool {
				walk(fmt.Sprintf("%s.%d", prefix, k.Int()), val)
				return true
			})
		default:
			out[prefix] = Normalize(prefix, v.Raw)
		}
	}
	walk("", gjson.Parse(body))
	return out
}

var (
	uuidRe   = regexp.MustCompile(`[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}`)
	poolRe   = regexp.MustCompile(`\b(?:[a-z]{2}(?:-[a-z]+)+-\d|local)_[0-9A-Za-z]+\b`)
	nameRe   = regexp.MustCompile(`cogconf-[\w.@+-]*`)
	volatile = regexp.MustCompile(`(?i)(date|requestid|session|token|secretcode|clientid|sub)$`)
)

// Normalize replaces volatile values so that equal behaviour compares equal across targets.
func Normalize(path, raw string) string {
	last := path
	if i := strings.LastIndex(path, "."); i >= 0 {
		last = path[i+1:]
	}
	if volatile.MatchString(last) {
		return "<" + strings.ToLower(last) + ">"
	}
	s := uuidRe.ReplaceAllString(raw, "<uuid>")
	s = poolRe.ReplaceAllString(s, "<pool-id>")
	return nameRe.ReplaceAllString(s, "<name>")
}

func behaviourLess(a, b string) bool {
	if len(a) != len(b) {
		return len(a) < len(b)
	}
	return a < b
}

// WriteJSON writes the matrix as JSON.
func WriteJSON(w io.Writer, m *Matrix) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(m)
}

// WriteMarkdown writes the matrix grouped by catalogue id, differences under each row.
func WriteMarkdown(w io.Writer, m *Matrix) error {
	fmt.Fprintf(w, "## Conformance comparison: %d scenarios, %d differ\n\n", len(m.Rows), m.Differing)
	fmt.Fprint(w, "| Behaviour | Scenario |")
	for _, t := range m.Targets {
		fmt.Fprintf(w, " %s |", t.Name)
	}
	fmt.Fprint(w, "\n|---|---|")
	for range m.Targets {
		fmt.Fprint(w, "---|")
	}
	fmt.Fprintln(w)
	for _, r := range m.Rows {
		name := strings.ReplaceAll(r.Scenario, "|", "\\|")
		if r.Differs {
			name = "**" + name + "**"
		}
		fmt.Fprintf(w, "| %s | %s |", r.Behaviour, name)
		for _, c := range r.Cells {
			fmt.Fprintf(w, " %s |", cellText(c))
		}
		fmt.Fprintln(w)
	}
	var diffs []Row
	for _, r := range m.Rows {
		if r.Differs {
			diffs = append(diffs, r)
		}
	}
	if len(diffs) > 0 {
		fmt.Fprintln(w, "\n### Differences")
		for _, r := range diffs {
			fmt.Fprintf(w, "\n**%s** %s", r.Behaviour, r.Scenario)
			if r.Conflict != "" {
				fmt.Fprintf(w, " (conflict `%s`)", r.Conflict)
			}
			fmt.Fprintln(w)
			for _, d := range r.Diff {
				fmt.Fprintf(w, "- %s\n", strings.ReplaceAll(d, "|", "\\|"))
			}
		}
	}
	return nil
}

func cellText(c Cell) string {
	s := c.Status
	if c.HTTP != 0 {
		s += fmt.Sprintf(" (%d", c.HTTP)
		if c.ErrorCode != "" {
			s += " " + c.ErrorCode
		}
		s += ")"
	}
	return s
}
