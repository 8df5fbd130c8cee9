package reports

import (
	"regexp"
	"sort"
	"strings"
)

// Evidence levels of the catalogue (../shared/spec/behaviors.md), one per scenario.
const (
	EvidenceDocumented  = "documented"
	EvidenceAWSVerified = "aws-verified"
	EvidenceInferred    = "inferred"
)

// Operations are the API operations a scenario may be tagged with. A scenario's operation tag
// names the operation whose behaviour it checks, not every call it makes.
var Operations = []string{
	"AdminSetUserMFAPreference", "SetUserMFAPreference", "AdminSetUserSettings",
	"AdminGetUser", "GetUser", "InitiateAuth", "RespondToAuthChallenge",
	// Operations whose answers the MFA settings shape (B22 registration, B23, B24) or that
	// put a user in the state a preference call must refuse (B27).
	"AssociateSoftwareToken", "VerifySoftwareToken", "ForgotPassword", "AdminResetUserPassword",
}

// Catalogue ids: B1… for behaviours, S1.1… for the wire-contract sections (catalogue/).
var behaviourTag = regexp.MustCompile(`^(B[0-9]+|S[0-9]+(\.[0-9]+)*)$`)

// Meta is what a scenario's tags say about it.
type Meta struct {
	Behaviours []string `json:"behaviours"`
	Evidence   string   `json:"evidence"`
	Operations []string `json:"operations"`
	Conflict   string   `json:"conflict,omitempty"` // topic of a documented-vs-observed conflict
	Needs      []string `json:"needs,omitempty"`    // capabilities the scenario needs
}

// Classify reads the tags of a scenario ("@B7", "@documented", "@AdminSetUserMFAPreference",
// "@conflict-totp-before-registration", "@needs-sms").
func Classify(tags []string) Meta {
	var m Meta
	ops := map[string]bool{}
	for _, op := range Operations {
		ops[op] = true
	}
	for _, raw := range tags {
		t := strings.TrimPrefix(raw, "@")
		switch {
		case behaviourTag.MatchString(t):
			m.Behaviours = appendUnique(m.Behaviours, t)
		case t == EvidenceDocumented || t == EvidenceAWSVerified || t == EvidenceInferred:
			m.Evidence = t
		case ops[t]:
			m.Operations = appendUnique(m.Operations, t)
		case strings.HasPrefix(t, "conflict-"):
			m.Conflict = strings.TrimPrefix(t, "conflict-")
		case strings.HasPrefix(t, "needs-"):
			m.Needs = appendUnique(m.Needs, strings.TrimPrefix(t, "needs-"))
		}
	}
	sort.Slice(m.Behaviours, func(i, j int) bool { return behaviourLess(m.Behaviours[i], m.Behaviours[j]) })
	return m
}

func appendUnique(list []string, v string) []string {
	for _, x := range list {
		if x == v {
			return list
		}
	}
	return append(list, v)
}

func behaviourLess(a, b string) bool {
	if len(a) != len(b) {
		return len(a) < len(b)
	}
	return a < b
}
