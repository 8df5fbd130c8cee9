package target

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/tidwall/gjson"

	"github.com/cognito-conformance/cognito-conformance/wire"
)

// ErrNotCognito and friends classify a failed preflight.
var (
	ErrUnreachable     = errors.New("endpoint unreachable")
	ErrNotCognito      = errors.New("not a Cognito user-pool service")
	ErrBadCredentials  = errors.New("credentials rejected")
	ErrPreflightFailed = errors.New("preflight failed")
)

// ErrThrottled and ErrUnhealthy classify a preflight whose answers stayed transient after the
// client's retries: the endpoint is there, but no run made now could judge it.
var (
	ErrThrottled = errors.New("throttled")
	ErrUnhealthy = errors.New("target unhealthy")
)

// Preflight makes one cheap signed call (ListUserPools, MaxResults 1) to prove the endpoint is
// a Cognito user-pool service and accepts the credentials, before any scenario runs. The call
// is retried like every other (c.Retry), so one reset connection or one gateway 503 does not
// abort the run; only answers that stayed transient do. Each way it can fail is one line with
// its own sentinel error.
func Preflight(ctx context.Context, c *wire.Client) error {
	ctx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	ex, err := c.Call(ctx, wire.RoleFixture, "ListUserPools", []byte(`{"MaxResults":1}`), true)
	if ex == nil {
		return fmt.Errorf("%w: %s", ErrPreflightFailed, oneLine(errText(err)))
	}
	code := ex.ErrorCode()
	switch {
	case ex.TransportError != "":
		return fmt.Errorf("%w: cannot reach %s%s: %s", ErrUnreachable, StripCredentials(c.Endpoint), attempts(ex), oneLine(ex.TransportError))
	case ex.Status == 200 && gjson.Get(ex.Response.Body, "UserPools").Exists():
		return nil
	case isCredentialError(code):
		return fmt.Errorf("%w: %s rejected the credentials (%s: %s); check AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or AWS_PROFILE",
			ErrBadCredentials, StripCredentials(c.Endpoint), code, oneLine(ex.ErrorMessage()))
	case wire.ThrottlingCode(code) || ex.Status == 429 && code == "":
		return fmt.Errorf("%w: %s answered ListUserPools with %s%s; try again later or lower --concurrency",
			ErrThrottled, StripCredentials(c.Endpoint), answerText(ex, code), attempts(ex))
	case code == "InternalErrorException" || transient(c, ex):
		// The client's own rule decides, so a target whose HTML 500 means "not implemented"
		// (moto) is "not Cognito" here, as it is everywhere else.
		return fmt.Errorf("%w: %s answers 5xx to everything: ListUserPools got %s%s; try again later",
			ErrUnhealthy, StripCredentials(c.Endpoint), answerText(ex, code), attempts(ex))
	case cognitoErrors[code]:
		// A Cognito client error to a well-formed ListUserPools: the service is Cognito; the
		// scenarios will tell the rest.
		return nil
	default:
		return fmt.Errorf("%w: %s answered ListUserPools with HTTP %d %s(%s); is this the Cognito user-pool endpoint?",
			ErrNotCognito, StripCredentials(c.Endpoint), ex.Status, codeText(code), snippet(ex.Response.Body))
	}
}

// cognitoErrors are the client errors Cognito models for ListUserPools. Its throttling and
// internal errors are classified before (ErrThrottled, ErrUnhealthy); any other answer (an
// unknown operation, an HTML page, another service's error) means this is not a Cognito
// user-pool service.
var cognitoErrors = map[string]bool{"InvalidParameterException": true, "NotAuthorizedException": true}

// transient is the rule the client retried by, so "stayed transient" means what Call meant.
func transient(c *wire.Client, ex *wire.Exchange) bool {
	if c.Retry.Transient != nil {
		return c.Retry.Transient(ex)
	}
	return wire.Transient(ex)
}

// attempts says how often the call was tried, when more than once: an answer that stayed
// the same through the retries is not a blip.
func attempts(ex *wire.Exchange) string {
	if ex.Attempt <= 1 {
		return ""
	}
	return fmt.Sprintf(" on %d attempts", ex.Attempt)
}

// answerText is a transient answer in brief: its error and message when it has one, else a
// snippet of what came back (a gateway's HTML page).
func answerText(ex *wire.Exchange, code string) string {
	if code == "" {
		return fmt.Sprintf("HTTP %d and no AWS JSON error (%s)", ex.Status, snippet(ex.Response.Body))
	}
	msg := snippet(ex.ErrorMessage())
	if msg == "empty body" {
		msg = "no message"
	}
	return fmt.Sprintf("HTTP %d %s (%s)", ex.Status, code, msg)
}

func isCredentialError(code string) bool {
	switch code {
	case "UnrecognizedClientException", "InvalidSignatureException", "SignatureDoesNotMatch", "InvalidClientTokenId",
		"ExpiredTokenException", "ExpiredToken", "AccessDeniedException", "MissingAuthenticationToken",
		"MissingAuthenticationTokenException", "IncompleteSignature", "IncompleteSignatureException":
		return true
	}
	return false
}

func codeText(code string) string {
	if code == "" {
		return "and no AWS JSON error "
	}
	return code + " "
}

func snippet(s string) string {
	s = oneLine(s)
	if r := []rune(s); len(r) > 120 {
		s = string(r[:120]) + "…" // by rune: a cut multi-byte character would garble the line
	}
	if s == "" {
		return "empty body"
	}
	return s
}

// oneLine folds whitespace, so a multi-line body or error never breaks the one-line message.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func errText(err error) string {
	if err == nil {
		return "no answer and no error"
	}
	return err.Error()
}

// StripCredentials removes user:password from an endpoint URL before it reaches a report or a
// message.
func StripCredentials(endpoint string) string {
	u, err := url.Parse(endpoint)
	if err != nil || u.User == nil {
		return endpoint
	}
	u.User = nil
	return u.String()
}
