package steps

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/cucumber/godog"
	"github.com/tidwall/gjson"

	"github.com/cognito-conformance/cognito-conformance/outcome"
	"github.com/cognito-conformance/cognito-conformance/wire"
)

func (w *World) response() error {
	if w.last == nil {
		return fmt.Errorf("%w: no request has been sent yet", outcome.ErrIncomplete)
	}
	if w.last.TransportError != "" {
		return fmt.Errorf("%s", summary(w.last))
	}
	return nil
}

func (w *World) mismatch(what string, want, got any) error {
	return fmt.Errorf("expected %s %v, got %v\n  %s", what, want, got, summary(w.last))
}

func (w *World) theResponseStatusIs(want int) error {
	if err := w.response(); err != nil {
		return err
	}
	if w.last.Status != want {
		return w.mismatch("HTTP status", want, w.last.Status)
	}
	return nil
}

func (w *World) theResponseBodyIsExactly(want string) error {
	if err := w.response(); err != nil {
		return err
	}
	if got := strings.TrimSpace(w.last.Response.Body); got != want {
		return w.mismatch("body", fmt.Sprintf("%q", want), fmt.Sprintf("%q", got))
	}
	return nil
}

func (w *World) theErrorCodeIs(want string) error {
	if err := w.response(); err != nil {
		return err
	}
	if got := w.last.ErrorCode(); got != want {
		if got == "" {
			got = "no error"
		}
		return w.mismatch("error code", want, got)
	}
	return nil
}

func (w *World) theErrorMessageIs(want string) error {
	if err := w.response(); err != nil {
		return err
	}
	if got := w.last.ErrorMessage(); got != want {
		return w.mismatch("error message", fmt.Sprintf("%q", want), fmt.Sprintf("%q", got))
	}
	return nil
}

func (w *World) theErrorCarriesAMessage() error {
	if err := w.response(); err != nil {
		return err
	}
	if strings.TrimSpace(w.last.ErrorMessage()) == "" {
		return w.mismatch("an error message", "(non-empty)", `""`)
	}
	return nil
}

func (w *World) rejectedWithClientError() error {
	if err := w.response(); err != nil {
		return err
	}
	// Throttling is a 4xx with a code too, but it says nothing of the request: it never counts.
	code := w.last.ErrorCode()
	if w.last.Status < 400 || w.last.Status > 499 || code == "" || wire.Transient(w.last) {
		got := fmt.Sprintf("%d %s", w.last.Status, code)
		if code == "" {
			got = fmt.Sprintf("%d with no error code", w.last.Status)
		}
		return w.mismatch("a client error:", "4xx with an error code", got)
	}
	return nil
}

func (w *World) theHeaderIs(name, want string) error {
	if err := w.response(); err != nil {
		return err
	}
	if got := w.last.Response.Headers.Get(name); got != want {
		return w.mismatch("header "+name, fmt.Sprintf("%q", want), fmt.Sprintf("%q", got))
	}
	return nil
}

func (w *World) theHeaderIsPresent(name string) error {
	if err := w.response(); err != nil {
		return err
	}
	if w.last.Response.Headers.Get(name) == "" {
		return w.mismatch("header "+name, "(present)", "(absent)")
	}
	return nil
}

func (w *World) at(path string) (gjson.Result, error) {
	if err := w.response(); err != nil {
		return gjson.Result{}, err
	}
	if !gjson.Valid(w.last.Response.Body) {
		return gjson.Result{}, w.mismatch("a JSON body", "(JSON)", fmt.Sprintf("%q", w.last.Response.Body))
	}
	return gjson.Get(w.last.Response.Body, path), nil
}

func (w *World) theValueAtIs(path, want string) error {
	v, err := w.at(path)
	if err != nil {
		return err
	}
	if !v.Exists() || v.String() != want {
		return w.mismatch(path, fmt.Sprintf("%q", want), describe(v))
	}
	return nil
}

func (w *World) theValueAtIsPresent(path string) error {
	v, err := w.at(path)
	if err != nil {
		return err
	}
	if !v.Exists() || v.Type == gjson.Null {
		return w.mismatch(path, "(present)", "(absent)")
	}
	return nil
}

// succeeded guards assertions of absence: a member is trivially absent from an error answer,
// so "absent" only means something in a successful one.
func (w *World) succeeded() error {
	if err := w.response(); err != nil {
		return err
	}
	if w.last.Status/100 != 2 {
		return w.mismatch("a successful answer to read", "2xx", w.last.Status)
	}
	return nil
}

func (w *World) theValueAtIsAbsent(path string) error {
	if err := w.succeeded(); err != nil {
		return err
	}
	v, err := w.at(path)
	if err != nil {
		return err
	}
	if v.Exists() {
		return w.mismatch(path, "(absent)", describe(v))
	}
	return nil
}

func (w *World) theValueAtIsAbsentOrEmpty(path string) error {
	if err := w.succeeded(); err != nil {
		return err
	}
	v, err := w.at(path)
	if err != nil {
		return err
	}
	if v.Exists() && !(v.IsArray() && len(v.Array()) == 0) {
		return w.mismatch(path, "(absent or [])", describe(v))
	}
	return nil
}

// theListAtIs compares a JSON array with a comma-separated list as sets: the catalogue does
// not know the order of UserMFASettingList entries (B16).
func (w *World) theListAtIs(path, want string) error {
	v, err := w.at(path)
	if err != nil {
		return err
	}
	if !v.IsArray() {
		return w.mismatch(path, "a list ["+want+"]", describe(v))
	}
	var got []string
	for _, e := range v.Array() {
		got = append(got, e.String())
	}
	return w.sameSet(path, splitList(want), got)
}

// theEncodedListAtIs checks a string member that holds a JSON array, such as
// MFAS_CAN_CHOOSE = "[\"SMS_MFA\",\"SOFTWARE_TOKEN_MFA\"]" (catalogue B5).
func (w *World) theEncodedListAtIs(path, want string) error {
	v, err := w.at(path)
	if err != nil {
		return err
	}
	var got []string
	if v.Type != gjson.String || json.Unmarshal([]byte(v.String()), &got) != nil {
		return w.mismatch(path, "a string holding a JSON list", describe(v))
	}
	return w.sameSet(path, splitList(want), got)
}

func (w *World) sameSet(path string, want, got []string) error {
	a, b := append([]string(nil), want...), append([]string(nil), got...)
	sort.Strings(a)
	sort.Strings(b)
	if strings.Join(a, ",") != strings.Join(b, ",") {
		return w.mismatch(path, "["+strings.Join(want, ", ")+"]", "["+strings.Join(got, ", ")+"]")
	}
	return nil
}

func (w *World) theValueAtEquals(path string, doc *godog.DocString) error {
	v, err := w.at(path)
	if err != nil {
		return err
	}
	var want, got any
	if err := json.Unmarshal([]byte(doc.Content), &want); err != nil {
		return fmt.Errorf("the expected value is not JSON: %w", err)
	}
	if !v.Exists() {
		return w.mismatch(path, strings.TrimSpace(doc.Content), "(absent)")
	}
	_ = json.Unmarshal([]byte(v.Raw), &got)
	wb, _ := json.Marshal(want)
	gb, _ := json.Marshal(got)
	if string(wb) != string(gb) {
		return w.mismatch(path, string(wb), string(gb))
	}
	return nil
}

func (w *World) theSignInReturnsChallenge(want string) error {
	if err := w.theResponseStatusIs(200); err != nil {
		return err
	}
	return w.theValueAtIs("ChallengeName", want)
}

func (w *World) theSignInSucceeds() error {
	if err := w.theResponseStatusIs(200); err != nil {
		return err
	}
	if err := w.theValueAtIsAbsent("ChallengeName"); err != nil {
		return err
	}
	return w.theValueAtIsPresent("AuthenticationResult.AccessToken")
}

func describe(v gjson.Result) string {
	if !v.Exists() {
		return "(absent)"
	}
	return v.Raw
}

// theRequestIsNotAccepted is the precondition of a scenario that judges how a rejection is
// answered (its code, its status) with weaker evidence than the scenario that judges whether
// the request is rejected at all: a target that accepts the request deviates once, in that
// other scenario, and this one does not apply. Any answer that is not a success — a client
// error, a 5xx, no code — is left to the assertions that follow, which judge it.
func (w *World) theRequestIsNotAccepted() error {
	if err := w.response(); err != nil {
		return err
	}
	if w.last.Status/100 != 2 {
		return nil
	}
	owner := "the scenario that asserts the rejection"
	if ids := w.meta.Behaviours; len(ids) > 0 {
		owner = "the @" + strings.Join(ids, "/@") + " scenario that asserts the rejection"
	}
	w.notApplicable = fmt.Sprintf("the target accepted the request (%s answered %d), so there is no rejection to judge here; %s judges the acceptance",
		w.last.Operation, w.last.Status, owner)
	return godog.ErrSkip
}

// theSignInReturnsChallengeOrDoesNotApply is the precondition of a scenario that judges a
// challenge's parameters (a conflict about their names, say) when another scenario judges
// whether the challenge is asked at all: a sign-in that succeeded without this challenge is
// that other scenario's deviation, and this scenario does not apply. An error answer goes on
// to the assertions, which judge it (or the classifier, when it was a fault).
func (w *World) theSignInReturnsChallengeOrDoesNotApply(want string) error {
	if err := w.response(); err != nil {
		return err
	}
	if w.last.Status/100 != 2 {
		return nil
	}
	got := gjson.Get(w.last.Response.Body, "ChallengeName")
	if got.String() == want {
		return nil
	}
	w.notApplicable = fmt.Sprintf("the sign-in returned no %s challenge (ChallengeName %s), so there are no %s parameters to judge here; the scenario that asserts the challenge judges that",
		want, describe(got), want)
	return godog.ErrSkip
}
