// Package target says what the harness talks to: which endpoint, which credentials, what the
// target can do (capabilities) and how it differs from AWS in ways that are not conformance
// questions (quirks). Target differences live here, never in steps.
package target

import (
	"fmt"
	"net"
	"net/url"
	"sort"
	"strings"
)

// Names of the built-in targets.
const (
	Reference    = "reference"
	CognitoLocal = "cognito-local"
	Moto         = "moto"
	LocalStack   = "localstack"
	AWS          = "aws"
	Custom       = "custom"
)

// Capabilities a target may lack for reasons outside the contract. Scenarios that need one
// carry the tag "@needs-<capability>" and are reported not-applicable when it is off.
const (
	CapSMS   = "sms"   // SMS MFA at the pool: on AWS it needs an SNS caller role
	CapEmail = "email" // email MFA: on AWS it needs the Essentials tier and an SES identity
)

// Target is a resolved target.
type Target struct {
	Name     string
	Endpoint string // base URL; empty for the embedded reference (filled when it starts) and for AWS
	Region   string // from --region, else the SDK's chain (AWS_REGION, profile), else us-east-1
	Profile  string // reference profile: "aws" or "documented"
	RealAWS  bool
	// Off lists capabilities the target lacks, with the reason shown in the report.
	Off    map[string]string
	Quirks Quirks
}

// Quirks are differences a target has that the suite must work around to ask its questions.
type Quirks struct {
	// EmailUsernames: the target accepts only e-mail-shaped usernames (cognito-local's default).
	EmailUsernames bool
	// HTMLErrorsMeanNotImplemented: an HTML 5xx page answering an operation the target is not
	// known to implement (Implements) means "operation not implemented" (moto's answer to an
	// operation without a handler). moto answers a crash of a handler it has with the very same
	// page, so for an operation in Implements the page is a crash: see HTMLMeansMissing.
	HTMLErrorsMeanNotImplemented bool
	// Implements lists the operations the target is known to implement (for moto: the handlers
	// of its cognitoidp responses.py). It is a fixed list, not learnt during the run, so an
	// answer's meaning never depends on which scenario happened to run first.
	Implements map[string]bool
	// AcceptsNextTOTPWindow: the target accepts a TOTP code one 30-second window ahead (the
	// reference models AWS's ±1 window; cognito-local checks with 30 s of tolerance), so a
	// second code within one window need not wait for the next. moto checks the current
	// window only; unknown targets are not assumed to tolerate anything.
	AcceptsNextTOTPWindow bool
}

// HTMLMeansMissing reports whether an HTML 5xx page answering op says the target does not
// implement op.
func (q Quirks) HTMLMeansMissing(op string) bool {
	return q.HTMLErrorsMeanNotImplemented && !q.Implements[op]
}

// HTMLMeansCrash reports whether an HTML 5xx page answering op is a crash of the target's
// handler for op: the target implements op and answers crashes with such a page. Whether a
// crash is the target's answer or a fault depends on whether it repeats (outcome decides).
func (q Quirks) HTMLMeansCrash(op string) bool {
	return q.HTMLErrorsMeanNotImplemented && q.Implements[op]
}

// Builtin returns the defaults of a named target.
func Builtin(name string) (Target, error) {
	switch name {
	case Reference, "":
		return Target{Name: Reference, Profile: "aws", Quirks: Quirks{AcceptsNextTOTPWindow: true}}, nil
	case CognitoLocal:
		return Target{Name: CognitoLocal, Endpoint: "http://127.0.0.1:9229", Quirks: Quirks{EmailUsernames: true, AcceptsNextTOTPWindow: true}}, nil
	case Moto:
		return Target{Name: Moto, Endpoint: "http://127.0.0.1:5000", Quirks: Quirks{HTMLErrorsMeanNotImplemented: true, Implements: MotoImplements}}, nil
	case LocalStack:
		return Target{Name: LocalStack, Endpoint: "http://127.0.0.1:4566"}, nil
	case AWS:
		return Target{Name: AWS, RealAWS: true, Off: map[string]string{
			CapSMS:   "SMS MFA on AWS needs an SNS caller role: pass --with sms once the account has one",
			CapEmail: "email MFA on AWS needs the Essentials tier and a verified SES identity: pass --with email",
		}}, nil
	case Custom:
		return Target{Name: Custom}, nil
	}
	return Target{}, fmt.Errorf("unknown target %q (known: %s)", name, strings.Join(Names(), ", "))
}

// Names lists the built-in target names.
func Names() []string {
	n := []string{Reference, CognitoLocal, Moto, LocalStack, AWS, Custom}
	sort.Strings(n)
	return n
}

// Embedded reports whether the harness must start its own reference target.
func (t Target) Embedded() bool { return t.Name == Reference && t.Endpoint == "" }

// SetCapability switches a capability on or off (reason required when off).
func (t *Target) SetCapability(name string, on bool, reason string) {
	if t.Off == nil {
		t.Off = map[string]string{}
	}
	if on {
		delete(t.Off, name)
		return
	}
	t.Off[name] = reason
}

// Lacks returns the reason a capability is off, or "".
func (t Target) Lacks(name string) string { return t.Off[name] }

// IsAWSHost reports whether an endpoint URL points at AWS itself.
func IsAWSHost(endpoint string) bool {
	u, err := url.Parse(endpoint)
	if err != nil {
		return false
	}
	h := strings.TrimSuffix(strings.ToLower(u.Hostname()), ".") // "amazonaws.com." is the same host
	return h == "amazonaws.com" || strings.HasSuffix(h, ".amazonaws.com") || strings.HasSuffix(h, ".amazonaws.com.cn") ||
		strings.HasSuffix(h, ".api.aws")
}

// IsLoopback reports whether an endpoint URL points at this machine.
func IsLoopback(endpoint string) bool {
	u, err := url.Parse(endpoint)
	if err != nil {
		return false
	}
	h := u.Hostname()
	if h == "localhost" {
		return true
	}
	ip := net.ParseIP(h)
	return ip != nil && ip.IsLoopback()
}

// CheckEndpoint validates an endpoint URL given by a user.
func CheckEndpoint(endpoint string) error {
	u, err := url.Parse(endpoint)
	if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
		return fmt.Errorf("endpoint %q is not an http(s) URL such as http://127.0.0.1:9229", endpoint)
	}
	if u.User != nil {
		// Credentials in a URL end up in logs and reports; they come from the SDK's chain instead.
		return fmt.Errorf("the endpoint URL must not carry credentials (user:password@); use AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or AWS_PROFILE")
	}
	return nil
}
