package cassette

import (
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"sort"
	"strings"
)

// Placeholder kinds. A placeholder is "<kind:n>", numbered per kind in order of first
// appearance within its scope (a scenario, or one pool's creation); "<epoch>", "<date>" and
// "<sigv4>" stand for values that are never compared and are rendered afresh.
const (
	KindPool     = "pool"     // user-pool id
	KindClient   = "client"   // app-client id
	KindUUID     = "uuid"     // subs, request ids
	KindUser     = "user"     // a username (or e-mail) the run generated
	KindRun      = "run"      // the run prefix itself, inside pool and client names
	KindToken    = "token"    // access, id and refresh tokens, any JWT
	KindSession  = "session"  // challenge sessions
	KindSecret   = "secret"   // TOTP secrets, secret hashes, keys
	KindPassword = "password" // passwords
	KindCode     = "code"     // one-time codes (TOTP, SMS, e-mail)
	KindSRP      = "srp"      // SRP numbers, salts and signatures
	KindClock    = "clock"    // a client's clock reading (SRP's TIMESTAMP): written as Clock
	KindAccount  = "account"  // an AWS account id inside an ARN
	KindRequest  = "reqid"    // a request id that is not a UUID
)

// Fixed placeholders, rendered afresh at every replay.
const (
	Epoch = "<epoch>" // a date member (seconds since the epoch, a JSON number)
	Date  = "<date>"  // an HTTP date header
	SigV4 = "<sigv4>" // the Authorization header of a signed request
	// Clock is SRP's TIMESTAMP, the second at which a client signed its password claim. Two
	// sign-ins of a scenario may fall in one second or not, at the recording as at a replay, so
	// it is never bound to a number (the reference checks only that the signature covers it).
	Clock = "<clock>"
)

// memberKinds are JSON members whose string value is volatile by definition, at any depth
// (AuthParameters and ChallengeResponses included). Every secret member of package redact is
// among them (a test holds that), so no secret member survives as a value.
var memberKinds = map[string]string{
	"UserPoolId": KindPool, "ClientId": KindClient,
	"AccessToken": KindToken, "IdToken": KindToken, "RefreshToken": KindToken, "REFRESH_TOKEN": KindToken,
	"Session":    KindSession,
	"SecretCode": KindSecret, "SECRET_HASH": KindSecret, "ClientSecret": KindSecret, "SecretAccessKey": KindSecret,
	"SessionToken": KindSecret, "DEVICE_KEY": KindSecret,
	"Password": KindPassword, "TemporaryPassword": KindPassword, "ProposedPassword": KindPassword,
	"PreviousPassword": KindPassword, "PASSWORD": KindPassword, "NEW_PASSWORD": KindPassword,
	"UserCode": KindCode, "SOFTWARE_TOKEN_MFA_CODE": KindCode, "SMS_MFA_CODE": KindCode, "EMAIL_OTP_CODE": KindCode,
	"ConfirmationCode": KindCode, "SMS_OTP_CODE": KindCode,
	"SRP_A": KindSRP, "SRP_B": KindSRP, "SALT": KindSRP, "SECRET_BLOCK": KindSRP,
	"PASSWORD_CLAIM_SIGNATURE": KindSRP, "PASSWORD_CLAIM_SECRET_BLOCK": KindSRP, "TIMESTAMP": KindClock,
}

// Patterns of volatile values wherever they appear (error messages, ARNs, headers, command lines).
var (
	userRe    = regexp.MustCompile(`cogconf-(?:\d{8}T\d{6}-[0-9a-f]{4}-u\d+-[0-9a-f]{4}|nobody-[0-9a-f]{6})(?:@example\.com)?`)
	runRe     = regexp.MustCompile(`cogconf-\d{8}T\d{6}-[0-9a-f]{4}`)
	uuidRe    = regexp.MustCompile(`[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}`)
	poolRe    = regexp.MustCompile(`\b[a-z]{2}(?:-[a-z]+)+-\d_[0-9A-Za-z]+\b`)
	jwtRe     = regexp.MustCompile(`eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}`)
	accountRe = regexp.MustCompile(`arn:aws[a-z-]*:[a-z0-9-]*:[a-z0-9-]*:(\d{12}):`)
	// dateMemberRe finds date members (UserCreateDate, CreationDate…): JSON numbers.
	dateMemberRe = regexp.MustCompile(`("[A-Za-z]*Date"\s*:\s*)(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)`)
	// memberRe finds the string value of a volatile member, whatever its length.
	memberRe = func() *regexp.Regexp {
		names := make([]string, 0, len(memberKinds))
		for k := range memberKinds {
			names = append(names, regexp.QuoteMeta(k))
		}
		sort.Strings(names)
		return regexp.MustCompile(`("(` + strings.Join(names, "|") + `)"\s*:\s*")((?:[^"\\]|\\.)*)(")`)
	}()
	// PlaceholderRe matches any placeholder.
	PlaceholderRe = regexp.MustCompile(`<([a-z]+)(?::(\d+))?>`)
)

// minGlobal is the shortest value replaced wherever it appears; shorter ones (a 6-digit code,
// a short password of a validation scenario) only where their member is.
const minGlobal = 8

// scope numbers the volatile values of one scenario (or one pool's creation).
type scope struct {
	byValue map[string]string // raw value → placeholder
	counts  map[string]int
	rep     *strings.Replacer
}

func newScope() *scope { return &scope{byValue: map[string]string{}, counts: map[string]int{}} }

// add registers a value of a kind and returns its placeholder.
func (s *scope) add(kind, value string) string {
	if p, ok := s.byValue[value]; ok {
		return p
	}
	if kind == KindClock {
		s.byValue[value] = Clock
		s.rep = nil
		return Clock
	}
	s.counts[kind]++
	p := fmt.Sprintf("<%s:%d>", kind, s.counts[kind])
	s.byValue[value] = p
	s.rep = nil
	return p
}

// collect registers the volatile values of a text (a body, a header value, a command line).
func (s *scope) collect(text string) {
	if text == "" {
		return
	}
	var doc any
	if json.Unmarshal([]byte(text), &doc) == nil {
		s.walk(doc)
	}
	for _, m := range memberRe.FindAllStringSubmatch(text, -1) {
		if v := unescape(m[3]); v != "" {
			s.add(memberKinds[m[2]], v)
		}
	}
	for _, p := range []struct {
		re   *regexp.Regexp
		kind string
	}{{jwtRe, KindToken}, {userRe, KindUser}, {runRe, KindRun}, {uuidRe, KindUUID}, {poolRe, KindPool}} {
		for _, v := range p.re.FindAllString(text, -1) {
			s.add(p.kind, v)
		}
	}
	for _, m := range accountRe.FindAllStringSubmatch(text, -1) {
		s.add(KindAccount, m[1])
	}
}

func (s *scope) walk(v any) {
	switch t := v.(type) {
	case map[string]any:
		keys := make([]string, 0, len(t))
		for k := range t {
			keys = append(keys, k)
		}
		sort.Strings(keys) // numbering must not depend on map order
		for _, k := range keys {
			if str, ok := t[k].(string); ok && memberKinds[k] != "" && str != "" {
				s.add(memberKinds[k], str)
				continue
			}
			s.walk(t[k])
		}
	case []any:
		for _, e := range t {
			s.walk(e)
		}
	}
}

func unescape(jsonInner string) string {
	var v string
	if json.Unmarshal([]byte(`"`+jsonInner+`"`), &v) != nil {
		return jsonInner
	}
	return v
}

// rewrite replaces the registered values in text by their placeholders: volatile members
// whatever their length, other occurrences of values long enough to be unambiguous, and date
// members by "<epoch>".
func (s *scope) rewrite(text string) string {
	if text == "" {
		return text
	}
	text = memberRe.ReplaceAllStringFunc(text, func(m string) string {
		sub := memberRe.FindStringSubmatch(m)
		if p, ok := s.byValue[unescape(sub[3])]; ok {
			return sub[1] + p + sub[4]
		}
		return m
	})
	if s.rep == nil {
		vals := make([]string, 0, len(s.byValue))
		for v := range s.byValue {
			if len(v) >= minGlobal || strings.HasPrefix(s.byValue[v], "<"+KindAccount+":") {
				vals = append(vals, v)
			}
		}
		// Longest first: a username holds the run prefix, a token may hold anything.
		sort.Slice(vals, func(i, j int) bool {
			if len(vals[i]) != len(vals[j]) {
				return len(vals[i]) > len(vals[j])
			}
			return vals[i] < vals[j]
		})
		pairs := make([]string, 0, 2*len(vals))
		for _, v := range vals {
			pairs = append(pairs, v, s.byValue[v])
		}
		s.rep = strings.NewReplacer(pairs...)
	}
	text = s.rep.Replace(text)
	return dateMemberRe.ReplaceAllString(text, `${1}"`+Epoch+`"`)
}

// Request headers a cassette leaves out: they say which SDK, machine and attempt sent the
// request, not what it asked (and the security token is a secret).
var droppedRequestHeaders = []string{"User-Agent", "X-Amz-User-Agent", "Amz-Sdk-Invocation-Id", "Amz-Sdk-Request",
	"Content-Length", "Accept-Encoding", "Accept", "Connection", "Host", "X-Amz-Security-Token", "X-Amz-Content-Sha256",
	HeaderScenario, HeaderSteps, HeaderSession}

// Response headers a replay computes itself.
var droppedResponseHeaders = []string{"Content-Length", "Connection", "Transfer-Encoding", "Keep-Alive",
	"Set-Cookie", "X-Amz-Security-Token"}

func (s *scope) collectHeaders(h http.Header, request bool) {
	drop := droppedResponseHeaders
	if request {
		drop = droppedRequestHeaders
	}
	for k, vs := range h {
		if contains(drop, k) {
			continue // not kept: its values need no number
		}
		for _, v := range vs {
			if strings.EqualFold(k, "X-Amzn-Requestid") && !uuidRe.MatchString(v) && v != "" {
				s.add(KindRequest, v)
			}
			if !strings.EqualFold(k, "Authorization") {
				s.collect(v)
			}
		}
	}
}

func (s *scope) rewriteHeaders(h http.Header, request bool) http.Header {
	if len(h) == 0 {
		return nil
	}
	drop := droppedResponseHeaders
	if request {
		drop = droppedRequestHeaders
	}
	out := http.Header{}
	for k, vs := range h {
		ck := http.CanonicalHeaderKey(k)
		if contains(drop, ck) {
			continue
		}
		for _, v := range vs {
			switch ck {
			case "Authorization":
				v = SigV4
			case "Date", "X-Amz-Date":
				v = Date
			default:
				v = s.rewrite(v)
			}
			out[ck] = append(out[ck], v)
		}
	}
	return out
}

func contains(list []string, v string) bool {
	for _, l := range list {
		if strings.EqualFold(l, v) {
			return true
		}
	}
	return false
}
