package steps

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
)

// Steps of the generated constraint features (features/constraints_*.feature, package
// constraints): what a validation error must say, and that a value within its bounds is not one.
// Their rows are in vocabulary.go.

// theErrorMessageNames checks that the message names each member (comma-separated) the way
// AWS quotes it: "at 'userPoolId'".
func (w *World) theErrorMessageNames(members string) error {
	if err := w.response(); err != nil {
		return err
	}
	msg := w.last.ErrorMessage()
	var missing []string
	for _, m := range splitList(members) {
		if !strings.Contains(msg, "'"+m+"'") {
			missing = append(missing, "'"+m+"'")
		}
	}
	if len(missing) > 0 {
		return w.mismatch("an error message naming", strings.Join(missing, ", "), fmt.Sprintf("%q", msg))
	}
	return nil
}

var validationPrefix = regexp.MustCompile(`^(\d+) validation errors? detected: `)

// theValidationMessageIs compares an AWS validation message ("2 validation errors detected:
// a; b") with the expected one: the same count and the same violations, in any order, since
// AWS's order across members is not known (catalogue M8 shows one member only).
func (w *World) theValidationMessageIs(want string) error {
	if err := w.response(); err != nil {
		return err
	}
	got := w.last.ErrorMessage()
	if got == want {
		return nil
	}
	wn, wparts := validationParts(want)
	gn, gparts := validationParts(got)
	if wn == "" || gn != wn || strings.Join(wparts, "\x00") != strings.Join(gparts, "\x00") {
		return w.mismatch("error message", fmt.Sprintf("%q (violations in any order)", want), fmt.Sprintf("%q", got))
	}
	return nil
}

// validationParts splits a validation message into its count and its sorted violations.
func validationParts(msg string) (string, []string) {
	m := validationPrefix.FindStringSubmatch(msg)
	if m == nil {
		return "", nil
	}
	parts := strings.Split(msg[len(m[0]):], "; ")
	sort.Strings(parts)
	return m[1], parts
}

// theRequestPassesValidation holds unless the answer is a validation error: an
// InvalidParameterException or ValidationException reporting "N validation error(s) detected",
// or a SerializationException. Any other answer (success, an unknown pool or user, a business
// rule) means the value got past the constraints, which is all a boundary row asks.
func (w *World) theRequestPassesValidation() error {
	if err := w.response(); err != nil {
		return err
	}
	code := w.last.ErrorCode()
	switch {
	case code == "SerializationException",
		(code == "InvalidParameterException" || code == "ValidationException") && validationPrefix.MatchString(w.last.ErrorMessage()):
		return w.mismatch("an answer that is not a validation error", "(no validation error)", summary(w.last))
	}
	return nil
}
