package reports

import (
	"bufio"
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

// renderings are the files Write produces, in the order it writes them.
var renderings = []struct {
	name   string
	render func(io.Writer, *Report) error
}{
	{JSONFile, WriteJSON},
	{MarkdownFile, WriteMarkdown},
	{JUnitFile, WriteJUnit},
	{HTMLFile, WriteHTML},
}

// Write writes every rendering of the report into dir (created if missing) and returns the
// paths written. Each file is replaced atomically (WriteFileAtomic): a run stopped while
// writing leaves the previous report's files whole, never a truncated one beside them.
func Write(dir string, r *Report) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("creating report directory: %w", err)
	}
	var written []string
	for _, out := range renderings {
		path := filepath.Join(dir, out.name)
		if err := WriteFileAtomic(path, func(w io.Writer) error { return out.render(w, r) }); err != nil {
			return written, fmt.Errorf("writing %s: %w", path, err)
		}
		written = append(written, path)
	}
	return written, nil
}

// WriteFileAtomic writes path with what render produces: into a temporary file in the same
// directory (a rename is only atomic within one file system), synced, then renamed over path.
// Whoever reads path, and whatever stops the process, sees the previous file or the complete
// new one. On any error or panic in render the temporary file is removed and path is left as
// it was. The file gets mode 0644: reports are artefacts meant to be read by others.
func WriteFileAtomic(path string, render func(io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	renamed := false
	defer func() {
		if !renamed {
			_ = tmp.Close() // already closed on most paths; only the removal matters
			_ = os.Remove(tmp.Name())
		}
	}()
	// Buffered: renderers issue many small writes.
	buf := bufio.NewWriter(tmp)
	if err := render(buf); err != nil {
		return err
	}
	for _, step := range []func() error{buf.Flush, func() error { return tmp.Chmod(0o644) }, tmp.Sync, tmp.Close} {
		if err := step(); err != nil {
			return err
		}
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	renamed = true
	return nil
}

// WriteJSON writes report.json.
func WriteJSON(w io.Writer, r *Report) error {
	compact, err := json.Marshal(r)
	if err != nil {
		return err
	}
	bw, ok := w.(*bufio.Writer)
	if !ok {
		bw = bufio.NewWriter(w)
	}
	if err := writeIndented(bw, compact, "  "); err != nil {
		return err
	}
	return bw.Flush()
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

// WriteConsole prints the human summary: the verdict, score per operation and evidence level,
// conflicts, then each failure, inconclusive scenario and warning with the one line that
// explains it, the baseline outcome and what cleanup left behind.
func WriteConsole(w io.Writer, r *Report) {
	fmt.Fprintf(w, "\nConformance of %s", r.Target.Title())
	if r.Target.Profile != "" {
		fmt.Fprintf(w, " (profile %s)", r.Target.Profile)
	}
	fmt.Fprintf(w, " at %s\n", r.Target.Endpoint)
	if r.Interrupted {
		fmt.Fprintln(w, interruptedLine(r))
	}
	fmt.Fprintf(w, "Verdict: %s\n", verdictText(r))
	fmt.Fprintf(w, "%d scenarios: %s  in %.1fs\n\n", r.Summary.Total, countLine(r.Summary.ByStatus), float64(r.DurationMs)/1000)
	table(w, "operation", r.Summary.ByOperation)
	table(w, "evidence", r.Summary.ByEvidence)
	if note := evidenceNote(r); note != "" {
		fmt.Fprintf(w, "  %s\n\n", note)
	}
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
	for _, s := range sections(r) {
		consoleSection(w, s)
	}
	if b := r.Baseline; b != nil {
		fmt.Fprintf(w, "Baseline %s: %s\n", b.File, baselineLine(b))
		for _, u := range b.UnexpectedPasses {
			fmt.Fprintf(w, "  UNEXPECTED PASS %s\n", u)
		}
		for _, u := range b.IntermittentPasses {
			fmt.Fprintf(w, "  intermittent    %s\n", u)
		}
		for _, u := range b.Unused {
			fmt.Fprintf(w, "  unused entry    %s\n", u)
		}
		fmt.Fprintln(w)
	}
	if c := r.Cleanup; c != nil {
		consoleCleanup(w, c)
	}
}

func consoleSection(w io.Writer, s section) {
	if len(s.List) == 0 {
		return
	}
	fmt.Fprintf(w, "%s:\n", s.Title)
	for _, sc := range s.List {
		fmt.Fprintf(w, "  %s %s  %s [%s] @%s\n       %s\n", s.Label, sc.URI, sc.Name, strings.Join(sc.Behaviours, ","), sc.Evidence, s.Why(sc))
		if sc.Basis != nil && sc.Basis.Recording != nil && sc.Basis.Recording.Contradicts {
			// Real AWS breaks this expectation too: the reader of a CI log must not file it
			// upstream as the target's deviation without knowing that.
			fmt.Fprintf(w, "       %s\n", recordingLine(sc.Basis.Recording))
		}
	}
	fmt.Fprintln(w)
}

func consoleCleanup(w io.Writer, c *CleanupOutcome) {
	fmt.Fprintf(w, "Cleanup: %s\n", cleanupLine(c))
	for _, l := range c.Left {
		fmt.Fprintf(w, "  LEFT %s %s (%s): %s\n", l.Kind, l.Name, l.ID, firstLine(l.Error))
	}
	if len(c.Left) > 0 && c.SweepCommand != "" {
		fmt.Fprintf(w, "  Delete what was left with: %s\n", c.SweepCommand)
	}
	fmt.Fprintln(w)
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

// columnLabel is a status as a table column heading: short enough for a terminal.
func columnLabel(st Status) string {
	switch st {
	case NotImplemented:
		return "not-impl"
	case NotApplicable:
		return "n/a"
	}
	return string(st)
}

func table(w io.Writer, title string, rows map[string]map[Status]int) {
	if len(rows) == 0 {
		return
	}
	// Each count column is as wide as its heading, and wide enough for a count.
	width := func(st Status) int { return max(len(columnLabel(st)), 6) }
	fmt.Fprintf(w, "  %-28s", title)
	for _, st := range Statuses {
		fmt.Fprintf(w, " %*s", width(st), columnLabel(st))
	}
	fmt.Fprintln(w)
	for _, r := range sortedRows(rows) {
		fmt.Fprintf(w, "  %-28s", r.Name)
		for _, st := range Statuses {
			fmt.Fprintf(w, " %*d", width(st), r.Counts[st])
		}
		fmt.Fprintln(w)
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
	fmt.Fprintf(w, "## Cognito MFA-preference conformance: %s", r.Target.Title())
	if r.Target.Profile != "" {
		fmt.Fprintf(w, " (profile `%s`)", r.Target.Profile)
	}
	fmt.Fprint(w, "\n\n")
	if r.Interrupted {
		fmt.Fprintf(w, "> **%s**\n\n", interruptedLine(r))
	}
	fmt.Fprintf(w, "**Verdict: %s**\n\n", verdictText(r))
	fmt.Fprintf(w, "**%d scenarios:** %s\n\n", r.Summary.Total, countLine(r.Summary.ByStatus))
	mdTable(w, "Operation", r.Summary.ByOperation)
	mdTable(w, "Evidence", r.Summary.ByEvidence)
	if note := evidenceNote(r); note != "" {
		fmt.Fprintf(w, "%s\n\n", note)
	}
	if len(r.Conflicts) > 0 {
		fmt.Fprintln(w, "| Conflict | Behaviours | Target follows |\n|---|---|---|")
		for _, c := range r.Conflicts {
			fmt.Fprintf(w, "| %s | %s | %s |\n", c.Topic, strings.Join(c.Behaviours, ", "), c.Follows)
		}
		fmt.Fprintln(w)
	}
	if b := r.Baseline; b != nil {
		fmt.Fprintf(w, "Baseline `%s`: %s.\n\n", b.File, baselineLine(b))
		for _, u := range b.UnexpectedPasses {
			fmt.Fprintf(w, "- **Unexpected pass:** %s\n", mdEscape(u))
		}
		if len(b.UnexpectedPasses) > 0 {
			fmt.Fprintln(w)
		}
	}
	mdContradicted(w, r)
	for _, s := range sections(r) {
		mdSection(w, s)
	}
	if c := r.Cleanup; c != nil {
		mdCleanup(w, c)
	}
	mdReproductions(w, r)
	return nil
}

// mdReproductions appends each failure's reproduction (repro.go).
func mdReproductions(w io.Writer, r *Report) {
	first := true
	for _, sc := range r.Scenarios {
		if sc.Repro == "" {
			continue
		}
		if first {
			fmt.Fprint(w, "### Reproductions\n\n")
			first = false
		}
		fmt.Fprintln(w, sc.Repro)
	}
}

func mdTable(w io.Writer, title string, rows map[string]map[Status]int) {
	if len(rows) == 0 {
		return
	}
	fmt.Fprintf(w, "| %s |", title)
	for _, st := range Statuses {
		fmt.Fprintf(w, " %s |", columnLabel(st))
	}
	fmt.Fprintf(w, "\n|---|%s\n", strings.Repeat("---|", len(Statuses)))
	for _, r := range sortedRows(rows) {
		fmt.Fprintf(w, "| %s |", r.Name)
		for _, st := range Statuses {
			fmt.Fprintf(w, " %d |", r.Counts[st])
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintln(w)
}

func mdSection(w io.Writer, s section) {
	if len(s.List) == 0 {
		return
	}
	fmt.Fprintf(w, "### %s\n\n| Scenario | Why | Rests on |\n|---|---|---|\n", s.Title)
	for _, sc := range s.List {
		fmt.Fprintf(w, "| %s (`%s`) | %s | %s |\n", mdEscape(sc.Name), sc.URI, mdEscape(s.Why(sc)), mdEscape(basisLine(sc)))
	}
	fmt.Fprintln(w)
}

// mdContradicted lists the expectations a recording of real AWS contradicts, whatever the
// target's verdict on them: those verdicts mean less until someone looks.
func mdContradicted(w io.Writer, r *Report) {
	list := r.Contradicted()
	if len(list) == 0 {
		return
	}
	fmt.Fprintf(w, "### Expectations contradicted by real AWS (%d)\n\n%s\n\n| Scenario | Verdict here | Rests on |\n|---|---|---|\n", len(list), contradictedNote)
	for _, sc := range list {
		fmt.Fprintf(w, "| %s (`%s`) | %s | %s |\n", mdEscape(sc.Name), sc.URI, sc.Status, mdEscape(basisLine(sc)))
	}
	fmt.Fprintln(w)
}

func mdCleanup(w io.Writer, c *CleanupOutcome) {
	fmt.Fprintf(w, "**Cleanup:** %s\n\n", cleanupLine(c))
	if len(c.Left) == 0 {
		return
	}
	fmt.Fprintln(w, "| Left behind | Name | ID | Error |\n|---|---|---|---|")
	for _, l := range c.Left {
		fmt.Fprintf(w, "| %s | %s | `%s` | %s |\n", l.Kind, mdEscape(l.Name), l.ID, mdEscape(firstLine(l.Error)))
	}
	fmt.Fprintln(w)
	if c.SweepCommand != "" {
		fmt.Fprintf(w, "Delete what was left with `%s`\n", c.SweepCommand)
	}
}

func mdEscape(s string) string { return strings.ReplaceAll(s, "|", "\\|") }
