package baseline

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/cognito-conformance/cognito-conformance/reports"
)

// Fingerprint is the part of a failure that stays the same from run to run: the step that
// failed (text of the feature, so no generated name), the answer the scenario last got (the
// operation, its HTTP status and normalised error code) and the broken assertion's first line
// with every generated value (pool ids, names, subs, times) replaced by a placeholder. An
// empty field matches anything, so a person may loosen an entry by deleting a field.
type Fingerprint struct {
	Step       string `json:"step,omitempty"`
	Operation  string `json:"operation,omitempty"`
	HTTPStatus int    `json:"httpStatus,omitempty"`
	ErrorCode  string `json:"errorCode,omitempty"`
	Assertion  string `json:"assertion,omitempty"`
}

// Observe is the fingerprint of how a scenario ended.
func Observe(sc *reports.Scenario) Fingerprint {
	fp := Fingerprint{Step: sc.FailedStep, Assertion: Normalize(reports.FirstLine(sc.Message))}
	if a := sc.LastAnswer; a != nil {
		fp.Operation, fp.HTTPStatus, fp.ErrorCode = a.Operation, a.Status, a.ErrorCode
	}
	return fp
}

// Matches reports whether an observed fingerprint fits this expected one: every field the
// expected one sets is equal.
func (want Fingerprint) Matches(got Fingerprint) bool {
	return want.sameDeviation(&got) && (want.Assertion == "" || want.Assertion == got.Assertion)
}

// sameDeviation compares everything but the assertion's wording: the same step failed on the
// same answer. A rewrite keeps a reason across a reworded message, not across a new answer.
func (want Fingerprint) sameDeviation(got *Fingerprint) bool {
	if got == nil {
		return false
	}
	eq := func(w, g string) bool { return w == "" || w == g }
	return eq(want.Step, got.Step) && eq(want.Operation, got.Operation) &&
		(want.HTTPStatus == 0 || want.HTTPStatus == got.HTTPStatus) && eq(want.ErrorCode, got.ErrorCode)
}

// String says the fingerprint in one line, for messages.
func (fp Fingerprint) String() string {
	var parts []string
	if fp.Step != "" {
		parts = append(parts, fmt.Sprintf("at step %q", fp.Step))
	}
	if fp.Operation != "" || fp.HTTPStatus != 0 || fp.ErrorCode != "" {
		a := []string{"answered"}
		if fp.Operation != "" && (fp.HTTPStatus != 0 || fp.ErrorCode != "") {
			a = []string{fp.Operation, "answered"}
		} else if fp.Operation != "" {
			a = []string{"after", fp.Operation}
		}
		if fp.HTTPStatus != 0 {
			a = append(a, fmt.Sprint(fp.HTTPStatus))
		}
		if fp.ErrorCode != "" {
			a = append(a, fp.ErrorCode)
		}
		parts = append(parts, strings.Join(a, " "))
	}
	if fp.Assertion != "" {
		parts = append(parts, fmt.Sprintf("with %q", fp.Assertion))
	}
	if len(parts) == 0 {
		return "(any failure)"
	}
	return strings.Join(parts, ", ")
}

// volatile are the generated values a failure message may quote, most specific first.
var volatile = []struct {
	re   *regexp.Regexp
	with string
}{
	// A user pool id: region, underscore, generated suffix (moto's is 32 hex characters).
	{regexp.MustCompile(`\b[a-z]{2}(?:-[a-z]+)+-\d_[0-9A-Za-z]+`), "<pool-id>"},
	{regexp.MustCompile(`(?i)\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b`), "<uuid>"},
	// The fixtures' generated names: pools, clients, users (also inside e-mail addresses).
	{regexp.MustCompile(`cogconf-[0-9A-Za-z-]+`), "<name>"},
	{regexp.MustCompile(`\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?`), "<time>"},
	{regexp.MustCompile(`\b\d{8}T\d{6}Z\b`), "<time>"},
	// Epoch times and other long numbers (codes, request counters).
	{regexp.MustCompile(`\b\d{6,}(?:\.\d+)?\b`), "<n>"},
	{regexp.MustCompile(`\b[0-9A-Za-z_-]{32,}\b`), "<id>"},
}

// maxAssertion bounds a fingerprint's assertion: the point is the expectation and the answer,
// not a whole body quoted by a message.
const maxAssertion = 240

// Normalize makes a failure line stable across runs: generated values become placeholders,
// runs of white space one space, and a long line is cut.
func Normalize(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	for _, v := range volatile {
		s = v.re.ReplaceAllString(s, v.with)
	}
	if r := []rune(s); len(r) > maxAssertion {
		s = string(r[:maxAssertion]) + "…"
	}
	return s
}
