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
	"net/textproto"
	"regexp"
	"slices"
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
//
// A run registers hundreds of values (every token, session and password it saw) and redacts
// every recorded header and body, so both must stay cheap as the set grows: values are indexed
// by their first four bytes (a bitset of their first two bytes rejects almost every position
// of a text at the cost of one load), and adding a value is a map insert, not a rebuild.
// At each position the longest registered value that starts there is masked, as
// strings.NewReplacer with the values longest first would.
type Redactor struct {
	mu     sync.RWMutex
	byHead map[string][]string  // first 4 bytes → values starting with them, longest first
	first2 [1 << 16 / 64]uint64 // bit set for the first two bytes of every value
}

// New returns a redactor that already knows the given secret values.
func New(values ...string) *Redactor {
	r := &Redactor{byHead: map[string][]string{}}
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
	for _, v := range values {
		if len(v) < 4 {
			continue
		}
		head := v[:4]
		list := r.byHead[head]
		if slices.Contains(list, v) {
			continue
		}
		// Longest first, so a secret that contains another is masked whole.
		i, _ := slices.BinarySearchFunc(list, len(v), func(e string, n int) int { return n - len(e) })
		r.byHead[strings.Clone(head)] = slices.Insert(list, i, v)
		k := uint16(v[0])<<8 | uint16(v[1])
		r.first2[k/64] |= 1 << (k % 64)
	}
}

// replaceValues masks every registered value in s; false when s holds none.
func (r *Redactor) replaceValues(s string) (string, bool) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	if len(r.byHead) == 0 {
		return s, false
	}
	var b strings.Builder
	done := 0 // s[:done] is in b
	for i := 0; i+4 <= len(s); {
		k := uint16(s[i])<<8 | uint16(s[i+1])
		if r.first2[k/64]&(1<<(k%64)) == 0 {
			i++
			continue
		}
		n := 0
		for _, v := range r.byHead[s[i:i+4]] {
			if strings.HasPrefix(s[i:], v) {
				n = len(v)
				break
			}
		}
		if n == 0 {
			i++
			continue
		}
		if done == 0 {
			b.Grow(len(s))
		}
		b.WriteString(s[done:i])
		b.WriteString(Mask)
		i += n
		done = i
	}
	if done == 0 {
		return s, false
	}
	b.WriteString(s[done:])
	return b.String(), true
}

// ValuesIn returns the string values of every secret member (SecretFields) of a JSON document,
// at any depth, so they can be registered with Add.
func ValuesIn(body string) []string {
	if !mayHoldSecretMember(body) {
		return nil
	}
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

// mayHoldSecretMember is false when body names no secret member: most bodies (requests of
// administrators, empty answers) are then not parsed at all. A member name written with
// escapes ("\u0053ession") is still found, by parsing.
func mayHoldSecretMember(body string) bool {
	if strings.Contains(body, `\u`) {
		return true
	}
	for _, k := range quotedSecretFields() {
		if strings.Contains(body, k) {
			return true
		}
	}
	return false
}

// quotedSecretFields are the SecretFields names in double quotes, as a JSON text names them.
var quotedSecretFields = sync.OnceValue(func() []string {
	out := make([]string, 0, len(SecretFields))
	for k := range SecretFields {
		out = append(out, `"`+k+`"`)
	}
	return out
})

// String removes every known secret value, JWT and SigV4 signature from s.
func (r *Redactor) String(s string) string {
	if s == "" {
		return s
	}
	// The patterns need these words; most texts (header values) have neither.
	if strings.Contains(s, "eyJ") {
		s = jwtLike.ReplaceAllString(s, Mask)
	}
	if strings.Contains(s, "Signature=") {
		s = signature.ReplaceAllString(s, "${1}"+Mask)
	}
	if r == nil {
		return s
	}
	s, _ = r.replaceValues(s)
	return s
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
	out := make(http.Header, len(h))
	for k, vs := range h {
		ck := textproto.CanonicalMIMEHeaderKey(k)
		secret, auth := isSecretHeader(k), strings.EqualFold(k, "Authorization")
		for _, v := range vs {
			if secret {
				v = Mask
			} else if auth {
				v = authorization(v)
			}
			out[ck] = append(out[ck], r.String(v))
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
