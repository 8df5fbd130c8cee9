package reference

import (
	"fmt"
	"regexp"
	"unicode/utf8"
)

// Constraint patterns as the AWS model states them. The anchored form is what
// we enforce; the unanchored form is what AWS prints in its messages (M7
// shows `[\w-]+_[0-9a-zA-Z]+` without anchors).
// A pattern is also a rule of its own name, which a mutation can switch off.
type pattern struct {
	name  string
	shown string
	re    *regexp.Regexp
}

func newPattern(name, p string) pattern {
	declare(name, p, true)
	declared[name].dataOnly = true
	return pattern{name: name, shown: p, re: regexp.MustCompile(`^(?:` + p + `)$`)}
}

var (
	patUserPoolID    = newPattern("user-pool-id-pattern", `[\w-]+_[0-9a-zA-Z]+`)
	patUsername      = newPattern("username-pattern", `[\p{L}\p{M}\p{S}\p{N}\p{P}]+`)
	patToken         = newPattern("token-pattern", `[A-Za-z0-9-_=.]+`)
	patAttributeName = newPattern("attribute-name-pattern", `[\p{L}\p{M}\p{S}\p{N}\p{P}\t\n\r ]+`)
	patClientID      = newPattern("client-id-pattern", `[\w+]+`)
	patUserCode      = newPattern("user-code-pattern", `[0-9]+`)
	patPassword      = newPattern("password-pattern", `[\S]+`)
	patSession       = newPattern("session-pattern", `[\s\S]+`)
)

// strRule describes one string member's constraints.
type strRule struct {
	member    string // lower-camel wire name used in messages
	required  bool
	min, max  int // max 0 = unlimited
	pat       *pattern
	sensitive bool // AWS omits the value of sensitive members: "Value at 'username' ..."
	enum      []string
}

// validator collects violations in request order so the message lists them
// the way AWS does.
type validator struct {
	v   []string
	off func(rule string) bool // the pattern rules a mutation switched off
}

func (vd *validator) prefix(r strRule, val string) string {
	if r.sensitive {
		return fmt.Sprintf("Value at '%s' failed to satisfy constraint: ", r.member)
	}
	return fmt.Sprintf("Value '%s' at '%s' failed to satisfy constraint: ", val, r.member)
}

func (vd *validator) str(r strRule, val *string) {
	if val == nil {
		if r.required {
			vd.v = append(vd.v, fmt.Sprintf("Value null at '%s' failed to satisfy constraint: Member must not be null", r.member))
		}
		return
	}
	s := *val
	if len(r.enum) > 0 {
		for _, e := range r.enum {
			if e == s {
				return
			}
		}
		vd.v = append(vd.v, vd.prefix(r, s)+"Member must satisfy enum value set: ["+joinComma(r.enum)+"]")
		return
	}
	// Pattern before length, as in M8.
	if r.pat != nil && !r.pat.re.MatchString(s) && !(vd.off != nil && vd.off(r.pat.name)) {
		vd.v = append(vd.v, vd.prefix(r, s)+"Member must satisfy regular expression pattern: "+r.pat.shown)
	}
	n := utf8.RuneCountInString(s)
	if n < r.min {
		vd.v = append(vd.v, vd.prefix(r, s)+fmt.Sprintf("Member must have length greater than or equal to %d", r.min))
	}
	if r.max > 0 && n > r.max {
		vd.v = append(vd.v, vd.prefix(r, s)+fmt.Sprintf("Member must have length less than or equal to %d", r.max))
	}
}

func (vd *validator) required(member string, present bool) {
	if !present {
		vd.v = append(vd.v, fmt.Sprintf("Value null at '%s' failed to satisfy constraint: Member must not be null", member))
	}
}

func (vd *validator) intRange(member string, val *int, required bool, min, max int) {
	if val == nil {
		if required {
			vd.required(member, false)
		}
		return
	}
	if *val < min {
		vd.v = append(vd.v, fmt.Sprintf("Value '%d' at '%s' failed to satisfy constraint: Member must have value greater than or equal to %d", *val, member, min))
	}
	if *val > max {
		vd.v = append(vd.v, fmt.Sprintf("Value '%d' at '%s' failed to satisfy constraint: Member must have value less than or equal to %d", *val, member, max))
	}
}

func (vd *validator) err() *apiError {
	if len(vd.v) == 0 {
		return nil
	}
	return errValidation(vd.v)
}

func joinComma(s []string) string {
	out := ""
	for i, e := range s {
		if i > 0 {
			out += ", "
		}
		out += e
	}
	return out
}

// Shared rules for the operations under test (catalogue 1.2-1.4).
var (
	ruleUserPoolID  = strRule{member: "userPoolId", required: true, min: 1, max: 55, pat: &patUserPoolID}
	ruleUsername    = strRule{member: "username", required: true, min: 1, max: 128, pat: &patUsername, sensitive: true}
	ruleAccessToken = strRule{member: "accessToken", required: true, pat: &patToken, sensitive: true}
	ruleClientID    = strRule{member: "clientId", required: true, min: 1, max: 128, pat: &patClientID, sensitive: true}
	ruleSession     = strRule{member: "session", min: 20, max: 2048, pat: &patSession}
	rulePassword    = strRule{member: "password", required: true, max: 256, pat: &patPassword, sensitive: true}
)
