package constraints

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Outcome is what the table says of a request body.
type Outcome struct {
	// Serialization: the body is not a JSON object, or a member has the wrong JSON type. AWS JSON
	// protocols deserialise before they validate, so no constraint is checked.
	Serialization string
	// Violations are the constraint violations in the AWS form (catalogue M7, M8), in the order
	// of the table's members, depth first: "Value 'x' at 'userPoolId' failed to satisfy
	// constraint: Member must satisfy regular expression pattern: [\w-]+_[0-9a-zA-Z]+".
	Violations []Violation
}

// Violation is one failed constraint of one member.
type Violation struct {
	At         string // the member as AWS names it: "userPoolId", "mFAOptions.2.member.attributeName"
	Member     string // the table's member name of the innermost shape: "AttributeName"
	Constraint string // required, pattern, min, max, enum
	Text       string
}

// OK reports whether the body passes the table.
func (o Outcome) OK() bool { return o.Serialization == "" && len(o.Violations) == 0 }

// Message is the InvalidParameterException message AWS gives for the violations:
// "1 validation error detected: …" or "N validation errors detected: …; …".
func (o Outcome) Message() string {
	texts := make([]string, len(o.Violations))
	for i, v := range o.Violations {
		texts[i] = v.Text
	}
	return Message(texts)
}

// Message renders violation texts the way AWS does (catalogue 1.1, M7, M8).
func Message(texts []string) string {
	noun := "error"
	if len(texts) != 1 {
		noun = "errors"
	}
	return fmt.Sprintf("%d validation %s detected: %s", len(texts), noun, strings.Join(texts, "; "))
}

// Skip, when it returns true for a violation, drops it: the reference target's mutations
// switch off the validation of one member this way.
type Skip func(op string, v Violation) bool

// Check validates a request body of the operation against the table. An empty body counts as
// {} (what the reference and AWS's JSON front end read it as); members the table does not
// know are ignored, as AWS JSON protocols ignore unknown members.
func Check(op string, body []byte, skip Skip) (Outcome, error) {
	o, ok := OperationNamed(op)
	if !ok {
		return Outcome{}, fmt.Errorf("constraints: no operation %q in the table", op)
	}
	if len(bytes.TrimSpace(body)) == 0 {
		body = []byte("{}")
	}
	var doc any
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	if err := dec.Decode(&doc); err != nil || dec.More() {
		return Outcome{Serialization: "the body is not JSON"}, nil
	}
	if _, isObj := doc.(map[string]any); !isObj {
		return Outcome{Serialization: "Start of structure or map found where not expected."}, nil
	}
	in := mustShape(o.Input)
	if msg := typeCheck(in, doc, in.Name); msg != "" {
		return Outcome{Serialization: msg}, nil
	}
	var out Outcome
	walk(in, doc, "", func(v Violation) {
		if skip == nil || !skip(op, v) {
			out.Violations = append(out.Violations, v)
		}
	})
	return out, nil
}

// typeCheck finds the first member whose JSON type is not its shape's; null is an absent member.
func typeCheck(s *Shape, v any, where string) string {
	if v == nil {
		return ""
	}
	bad := func(want string) string { return fmt.Sprintf("%s: expected %s, got %s", where, want, jsonType(v)) }
	switch s.Type {
	case String:
		if _, ok := v.(string); !ok {
			return bad("a string")
		}
	case Boolean:
		if _, ok := v.(bool); !ok {
			return bad("a boolean")
		}
	case Timestamp:
		if _, ok := v.(json.Number); !ok {
			return bad("a number")
		}
	case List:
		items, ok := v.([]any)
		if !ok {
			return bad("a list")
		}
		item := mustShape(s.Item)
		for i, e := range items {
			if msg := typeCheck(item, e, fmt.Sprintf("%s[%d]", where, i)); msg != "" {
				return msg
			}
		}
	case Structure:
		obj, ok := v.(map[string]any)
		if !ok {
			return bad("an object")
		}
		for _, m := range s.Members {
			if msg := typeCheck(mustShape(m.Shape), obj[m.Name], where+"."+m.Name); msg != "" {
				return msg
			}
		}
	}
	return ""
}

func jsonType(v any) string {
	switch v.(type) {
	case string:
		return "a string"
	case bool:
		return "a boolean"
	case json.Number:
		return "a number"
	case []any:
		return "a list"
	case map[string]any:
		return "an object"
	}
	return "null"
}

// walk checks the constraints of a type-checked value.
func walk(s *Shape, v any, at string, report func(Violation)) {
	switch s.Type {
	case Structure:
		obj, _ := v.(map[string]any)
		for _, m := range s.Members {
			child := AWSName(at, m.Name)
			val := obj[m.Name]
			if val == nil {
				if m.Required {
					report(Violation{At: child, Member: m.Name, Constraint: "required",
						Text: fmt.Sprintf("Value null at '%s' failed to satisfy constraint: Member must not be null", child)})
				}
				continue
			}
			inner := mustShape(m.Shape)
			if inner.Type == String {
				checkString(inner, val.(string), child, m.Name, report)
				continue
			}
			walk(inner, val, child, func(v Violation) {
				if v.Member == "" {
					v.Member = m.Name
				}
				report(v)
			})
		}
	case List:
		items, _ := v.([]any)
		item := mustShape(s.Item)
		for i, e := range items {
			child := fmt.Sprintf("%s.%d.member", at, i+1)
			if e == nil {
				continue
			}
			if item.Type == String {
				checkString(item, e.(string), child, "", report)
				continue
			}
			walk(item, e, child, report)
		}
	}
}

// checkString applies a string shape's constraints. An enum member reports only the enum;
// otherwise the pattern comes before the length bounds, as in M8.
func checkString(s *Shape, val, at, member string, report func(Violation)) {
	prefix := fmt.Sprintf("Value '%s' at '%s' failed to satisfy constraint: ", val, at)
	if s.Sensitive {
		prefix = fmt.Sprintf("Value at '%s' failed to satisfy constraint: ", at)
	}
	add := func(constraint, text string) {
		report(Violation{At: at, Member: member, Constraint: constraint, Text: prefix + text})
	}
	if len(s.Enum) > 0 {
		for _, e := range s.Enum {
			if e == val {
				return
			}
		}
		add("enum", "Member must satisfy enum value set: ["+strings.Join(s.Enum, ", ")+"]")
		return
	}
	if s.Pattern != "" && !Matches(s.Pattern, val) {
		add("pattern", "Member must satisfy regular expression pattern: "+s.Pattern)
	}
	length := utf8.RuneCountInString(val)
	if s.Min != nil && length < *s.Min {
		add("min", fmt.Sprintf("Member must have length greater than or equal to %d", *s.Min))
	}
	if s.Max != nil && length > *s.Max {
		add("max", fmt.Sprintf("Member must have length less than or equal to %d", *s.Max))
	}
}

// AWSName is the name AWS gives a member in its messages: the path of lower-camel member
// names ("MFAOptions" is "mFAOptions": only the first letter changes).
func AWSName(parent, member string) string {
	r, size := utf8.DecodeRuneInString(member)
	name := string(unicode.ToLower(r)) + member[size:]
	if parent == "" {
		return name
	}
	return parent + "." + name
}

var (
	patternMu    sync.Mutex
	patternCache = map[string]*regexp.Regexp{}
)

// Matches reports whether the whole value matches a model pattern (the model's patterns are
// unanchored; AWS applies them to the whole value).
func Matches(pattern, val string) bool {
	patternMu.Lock()
	re, ok := patternCache[pattern]
	if !ok {
		re = regexp.MustCompile(`^(?:` + pattern + `)$`)
		patternCache[pattern] = re
	}
	patternMu.Unlock()
	return re.MatchString(val)
}
