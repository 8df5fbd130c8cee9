package mutants

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
)

// killedBy renders a result's kills as a count and the catalogue ids of the killing
// scenarios, on-target ones first: "3 (3 on target): B3×2, B2+B3×1".
func killedBy(r Result) string {
	if r.Err != nil {
		return "run failed: " + oneLine(r.Err.Error())
	}
	if len(r.Kills) == 0 {
		return "-"
	}
	var order []string
	count := map[string]int{}
	for _, on := range []bool{true, false} {
		for _, k := range r.Kills {
			if k.OnTarget != on {
				continue
			}
			label := strings.Join(k.IDs, "+")
			if label == "" {
				label = "untagged"
			}
			if count[label] == 0 {
				order = append(order, label)
			}
			count[label]++
		}
	}
	parts := make([]string, len(order))
	for i, l := range order {
		parts[i] = fmt.Sprintf("%s×%d", l, count[l])
	}
	return fmt.Sprintf("%d (%d on target): %s", len(r.Kills), r.OnTarget(), strings.Join(parts, ", "))
}

func status(r Result) string {
	if r.Outcome == OffTarget {
		return "OFF-TARGET"
	}
	return string(r.Outcome)
}

// WriteTable writes the console table and the verdict.
func (s *Summary) WriteTable(w io.Writer) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "MUTATION\tPROFILE\tBREAKS\tKILLED BY (scenarios: their catalogue ids)\tSTATUS")
	for _, r := range s.Results {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", r.Mutation.Name, r.Profile, strings.Join(r.Mutation.Breaks, ","), killedBy(r), status(r))
	}
	_ = tw.Flush()
	fmt.Fprintln(w)
	s.writeVerdict(w, "")
}

// WriteMarkdown writes the table as Markdown, with the killing scenarios of every mutation.
func (s *Summary) WriteMarkdown(w io.Writer) {
	fmt.Fprintln(w, "# Mutation testing of the conformance suite")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| mutation | profile | breaks | killed by | status |")
	fmt.Fprintln(w, "|---|---|---|---|---|")
	for _, r := range s.Results {
		fmt.Fprintf(w, "| `%s` | %s | %s | %s | %s |\n", r.Mutation.Name, r.Profile, strings.Join(r.Mutation.Breaks, ", "),
			mdEscape(killedBy(r)), status(r))
	}
	fmt.Fprintln(w)
	s.writeVerdict(w, "- ")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "## Mutations and the scenarios that kill them")
	for _, r := range s.Results {
		fmt.Fprintf(w, "\n### `%s` (%s)\n\n%s\n\n", r.Mutation.Name, status(r), mdEscape(r.Mutation.Description))
		if r.Err != nil {
			fmt.Fprintf(w, "The run failed: %s\n", mdEscape(oneLine(r.Err.Error())))
			continue
		}
		if len(r.Kills) == 0 {
			fmt.Fprintln(w, "No scenario noticed it.")
			continue
		}
		for _, k := range r.Kills {
			mark := "on target"
			if !k.OnTarget {
				mark = "also"
			}
			fmt.Fprintf(w, "- %s (%s; %s) %s\n", mdEscape(k.Name), strings.Join(k.IDs, ", "), mark, k.URI)
		}
	}
}

func (s *Summary) writeVerdict(w io.Writer, bullet string) {
	for _, b := range s.Baselines {
		fmt.Fprintf(w, "%sbaseline (unmutated, profile %s): %d passed, %d not applicable, %d broken\n",
			bullet, b.Profile, b.Passed, b.NotApplicable, len(b.Broken))
		if b.Err != nil {
			fmt.Fprintf(w, "%s  run failed: %s\n", bullet, oneLine(b.Err.Error()))
		}
		for _, x := range b.Broken {
			fmt.Fprintf(w, "%s  %s\n", bullet, oneLine(x))
		}
	}
	if len(s.Results) > 0 {
		k, n := s.Score()
		fmt.Fprintf(w, "%smutation score: %d/%d killed on target (%.0f%%)\n", bullet, k, n, 100*float64(k)/float64(n))
	}
	if s.coverage {
		if len(s.Uncovered) == 0 {
			fmt.Fprintf(w, "%scatalogue ids the suite claims (%d): every one has a mutation\n", bullet, len(s.Claimed))
		} else {
			fmt.Fprintf(w, "%scatalogue ids the suite claims but no mutation breaks: %s\n", bullet, strings.Join(s.Uncovered, ", "))
		}
	}
	fmt.Fprintf(w, "%swall time: %.1fs\n", bullet, s.Duration.Seconds())
	for _, r := range s.Results {
		switch r.Outcome {
		case Survived:
			if s.full {
				fmt.Fprintf(w, "%sSURVIVED: %s: no scenario fails against it; add a scenario tagged %s that notices it\n",
					bullet, r.Mutation.Name, tagList(r.Mutation.Breaks))
			} else {
				fmt.Fprintf(w, "%sSURVIVED: %s: no scenario tagged %s fails against it (only those ran: --full runs the whole suite and shows off-target kills); add a scenario tagged so that notices it\n",
					bullet, r.Mutation.Name, tagList(r.Mutation.Breaks))
			}
		case OffTarget:
			fmt.Fprintf(w, "%sOFF-TARGET: %s: only scenarios not tagged %s fail against it\n", bullet, r.Mutation.Name, tagList(r.Mutation.Breaks))
		}
	}
	if s.OK() {
		fmt.Fprintf(w, "%sresult: every mutation is killed by a scenario of the behaviour it breaks\n", bullet)
	} else {
		fmt.Fprintf(w, "%sresult: FAILED\n", bullet)
	}
}

func tagList(ids []string) string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = "@" + id
	}
	return strings.Join(out, " or ")
}

func oneLine(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 200 {
		s = s[:200] + "…"
	}
	return s
}

func mdEscape(s string) string { return strings.ReplaceAll(s, "|", "\\|") }
