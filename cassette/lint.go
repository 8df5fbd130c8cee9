package cassette

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/cognito-conformance/cognito-conformance/redact"
)

// keyRe matches AWS access key ids (long-term AKIA…, temporary ASIA…).
var keyRe = regexp.MustCompile(`\b(?:AKIA|ASIA)[A-Z0-9]{16}\b`)

// Lint scans a cassette for anything that looks secret, without knowing the secrets of the run
// that made it (a cassette someone hands you, or one about to be checked in): a JWT, a SigV4
// signature, an access key id, a secret member (package redact's list) whose value is not a
// placeholder, a masked value (a secret the placeholders missed and the redactor caught: it
// breaks the replay). It returns one line per finding.
func Lint(dir string) ([]string, error) {
	var problems []string
	err := filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() || !strings.HasSuffix(p, ".json") {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		text := string(b)
		rel, _ := filepath.Rel(dir, p)
		for _, f := range []struct {
			re   *regexp.Regexp
			what string
		}{{jwtRe, "a JWT"}, {keyRe, "an access key id"}, {regexp.MustCompile(`Signature=[0-9a-f]{16,}`), "a SigV4 signature"}} {
			if m := f.re.FindString(text); m != "" {
				problems = append(problems, fmt.Sprintf("%s: %s (%.12s…)", rel, f.what, m))
			}
		}
		if strings.Contains(text, redact.Mask) {
			problems = append(problems, fmt.Sprintf("%s: a value the redactor masked (a secret no placeholder stood for)", rel))
		}
		var doc any
		if err := json.Unmarshal(b, &doc); err != nil {
			return fmt.Errorf("%s: %v", rel, err)
		}
		lintBodies(rel, doc, &problems)
		return nil
	})
	return problems, err
}

// lintBodies checks every recorded body (and command line) in a cassette file.
func lintBodies(file string, v any, problems *[]string) {
	switch t := v.(type) {
	case map[string]any:
		for k, val := range t {
			if s, ok := val.(string); ok && k == "body" {
				var body any
				if json.Unmarshal([]byte(s), &body) == nil {
					lintMembers(file, body, problems)
				}
				continue
			}
			lintBodies(file, val, problems)
		}
	case []any:
		for _, e := range t {
			lintBodies(file, e, problems)
		}
	}
}

func lintMembers(file string, v any, problems *[]string) {
	switch t := v.(type) {
	case map[string]any:
		for k, val := range t {
			if s, ok := val.(string); ok && redact.SecretFields[k] && s != "" && !PlaceholderRe.MatchString(s) {
				*problems = append(*problems, fmt.Sprintf("%s: member %s holds a value, not a placeholder", file, k))
				continue
			}
			lintMembers(file, val, problems)
		}
	case []any:
		for _, e := range t {
			lintMembers(file, e, problems)
		}
	}
}
