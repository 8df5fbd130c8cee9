package steps

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	_ "embed"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"sync"

	"github.com/golang-jwt/jwt/v5"

	"github.com/cognito-conformance/cognito-conformance/fixtures"
)

var placeholderRe = regexp.MustCompile(`\$\{([A-Za-z]+)\}`)

// placeholders fill request bodies from the scenario's fixtures.
var placeholders = map[string]func(w *World) (string, error){
	"UserPoolId": func(w *World) (string, error) {
		if err := w.needPool(); err != nil {
			return "", err
		}
		return w.pool.ID, nil
	},
	"ClientId": func(w *World) (string, error) {
		if err := w.needPool(); err != nil {
			return "", err
		}
		return w.pool.ClientID, nil
	},
	"Username": func(w *World) (string, error) {
		if err := w.needUser(); err != nil {
			return "", err
		}
		return w.user.Username, nil
	},
	"Sub": func(w *World) (string, error) {
		if err := w.needUser(); err != nil {
			return "", err
		}
		return w.user.Sub, nil
	},
	"AccessToken": func(w *World) (string, error) {
		if err := w.signedIn(); err != nil {
			return "", err
		}
		return w.tokens.Access, nil
	},
	"Session": func(w *World) (string, error) {
		if w.session == "" {
			return "", fmt.Errorf("no challenge session yet: sign in first")
		}
		return w.session, nil
	},
	// UnknownUserPoolId is well-formed for the pool's region and belongs to nobody.
	"UnknownUserPoolId": func(w *World) (string, error) {
		region := w.env.Target.Region
		if w.pool != nil {
			if i := strings.Index(w.pool.ID, "_"); i > 0 {
				region = w.pool.ID[:i]
			}
		}
		return region + "_ZZZZZZZZZ", nil
	},
	"UnknownUsername": func(w *World) (string, error) {
		name := fixtures.ProjectPrefix + "nobody-" + randomSuffix()
		if w.env.Target.Quirks.EmailUsernames {
			name += "@example.com"
		}
		return name, nil
	},
	"ForgedAccessToken": func(w *World) (string, error) {
		if err := w.signedIn(); err != nil {
			return "", err
		}
		return forge(w.tokens.Access)
	},
	"PhoneNumber": func(*World) (string, error) { return fixtures.PhoneNumber, nil },

	// Long values for the length constraints of catalogue 1.2-1.4 (issue 3).
	// Username: max 128 characters (catalogue 1.2); the value is otherwise pattern-valid.
	"TooLongUsername": func(*World) (string, error) { return strings.Repeat("u", 129), nil },
	// UserPoolId: max 55 characters, pattern-valid (catalogue 1.2).
	"TooLongUserPoolId": func(w *World) (string, error) {
		region := w.env.Target.Region
		if region == "" {
			region = "us-east-1"
		}
		return region + "_" + strings.Repeat("A", 55-len(region)), nil
	},
	// AccessToken has a pattern but no length constraint (catalogue 1.3): a long, pattern-valid
	// token must reach authentication, not validation.
	"VeryLongAccessToken": func(*World) (string, error) { return strings.Repeat("eyJ0b2tlbi", 600), nil },
}

// expand fills ${Placeholders} and sample aliases in a request body.
func (w *World) expand(body string) (string, error) {
	var firstErr error
	out := placeholderRe.ReplaceAllStringFunc(body, func(m string) string {
		v, err := w.placeholder(m[2 : len(m)-1])
		if err != nil && firstErr == nil {
			firstErr = err
		}
		return jsonInner(v)
	})
	if firstErr != nil {
		return "", firstErr
	}
	for sample, v := range w.aliases {
		out = strings.ReplaceAll(out, `"`+sample+`"`, `"`+jsonInner(v)+`"`)
	}
	return out, nil
}

func (w *World) placeholder(name string) (string, error) {
	f, ok := placeholders[name]
	if !ok {
		known := make([]string, 0, len(placeholders))
		for k := range placeholders {
			known = append(known, "${"+k+"}")
		}
		sort.Strings(known)
		return "", fmt.Errorf("unknown placeholder ${%s}; known: %s", name, strings.Join(known, ", "))
	}
	return f(w)
}

// jsonInner escapes a value for use inside a JSON string literal.
func jsonInner(v string) string {
	b, _ := json.Marshal(v)
	return string(b[1 : len(b)-1])
}

// forgingKeyPEM is the harness's own RSA-2048 signing key, a test key checked in on purpose: it
// protects nothing (a forged token must be rejected precisely because no target trusts this
// key), and generating one costs 50–500 ms of prime search in every process that forges.
//
//go:embed forging_key.pem
var forgingKeyPEM []byte

// forgingKey is forgingKeyPEM parsed, once per process.
var forgingKey = sync.OnceValues(func() (*rsa.PrivateKey, error) {
	block, _ := pem.Decode(forgingKeyPEM)
	if block == nil {
		return nil, errors.New("steps: forging_key.pem holds no PEM block")
	}
	key, err := x509.ParsePKCS8PrivateKey(block.Bytes)
	if err != nil {
		return nil, fmt.Errorf("steps: forging_key.pem: %w", err)
	}
	rsaKey, ok := key.(*rsa.PrivateKey)
	if !ok {
		return nil, errors.New("steps: forging_key.pem is not an RSA key")
	}
	return rsaKey, nil
})

// forge re-signs the claims of a real access token with a key the target has never seen:
// a well-formed token that the target must reject (catalogue B11, NotAuthorizedException).
func forge(real string) (string, error) {
	parts := strings.Split(real, ".")
	claims := jwt.MapClaims{}
	kid := "forged"
	if len(parts) == 3 {
		if payload, err := base64.RawURLEncoding.DecodeString(parts[1]); err == nil {
			_ = json.Unmarshal(payload, &claims)
		}
		if header, err := base64.RawURLEncoding.DecodeString(parts[0]); err == nil {
			var h map[string]any
			if json.Unmarshal(header, &h) == nil {
				if k, ok := h["kid"].(string); ok {
					kid = k
				}
			}
		}
	}
	key, err := forgingKey()
	if err != nil {
		return "", err
	}
	tok := jwt.NewWithClaims(jwt.SigningMethodRS256, claims)
	tok.Header["kid"] = kid
	return tok.SignedString(key)
}

func randomSuffix() string {
	b := make([]byte, 3)
	_, _ = rand.Read(b)
	return fmt.Sprintf("%x", b)
}
