package reference

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/cognito-conformance/cognito-conformance/constraints"
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
	v             []string
	serialization bool                   // a member of the wrong JSON type (table operations)
	op            string                 // the operation, for the table's checks
	off           func(rule string) bool // the data rules (patterns, table members) a mutation switched off
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
	if vd.serialization {
		return newErr("SerializationException", "")
	}
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

// ---- The operations the constraint table covers ----
//
// AdminSetUserMFAPreference, SetUserMFAPreference, AdminSetUserSettings, AdminGetUser and
// GetUser validate by the constraint table (package constraints), which the generated
// features/constraints_*.feature check: the reference enforces exactly the table, and a
// member added to the table is enforced (and gets its mutation) without code here.

// byTable is the validate step of an operation the table covers. It checks the request as
// decoded (rule member-types-match), so that what is validated is what the rules and the
// effect act on: a member a lenient decoder dropped is absent here too.
func byTable[In any](in *In, vd *validator) { vd.table(in) }

// table adds the table's violations of the decoded request, in the table's order, leaving
// out those of members a mutation switched off (the skip hook).
func (vd *validator) table(in any) {
	body, err := json.Marshal(in)
	if err != nil {
		panic("reference: a request type that does not encode: " + err.Error())
	}
	out, err := constraints.Check(vd.op, body, func(_ string, v constraints.Violation) bool {
		return vd.off != nil && vd.off(memberRule(v.Member))
	})
	if err != nil {
		panic("reference: " + err.Error()) // byTable given to an operation the table lacks
	}
	// The decoded request has Go's types; a type the table disagrees with is the reference's
	// own defect (TestTableOperationsDecodeTheTableTypes), answered as AWS answers a type error.
	vd.serialization = out.Serialization != ""
	for _, v := range out.Violations {
		vd.v = append(vd.v, v.Text)
	}
}

// typesByTable is the table's JSON-type check of a raw request body of op: "" when the op is
// not in the table or the types hold, else what is wrong.
func typesByTable(op string, body []byte) string {
	if _, ok := constraints.OperationNamed(op); !ok {
		return ""
	}
	out, err := constraints.Check(op, body, nil)
	if err != nil {
		return err.Error()
	}
	return out.Serialization
}

// tableMember is a request member the table constrains beyond its JSON type (required,
// length, pattern or enum), with the catalogue sections of the operations that have it.
type tableMember struct {
	name        string   // as the model spells it: "UserPoolId"
	constraints []string // "required", "length 1-55", "pattern", "enum"
	sections    []string // "S1.2", …
	ops         []string
}

// memberRule is the rule name under which a mutation switches a table member's validation
// off: "user-pool-id-constraints".
func memberRule(member string) string { return kebabCase(member) + "-constraints" }

// tableMembers are the constrained request members of the table, in the table's order, each
// declared as a data rule (never replaced, only switched off).
var tableMembers = func() []tableMember {
	var out []tableMember
	index := map[string]int{}
	for _, op := range constraints.Operations {
		in, _ := constraints.ShapeNamed(op.Input)
		eachMember(in, func(m constraints.Member, s *constraints.Shape) {
			cs := memberConstraints(m, s)
			if len(cs) == 0 {
				return
			}
			i, seen := index[m.Name]
			if !seen {
				i, index[m.Name] = len(out), len(out)
				out = append(out, tableMember{name: m.Name})
				declare(memberRule(m.Name), m.Name, true)
				declared[memberRule(m.Name)].dataOnly = true
			}
			t := &out[i]
			t.constraints = union(t.constraints, cs...)
			t.sections = union(t.sections, op.Section)
			t.ops = union(t.ops, op.Name)
		})
	}
	return out
}()

// eachMember visits the members of a structure and of the structures nested in it.
func eachMember(s *constraints.Shape, visit func(constraints.Member, *constraints.Shape)) {
	for _, m := range s.Members {
		inner, _ := constraints.ShapeNamed(m.Shape)
		visit(m, inner)
		if inner.Type == constraints.List {
			inner, _ = constraints.ShapeNamed(inner.Item)
		}
		if inner.Type == constraints.Structure {
			eachMember(inner, visit)
		}
	}
}

// memberConstraints names what the table asks of a member beyond its JSON type.
func memberConstraints(m constraints.Member, s *constraints.Shape) []string {
	var out []string
	if m.Required {
		out = append(out, "required")
	}
	switch {
	case s.Min != nil && s.Max != nil:
		out = append(out, fmt.Sprintf("length %d-%d", *s.Min, *s.Max))
	case s.Min != nil:
		out = append(out, fmt.Sprintf("length at least %d", *s.Min))
	case s.Max != nil:
		out = append(out, fmt.Sprintf("length at most %d", *s.Max))
	}
	if s.Pattern != "" {
		out = append(out, "pattern "+s.Pattern)
	}
	if len(s.Enum) > 0 {
		out = append(out, "enum ["+joinComma(s.Enum)+"]")
	}
	return out
}

func union(have []string, add ...string) []string {
	for _, a := range add {
		if !slices.Contains(have, a) {
			have = append(have, a)
		}
	}
	return have
}

// kebabCase spells a model member name as a rule or mutation name: "UserPoolId" is
// "user-pool-id", "MFAOptions" is "mfa-options".
func kebabCase(name string) string {
	rs := []rune(name)
	var b strings.Builder
	for i, r := range rs {
		upper := unicode.IsUpper(r)
		if upper && i > 0 && (!unicode.IsUpper(rs[i-1]) || (i+1 < len(rs) && unicode.IsLower(rs[i+1]))) {
			b.WriteByte('-')
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}
