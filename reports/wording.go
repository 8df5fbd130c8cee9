package reports

import (
	"fmt"
	"strings"
)

// The sentences every rendering (console, Markdown, JUnit, HTML) shares, so that a verdict,
// an inconclusive scenario or a warning reads the same wherever one looks.

// verdictText is the run's verdict in words, with the option that changed it.
func verdictText(r *Report) string {
	s := map[Verdict]string{
		Conforms:      "conforms",
		NonConformant: "does not conform",
		Undecided:     "inconclusive",
	}[r.Verdict()]
	if r.Options.Strict {
		s += " (strict: wire-fidelity differences count as failures)"
	}
	return s
}

// interruptedLine says the run was stopped and how many scenarios that left unjudged.
func interruptedLine(r *Report) string {
	n := 0
	for _, sc := range r.Scenarios {
		if sc.Status == Inconclusive && sc.Cause == CauseInterrupted {
			n++
		}
	}
	return fmt.Sprintf("INTERRUPTED: the run was stopped; %s not judged", plural(n, "scenario was", "scenarios were"))
}

// cleanupLine counts what the run deleted and what it left.
func cleanupLine(c *CleanupOutcome) string {
	s := "deleted " + plural(len(c.Deleted), "user pool", "user pools")
	if len(c.Left) > 0 {
		s += fmt.Sprintf("; %d left behind", len(c.Left))
	}
	return s
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// section is a list of scenarios every rendering shows on its own, each with one line that
// explains it. Inconclusive scenarios and warnings are kept apart from failures: neither
// says the target breaks the contract.
type section struct {
	Title string // heading
	Label string // console marker in front of each scenario
	List  []*Scenario
	Why   func(*Scenario) string
}

// InferredNote says how to weigh a verdict by its evidence: an @inferred expectation is the
// catalogue's reading (a sibling operation's observation, an emulator's choice), not something
// seen on AWS for this operation.
const InferredNote = "A failure on an @inferred expectation is weaker news than one on @documented or @aws-verified: " +
	"the catalogue has no AWS observation of that behaviour for that operation, only a reading of its siblings or the model."

// evidenceNote is InferredNote when some failure or warning rests on an @inferred expectation.
func evidenceNote(r *Report) string {
	for _, sc := range r.Scenarios {
		if (sc.Status == Failed || sc.Status == Warning) && sc.Evidence == EvidenceInferred {
			return InferredNote
		}
	}
	return ""
}

func sections(r *Report) []section {
	return []section{
		{"Failed differently from the baseline", "FAILED DIFFERENTLY", failedDifferently(r), mismatchReason},
		{"Failures", "FAIL", byStatus(r, Failed, true), failureReason},
		{"Inconclusive (could not be judged)", "INCONCLUSIVE", byStatus(r, Inconclusive, true), inconclusiveReason},
		{"Warnings (wire fidelity)", "WARN", byStatus(r, Warning, true), warningReason},
	}
}

// byStatus lists the scenarios with status st that a baseline does (unexpected = false) or
// does not (unexpected = true) explain. Only failed and inconclusive scenarios are ever
// explained by a baseline. A scenario its baseline lists with another failure is left to
// failedDifferently.
func byStatus(r *Report, st Status, unexpected bool) []*Scenario {
	var out []*Scenario
	for _, sc := range r.Scenarios {
		if sc.Status == st && (sc.Baseline == "") == unexpected && sc.BaselineMismatch == "" {
			out = append(out, sc)
		}
	}
	return out
}

// failedDifferently lists the scenarios a baseline lists that ended another way than listed.
func failedDifferently(r *Report) []*Scenario {
	var out []*Scenario
	for _, sc := range r.Scenarios {
		if sc.BaselineMismatch != "" {
			out = append(out, sc)
		}
	}
	return out
}

// mismatchReason is the baseline's expectation and what happened instead.
func mismatchReason(sc *Scenario) string { return sc.BaselineMismatch }

// baselineLine counts how a run compares with its baseline.
func baselineLine(b *BaselineOutcome) string {
	s := fmt.Sprintf("%s, %s, %s, %s",
		plural(b.Expected, "expected outcome", "expected outcomes"),
		plural(len(b.Regressions), "regression", "regressions"),
		plural(len(b.FailedDifferently), "failed differently", "failed differently"),
		plural(len(b.UnexpectedPasses), "unexpected pass", "unexpected passes"))
	if n := len(b.IntermittentPasses); n > 0 {
		s += fmt.Sprintf(", %s (no error)", plural(n, "intermittent pass", "intermittent passes"))
	}
	return s
}

// failureReason is the line that explains a failure. Under --strict a scenario can fail on
// wire-fidelity differences alone, with no message: then the first difference explains it.
func failureReason(sc *Scenario) string {
	if sc.Message == "" && len(sc.Warnings) > 0 {
		return warningReason(sc)
	}
	return firstLine(sc.Message)
}

// inconclusiveReason is "cause: first line of the message".
func inconclusiveReason(sc *Scenario) string {
	if sc.Cause == "" {
		return firstLine(sc.Message)
	}
	return sc.Cause + ": " + firstLine(sc.Message)
}

// warningReason is the first wire-fidelity difference, and how many more there are.
func warningReason(sc *Scenario) string {
	if len(sc.Warnings) == 0 {
		return firstLine(sc.Message)
	}
	s := firstLine(sc.Warnings[0])
	if n := len(sc.Warnings) - 1; n > 0 {
		s += fmt.Sprintf(" (+%d more)", n)
	}
	return s
}

// warningsText lists every wire-fidelity difference, one a line.
func warningsText(sc *Scenario) string {
	if len(sc.Warnings) == 0 {
		return ""
	}
	return "wire-fidelity differences:\n- " + strings.Join(sc.Warnings, "\n- ")
}
