// Package redact removes secrets from everything the harness writes: AWS keys and signatures,
// session tokens, access/ID/refresh tokens, sessions, TOTP secrets and codes, passwords.
//
// Two mechanisms work together. Known-field redaction blanks JSON members and headers that
// carry secrets by definition. Value redaction replaces every occurrence of a secret value the
// run has seen (registered with Add), wherever it shows up: a token echoed in an error
// message, a key in a URL, a code in a CLI command line.
package redact

import (
	"encoding/json"
	"net/http"
	"regexp"
	"sort"
	"strings"
	"sync"
)

// Mask replaces a redacted value.
const Mask = "[REDACTED]"

// SecretFields are JSON member names whose values are always secret.
var SecretFields = map[string]bool{
	"AccessToken": true, "IdToken": true, "RefreshToken": true, "Session": true,
	"SecretCode": true, "UserCode": true, "Password": true, "TemporaryPassword": true,
	"ProposedPassword": true, "PreviousPassword": true, "ConfirmationCode": true,
	"SOFTWARE_TOKEN_MFA_CODE": true, "SMS_MFA_CODE": true, "EMAIL_OTP_CODE": true,
	"PASSWORD": true, "NEW_PASSWORD": true, "REFRESH_TOKEN": true, "SECRET_HASH": true,
	"ClientSecret": true, "SecretAccessKey": true, "SessionToken": true,
}

var secretHeaders = []string{"X-Amz-Security-Token", "Cookie", "Set-Cookie"}

// jwtLike matches JSON Web Tokens anywhere in text.
var jwtLike = regexp.MustCompile(`eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}`)

// signature matches the signature part of a SigV4 Authorization header.
var signature = regexp.MustCompile(`(Signature=)[0-9a-f]+`)

// Redactor remembers secret values and removes them from text.
type Redactor struct {
	mu       sync.RWMutex
	values   map[string]struct{}
	replacer *strings.Replacer // rebuilt when values change; nil when there are none
}

// New returns a redactor that already knows the given secret values.
func New(values ...string) *Redactor {
	r := &Redactor{values: map[string]struct{}{}}
	r.Add(values...)
	return r
}

// Add registers secret values. Values shorter than 4 characters are ignored: masking "1" or
// "ab" everywhere would destroy the report without protecting anything.
func (r *Redactor) Add(values ...string) {
	if r == nil {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	changed := false
	for _, v := range values {
		if _, ok := r.values[v]; len(v) >= 4 && !ok {
			r.values[v] = struct{}{}
			changed = true
		}
	}
	if !changed {
		return
	}
	// Longest first, so a secret that contains another is masked whole.
	vals := make([]string, 0, len(r.values))
	for v := range r.values {
		vals = append(vals, v)
	}
	sort.Slice(vals, func(i, j int) bool { return len(vals[i]) > len(vals[j]) })
	pairs := make([]string, 0, 2*len(vals))
	for _, v := range vals {
		pairs = append(pairs, v, Mask)
	}
	r.replacer = strings.NewReplacer(pairs...)
}

// ValuesIn returns the string values of every secret member (SecretFields) of a JSON document,
// at any depth, so they can be registered with Add.
func ValuesIn(body string) []string {
	var doc any
	if json.Unmarshal([]byte(body), &doc) != nil {
		return nil
	}
	var out []string
	var walk func(v any)
	walk = func(v any) {
		switch t := v.(type) {
		case map[string]any:
			for k, val := range t {
				if s, ok := val.(string); ok && SecretFields[k] {
					out = append(out, s)
					continue
				}
				walk(val)
			}
		case []any:
			for _, e := range t {
				walk(e)
			}
		}
	}
	walk(doc)
	return out
}

// String removes every known secret value, JWT and SigV4 signature from s.
func (r *Redactor) String(s string) string {
	if s == "" {
		return s
	}
	s = jwtLike.ReplaceAllString(s, Mask)
	s = signature.ReplaceAllString(s, "${1}"+Mask)
	if r == nil {
		return s
	}
	r.mu.RLock()
	rep := r.replacer
	r.mu.RUnlock()
	if rep == nil {
		return s
	}
	return rep.Replace(s)
}

// JSON blanks secret members of a JSON document (at any depth) and then applies String.
// Text that is not JSON is only passed through String.
func (r *Redactor) JSON(body string) string {
	var doc any
	if err := json.Unmarshal([]byte(body), &doc); err != nil {
		return r.String(body)
	}
	doc = blankFields(doc)
	out, err := json.Marshal(doc)
	if err != nil {
		return r.String(body)
	}
	return r.String(string(out))
}

func blankFields(v any) any {
	switch t := v.(type) {
	case map[string]any:
		for k, val := range t {
			if SecretFields[k] {
				if _, isString := val.(string); isString {
					t[k] = Mask
					continue
				}
			}
			t[k] = blankFields(val)
		}
	case []any:
		for i := range t {
			t[i] = blankFields(t[i])
		}
	}
	return v
}

// Headers returns a copy of h with secret headers masked and the rest passed through String.
// An Authorization header keeps only its scheme and SigV4 credential scope (which names the
// access key id, date, region and service, but no secret).
func (r *Redactor) Headers(h http.Header) http.Header {
	out := http.Header{}
	for k, vs := range h {
		for _, v := range vs {
			if isSecretHeader(k) {
				v = Mask
			} else if strings.EqualFold(k, "Authorization") {
				v = authorization(v)
			}
			out.Add(k, r.String(v))
		}
	}
	return out
}

func authorization(v string) string {
	scheme, rest, _ := strings.Cut(v, " ")
	if scheme != "AWS4-HMAC-SHA256" {
		return scheme + " " + Mask
	}
	for _, part := range strings.Split(rest, ",") {
		if p := strings.TrimSpace(part); strings.HasPrefix(p, "Credential=") {
			return scheme + " " + p + ", SignedHeaders=…, Signature=" + Mask
		}
	}
	return scheme + " " + Mask
}

func isSecretHeader(k string) bool {
	for _, s := range secretHeaders {
		if strings.EqualFold(s, k) {
			return true
		}
	}
	return false
}
