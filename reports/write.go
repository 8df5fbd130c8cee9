package reports

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// File names inside the report directory.
const (
	JSONFile     = "report.json"
	MarkdownFile = "summary.md"
)

// Write writes every rendering of the report into dir (created if missing) and returns the
// paths written.
func Write(dir string, r *Report) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("creating report directory: %w", err)
	}
	var written []string
	for _, out := range []struct {
		name   string
		render func(io.Writer, *Report) error
	}{
		{JSONFile, WriteJSON},
		{MarkdownFile, WriteMarkdown},
		{JUnitFile, WriteJUnit},
		{HTMLFile, WriteHTML},
	} {
		path := filepath.Join(dir, out.name)
		f, err := os.Create(path)
		if err != nil {
			return written, err
		}
		err = out.render(f, r)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return written, fmt.Errorf("writing %s: %w", path, err)
		}
		written = append(written, path)
	}
	return written, nil
}

// WriteJSON writes report.json.
func WriteJSON(w io.Writer, r *Report) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

// ReadJSON reads a report.json.
func ReadJSON(path string) (*Report, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var r Report
	if err := json.Unmarshal(b, &r); err != nil {
		return nil, fmt.Errorf("%s is not a conformance report: %w", path, err)
	}
	if r.Schema != SchemaVersion {
		return nil, fmt.Errorf("%s has report schema %q; this tool reads schema %q", path, r.Schema, SchemaVersion)
	}
	return &r, nil
}

// WriteConsole prints the human summary: score per operation and evidence level, conflicts,
// then each failure with the one line that explains it.
func WriteConsole(w io.Writer, r *Report) {
	fmt.Fprintf(w, "\nConformance of %s", r.Target.Name)
	if r.Target.Profile != "" {
		fmt.Fprintf(w, " (profile %s)", r.Target.Profile)
	}
	fmt.Fprintf(w, " at %s\n", r.Target.Endpoint)
	fmt.Fprintf(w, "%d scenarios: %s  in %.1fs\n\n", r.Summary.Total, countLine(r.Summary.ByStatus), float64(r.DurationMs)/1000)
	table(w, "operation", r.Summary.ByOperation)
	table(w, "evidence", r.Summary.ByEvidence)
	if len(r.Conflicts) > 0 {
		fmt.Fprintln(w, "Documented-vs-observed conflicts:")
		for _, c := range r.Conflicts {
			fmt.Fprintf(w, "  %-40s %-8s follows %s\n", c.Topic, strings.Join(c.Behaviours, ","), c.Follows)
		}
		fmt.Fprintln(w)
	}
	if len(r.Summary.NotImplemented) > 0 {
		fmt.Fprintf(w, "Not implemented by the target: %s\n\n", strings.Join(r.Summary.NotImplemented, ", "))
	}
	failures := 0
	for _, sc := range r.Scenarios {
		if sc.Status != Failed || sc.Baseline != "" {
			continue
		}
		if failures == 0 {
			fmt.Fprintln(w, "Failures:")
		}
		failures++
		fmt.Fprintf(w, "  FAIL %s  %s [%s]\n       %s\n", sc.URI, sc.Name, strings.Join(sc.Behaviours, ","), firstLine(sc.Message))
	}
	if failures > 0 {
		fmt.Fprintln(w)
	}
	if b := r.Baseline; b != nil {
		fmt.Fprintf(w, "Baseline %s: %d expected failure(s), %d regression(s), %d unexpected pass(es)\n",
			b.File, b.Expected, len(b.Regressions), len(b.UnexpectedPasses))
		for _, u := range b.UnexpectedPasses {
			fmt.Fprintf(w, "  UNEXPECTED PASS %s\n", u)
		}
		for _, u := range b.Unused {
			fmt.Fprintf(w, "  unused entry    %s\n", u)
		}
		fmt.Fprintln(w)
	}
}

func countLine(by map[Status]int) string {
	var parts []string
	for _, st := range Statuses {
		if by[st] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", by[st], st))
		}
	}
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, ", ")
}

func table(w io.Writer, title string, rows map[string]map[Status]int) {
	if len(rows) == 0 {
		return
	}
	fmt.Fprintf(w, "  %-28s %7s %7s %8s %8s %8s\n", title, "passed", "failed", "not-impl", "n/a", "skipped")
	for _, r := range sortedRows(rows) {
		k, c := r.Name, r.Counts
		fmt.Fprintf(w, "  %-28s %7d %7d %8d %8d %8d\n", k, c[Passed], c[Failed], c[NotImplemented], c[NotApplicable], c[Skipped])
	}
	fmt.Fprintln(w)
}

// FirstLine is the first line of a message, trimmed: the one line that explains a failure.
func FirstLine(s string) string { return firstLine(s) }

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

// WriteMarkdown renders a summary that fits a CI job summary.
func WriteMarkdown(w io.Writer, r *Report) error {
	fmt.Fprintf(w, "## Cognito MFA-preference conformance: %s", r.Target.Name)
	if r.Target.Profile != "" {
		fmt.Fprintf(w, " (profile `%s`)", r.Target.Profile)
	}
	fmt.Fprintf(w, "\n\n**%d scenarios:** %s\n\n", r.Summary.Total, countLine(r.Summary.ByStatus))
	mdTable(w, "Operation", r.Summary.ByOperation)
	mdTable(w, "Evidence", r.Summary.ByEvidence)
	if len(r.Conflicts) > 0 {
		fmt.Fprintln(w, "| Conflict | Behaviours | Target follows |\n|---|---|---|")
		for _, c := range r.Conflicts {
			fmt.Fprintf(w, "| %s | %s | %s |\n", c.Topic, strings.Join(c.Behaviours, ", "), c.Follows)
		}
		fmt.Fprintln(w)
	}
	if b := r.Baseline; b != nil {
		fmt.Fprintf(w, "Baseline `%s`: %d expected failures, %d regressions, %d unexpected passes.\n\n",
			b.File, b.Expected, len(b.Regressions), len(b.UnexpectedPasses))
		for _, u := range b.UnexpectedPasses {
			fmt.Fprintf(w, "- **Unexpected pass:** %s\n", mdEscape(u))
		}
		if len(b.UnexpectedPasses) > 0 {
			fmt.Fprintln(w)
		}
	}
	var fails []*Scenario
	for _, sc := range r.Scenarios {
		if sc.Status == Failed && sc.Baseline == "" {
			fails = append(fails, sc)
		}
	}
	if len(fails) > 0 {
		fmt.Fprintln(w, "### Failures\n\n| Scenario | Behaviours | Why |\n|---|---|---|")
		for _, sc := range fails {
			fmt.Fprintf(w, "| %s (`%s`) | %s | %s |\n", mdEscape(sc.Name), sc.URI, strings.Join(sc.Behaviours, ", "), mdEscape(firstLine(sc.Message)))
		}
	}
	return nil
}

func mdTable(w io.Writer, title string, rows map[string]map[Status]int) {
	if len(rows) == 0 {
		return
	}
	fmt.Fprintf(w, "| %s | passed | failed | not implemented | not applicable | skipped |\n|---|---|---|---|---|---|\n", title)
	for _, r := range sortedRows(rows) {
		k, c := r.Name, r.Counts
		fmt.Fprintf(w, "| %s | %d | %d | %d | %d | %d |\n", k, c[Passed], c[Failed], c[NotImplemented], c[NotApplicable], c[Skipped])
	}
	fmt.Fprintln(w)
}

func mdEscape(s string) string { return strings.ReplaceAll(s, "|", "\\|") }
