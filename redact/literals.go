package redact

import (
	"encoding/json"
	"net/http"
	"regexp"
	"strings"
)

// Literals are values a scenario wrote itself in its feature file: a deliberately malformed
// access token, a sample's user name. They are not secrets, and a failure message must show
// them: "moto echoed our literal token" is the finding, "[REDACTED]" hides it. Only what the
// run itself obtained (issued tokens, sessions, TOTP secrets, generated passwords, keys) is
// masked.
type Literals map[string]bool

// quoted finds the double-quoted strings of step text and of documents that are not JSON.
var quoted = regexp.MustCompile(`"((?:[^"\\]|\\.)*)"`)

// LiteralsOf collects the literal values of a scenario's step texts, docstrings and table
// cells: every quoted string and every JSON string value. Values that hold a placeholder
// (${AccessToken}) are filled by the run and are not literals; values shorter than 4
// characters never matter (the redactor ignores them).
func LiteralsOf(texts ...string) Literals {
	l := Literals{}
	add := func(s string) {
		if len(s) >= 4 && !strings.Contains(s, "${") {
			l[s] = true
		}
	}
	for _, t := range texts {
		// A document that is no object or array (a step text, a cell, a JSON scalar) adds no
		// string the quoted pattern below does not find: it is not parsed.
		if trimmed := strings.TrimLeft(t, " \t\r\n"); trimmed != "" && (trimmed[0] == '{' || trimmed[0] == '[') {
			var doc any
			if json.Unmarshal([]byte(t), &doc) == nil {
				walkStrings(doc, add)
			}
		}
		for _, m := range quoted.FindAllStringSubmatch(t, -1) {
			var s string
			if json.Unmarshal([]byte(`"`+m[1]+`"`), &s) == nil {
				add(s)
			}
			add(m[1])
		}
		if !strings.ContainsAny(t, "\"{[\n") {
			add(strings.TrimSpace(t)) // a table cell
		}
	}
	return l
}

func walkStrings(v any, fn func(string)) {
	switch t := v.(type) {
	case string:
		fn(t)
	case map[string]any:
		for _, e := range t {
			walkStrings(e, fn)
		}
	case []any:
		for _, e := range t {
			walkStrings(e, fn)
		}
	}
}

// Secrets returns the values that are not literals, to register with Redactor.Add.
func (l Literals) Secrets(values ...string) []string {
	out := values[:0:0]
	for _, v := range values {
		if !l[v] {
			out = append(out, v)
		}
	}
	return out
}

// View is a redactor seen from one scenario: it masks what the redactor masks, except the
// scenario's own literals, which no pattern (JWT shape, secret member) masks either.
type View struct {
	R    *Redactor
	Keep Literals
}

// String is Redactor.String, leaving literals alone.
func (v View) String(s string) string {
	if len(v.Keep) == 0 {
		return v.R.String(s)
	}
	// JWT-shaped literals survive the shape pattern; a registered value never is a literal
	// (Secrets filters them), so the value replacer needs no exception.
	var kept []string
	s = jwtLike.ReplaceAllStringFunc(s, func(m string) string {
		if v.Keep[m] {
			kept = append(kept, m)
			return "\x00" + string(rune('a'+len(kept)-1)) + "\x00"
		}
		return m
	})
	s = v.R.String(s)
	for i, m := range kept {
		s = strings.Replace(s, "\x00"+string(rune('a'+i))+"\x00", m, 1)
	}
	return s
}

// JSON is Redactor.JSON, leaving secret members whose value is a literal alone.
func (v View) JSON(body string) string {
	var doc any
	if err := json.Unmarshal([]byte(body), &doc); err != nil {
		return v.String(body)
	}
	doc = blankFieldsExcept(doc, v.Keep)
	out, err := json.Marshal(doc)
	if err != nil {
		return v.String(body)
	}
	return v.String(string(out))
}

// Headers is Redactor.Headers (no header carries a literal of the scenario).
func (v View) Headers(h http.Header) http.Header { return v.R.Headers(h) }

func blankFieldsExcept(v any, keep Literals) any {
	switch t := v.(type) {
	case map[string]any:
		for k, val := range t {
			if s, isString := val.(string); isString && SecretFields[k] {
				if !keep[s] {
					t[k] = Mask
				}
				continue
			}
			t[k] = blankFieldsExcept(val, keep)
		}
	case []any:
		for i := range t {
			t[i] = blankFieldsExcept(t[i], keep)
		}
	}
	return v
}
