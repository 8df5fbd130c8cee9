package reports

import (
	"encoding/json"
	"fmt"
	"strings"
	"unicode"

	"github.com/cognito-conformance/cognito-conformance/catalogue"
)

// A reproduction is what an emulator author pastes into an upstream bug report: the exact
// requests of the scenario as AWS CLI commands (redacted: a value the run obtained, such as a
// token or a session, reads [REDACTED]), the answer expected and the one observed, and the
// catalogue entry with its evidence, so the maintainer can judge the claim.

// AddReproductions writes the reproduction of every failed scenario into the report.
func AddReproductions(r *Report) {
	for _, sc := range r.Scenarios {
		if sc.Status == Failed {
			sc.Repro = Reproduction(r, sc)
		} else {
			sc.Repro = ""
		}
	}
}

// Reproduction renders one scenario's reproduction as a Markdown block.
func Reproduction(r *Report, sc *Scenario) string {
	var b strings.Builder
	fmt.Fprintf(&b, "#### Reproduction: %s\n\n", sc.Name)
	fmt.Fprintf(&b, "- **Scenario:** `%s` (%s), %s\n", sc.URI, sc.Feature, sc.Status)
	for _, id := range sc.Behaviours {
		title := ""
		for _, e := range catalogue.Entries {
			if e.ID == id {
				title = ": " + e.Title
			}
		}
		fmt.Fprintf(&b, "- **Catalogue:** %s%s (evidence of this scenario: %s)\n", id, title, orDash(sc.Evidence))
	}
	target := r.Target.Name
	if r.Target.Endpoint != "" {
		target += " at " + r.Target.Endpoint
	}
	fmt.Fprintf(&b, "- **Target:** %s, region %s\n", target, orDash(r.Target.Region))
	for _, n := range sc.SetupNotes {
		fmt.Fprintf(&b, "- **Set-up:** %s\n", n)
	}
	expected, _, _ := strings.Cut(sc.Message, "\n")
	fmt.Fprintf(&b, "- **Expected vs observed:** %s\n\n", orDash(expected))

	last := lastSubject(sc.Records)
	if last < 0 {
		b.WriteString("The report kept no request of this scenario (run with records on to get them).\n")
		return b.String()
	}
	endpoint := r.Target.Endpoint
	if endpoint == "" {
		endpoint = "$ENDPOINT"
	}
	b.WriteString("Requests in order (set-up calls first; `[REDACTED]` is a value the run obtained, such as a token: use your own):\n\n```sh\n")
	for i, rec := range sc.Records[:last+1] {
		if rec.Role == "client" || (rec.Attempt > 1 && i > 0 && sc.Records[i-1].Operation == rec.Operation) {
			continue // a client program's run, or a retry of the call above
		}
		if rec.Role == "fixture" {
			b.WriteString("# set-up\n")
		} else {
			b.WriteString("# under test\n")
		}
		b.WriteString(cliCommand(rec, endpoint, r.Target.Region) + "\n")
	}
	b.WriteString("```\n\n")
	obs := sc.Records[last]
	fmt.Fprintf(&b, "Observed answer to %s: HTTP %d", obs.Operation, obs.Status)
	if obs.ErrorCode != "" {
		fmt.Fprintf(&b, " %s", obs.ErrorCode)
	}
	if obs.Transport != "" {
		fmt.Fprintf(&b, " (no answer: %s)", obs.Transport)
	}
	fmt.Fprintf(&b, "\n\n```json\n%s\n```\n", strings.TrimSpace(obs.Response.Body))
	return b.String()
}

// lastSubject is the index of the last exchange under test: the answer the failure is about.
func lastSubject(recs []Record) int {
	for i := len(recs) - 1; i >= 0; i-- {
		if recs[i].Role == "subject" {
			return i
		}
	}
	return -1
}

// cliCommand writes one recorded request as an AWS CLI call: the operation's kebab-case name,
// the body as --cli-input-json, and --no-sign-request for a call sent unsigned.
func cliCommand(rec Record, endpoint, region string) string {
	body := strings.TrimSpace(rec.Request.Body)
	var compact strings.Builder
	if json.Valid([]byte(body)) {
		var v any
		_ = json.Unmarshal([]byte(body), &v)
		out, _ := json.Marshal(v)
		compact.Write(out)
	} else {
		compact.WriteString(body)
	}
	cmd := fmt.Sprintf("aws cognito-idp %s --endpoint-url %s", CLIName(rec.Operation), endpoint)
	if region != "" {
		cmd += " --region " + region
	}
	if !rec.Signed {
		cmd += " --no-sign-request"
	}
	return cmd + " --cli-input-json " + shellQuote(compact.String())
}

// CLIName is the AWS CLI's name of an operation: AdminSetUserMFAPreference →
// admin-set-user-mfa-preference.
func CLIName(op string) string {
	rs := []rune(op)
	var b strings.Builder
	for i, c := range rs {
		if i > 0 && unicode.IsUpper(c) {
			prevLower := unicode.IsLower(rs[i-1]) || unicode.IsDigit(rs[i-1])
			nextLower := i+1 < len(rs) && unicode.IsLower(rs[i+1])
			if prevLower || (unicode.IsUpper(rs[i-1]) && nextLower) {
				b.WriteByte('-')
			}
		}
		b.WriteRune(unicode.ToLower(c))
	}
	return b.String()
}

func shellQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// FindScenario finds a scenario of a report by its exact name, else by a case-insensitive part
// of its name, else by a catalogue id ("B7") among the failed scenarios. It returns the
// candidates when the choice is ambiguous.
func FindScenario(r *Report, query string) (*Scenario, []*Scenario) {
	var exact, partial, byID []*Scenario
	q := strings.ToLower(strings.TrimSpace(query))
	for _, sc := range r.Scenarios {
		name := strings.ToLower(sc.Name)
		switch {
		case name == q:
			exact = append(exact, sc)
		case q != "" && strings.Contains(name, q):
			partial = append(partial, sc)
		}
		for _, id := range sc.Behaviours {
			if strings.EqualFold(id, q) && sc.Status == Failed {
				byID = append(byID, sc)
			}
		}
	}
	for _, set := range [][]*Scenario{exact, partial, byID} {
		switch len(set) {
		case 0:
			continue
		case 1:
			return set[0], nil
		default:
			return nil, set
		}
	}
	return nil, nil
}
