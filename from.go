package conformance

import (
	"fmt"
	"strings"

	"github.com/cognito-conformance/cognito-conformance/featureset"
	"github.com/cognito-conformance/cognito-conformance/reports"
)

// DefaultFromStatuses are the statuses --from reruns when --only is not given.
var DefaultFromStatuses = []string{string(reports.Failed), string(reports.Inconclusive)}

// fromReport reads --from REPORT and returns which scenarios to run: those the report gave one
// of the --only statuses (failed and inconclusive by default). Scenarios are named by feature
// file and name; the rows of an outline share a name, so they run together.
func fromReport(cfg Config) (func(uri, name string) bool, error) {
	if cfg.From == "" {
		if len(cfg.FromStatuses) > 0 {
			return nil, fmt.Errorf("--only needs --from REPORT")
		}
		return nil, nil
	}
	rep, err := reports.ReadJSON(cfg.From)
	if err != nil {
		return nil, fmt.Errorf("--from: %w", err)
	}
	statuses := cfg.FromStatuses
	if len(statuses) == 0 {
		statuses = DefaultFromStatuses
	}
	want := map[reports.Status]bool{}
	for _, s := range statuses {
		st := reports.Status(strings.TrimSpace(s))
		known := false
		for _, k := range reports.Statuses {
			known = known || k == st
		}
		if !known {
			names := make([]string, len(reports.Statuses))
			for i, k := range reports.Statuses {
				names[i] = string(k)
			}
			return nil, fmt.Errorf("--only: unknown status %q (use %s)", s, strings.Join(names, ", "))
		}
		want[st] = true
	}
	keep := map[string]bool{}
	for _, s := range rep.Scenarios {
		if want[s.Status] {
			keep[s.URI+"\x00"+s.Name] = true
		}
	}
	if len(keep) == 0 {
		return nil, fmt.Errorf("--from %s: no scenario is %s there: nothing to run", cfg.From, strings.Join(statuses, " or "))
	}
	return func(uri, name string) bool { return keep[uri+"\x00"+name] }, nil
}

// keepSelected narrows the planned scenarios to those --from keeps.
func keepSelected(selected []featureset.Selected, only func(uri, name string) bool) []featureset.Selected {
	if only == nil {
		return selected
	}
	var out []featureset.Selected
	for _, s := range selected {
		if only(s.Path, s.Name) {
			out = append(out, s)
		}
	}
	return out
}
