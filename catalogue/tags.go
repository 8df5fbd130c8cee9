package catalogue

import (
	"sort"
	"strings"
)

// The meaning of a scenario's tags lives here and only here: reports, the runner, the steps,
// the mutation tester and the checks of the features ask this file.
//
//	@B7, @S1.2                       catalogue id (IsID): the behaviour the scenario encodes
//	@documented @aws-verified @inferred   evidence: exactly one per scenario
//	@AdminSetUserMFAPreference …     the operation whose behaviour it checks (Operations)
//	@conflict-<topic>                one side of a documented-versus-observed conflict
//	@needs-<capability>              a target capability (sms, email, aws-cli, boto3)
//	@client-cli, @client-boto3, @client-js   the client program the scenario runs (Clients)

// Operations are the API operations a scenario may be tagged with. A scenario's operation tag
// names the operation whose behaviour it checks, not every call it makes.
var Operations = []string{
	"AdminSetUserMFAPreference", "SetUserMFAPreference", "AdminSetUserSettings",
	"AdminGetUser", "GetUser", "InitiateAuth", "RespondToAuthChallenge",
	// Operations whose answers the MFA settings shape (B22 registration, B23, B24) or that
	// put a user in the state a preference call must refuse (B27).
	"AssociateSoftwareToken", "VerifySoftwareToken", "ForgotPassword", "AdminResetUserPassword",
}

var operations = func() map[string]bool {
	m := make(map[string]bool, len(Operations))
	for _, op := range Operations {
		m[op] = true
	}
	return m
}()

// The client programs a scenario may run, by tag (without "@client-").
const (
	ClientCLI   = "cli"
	ClientBoto3 = "boto3"
	ClientJS    = "js" // amazon-cognito-identity-js under node
)

// Clients is every client program a scenario may run: a tag filter that means "the scenarios
// that run a client program" names them all.
var Clients = []string{ClientCLI, ClientBoto3, ClientJS}

// Meta is what a scenario's tags say about it.
type Meta struct {
	Behaviours []string `json:"behaviours"`
	Evidence   string   `json:"evidence"`
	Operations []string `json:"operations"`
	Conflict   string   `json:"conflict,omitempty"` // topic of a documented-vs-observed conflict
	Needs      []string `json:"needs,omitempty"`    // capabilities the scenario needs
	Clients    []string `json:"clients,omitempty"`  // client programs it runs (ClientCLI, ClientBoto3, ClientJS)
}

// Classify reads the tags of a scenario ("@B7", "@documented", "@AdminSetUserMFAPreference",
// "@conflict-totp-before-registration", "@needs-sms", "@client-cli"). Behaviours are sorted
// naturally (B3 before B12, B… before S…).
func Classify(tags []string) Meta {
	var m Meta
	for _, raw := range tags {
		t := strings.TrimPrefix(raw, "@")
		switch {
		case IsID(t):
			m.Behaviours = appendUnique(m.Behaviours, t)
		case IsEvidence(t):
			m.Evidence = t
		case operations[t]:
			m.Operations = appendUnique(m.Operations, t)
		case strings.HasPrefix(t, "conflict-"):
			m.Conflict = strings.TrimPrefix(t, "conflict-")
		case strings.HasPrefix(t, "needs-"):
			m.Needs = appendUnique(m.Needs, strings.TrimPrefix(t, "needs-"))
		case strings.HasPrefix(t, "client-"):
			m.Clients = appendUnique(m.Clients, strings.TrimPrefix(t, "client-"))
		}
	}
	sort.Slice(m.Behaviours, func(i, j int) bool { return Less(m.Behaviours[i], m.Behaviours[j]) })
	return m
}

// IDs picks the catalogue ids out of a scenario's tags, without "@", in the order of the tags.
func IDs(tags []string) []string {
	var out []string
	for _, raw := range tags {
		if t := strings.TrimPrefix(raw, "@"); IsID(t) {
			out = appendUnique(out, t)
		}
	}
	return out
}

// IsID reports whether a tag ("@B7", "@S1.2") has the shape of a catalogue id, known or not:
// B and a number, or S and dot-separated numbers.
func IsID(tag string) bool {
	t := strings.TrimPrefix(tag, "@")
	if len(t) < 2 {
		return false
	}
	switch t[0] {
	case 'B':
		return allDigits(t[1:])
	case 'S':
		for _, part := range strings.Split(t[1:], ".") {
			if !allDigits(part) {
				return false
			}
		}
		return true
	}
	return false
}

// IsEvidence reports whether a tag (without "@") is an evidence label.
func IsEvidence(t string) bool { return t == Documented || t == AWSVerified || t == Inferred }

// Less orders catalogue ids naturally: B2 before B10, B… before S….
func Less(a, b string) bool {
	if a == "" || b == "" || a[0] != b[0] {
		return a < b
	}
	if len(a) != len(b) {
		return len(a) < len(b)
	}
	return a < b
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

func appendUnique(list []string, v string) []string {
	for _, x := range list {
		if x == v {
			return list
		}
	}
	return append(list, v)
}
