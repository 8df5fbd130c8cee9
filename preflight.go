package conformance

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/tidwall/gjson"

	"github.com/cognito-conformance/cognito-conformance/wire"
)

// Preflight makes one cheap signed call (ListUserPools, MaxResults 1) to prove the endpoint is
// a Cognito user-pool service and accepts the credentials, before any scenario runs. Each way
// it can fail has its own message.
func Preflight(ctx context.Context, c *wire.Client) error {
	ctx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	ex, err := c.Call(ctx, wire.RoleFixture, "ListUserPools", []byte(`{"MaxResults":1}`), true)
	if err != nil {
		if ex == nil {
			return fmt.Errorf("%w: %v", ErrPreflightFailed, err)
		}
		return fmt.Errorf("%w: cannot reach %s: %s", ErrUnreachable, c.Endpoint, ex.TransportError)
	}
	code := ex.ErrorCode()
	switch {
	case ex.Status == 200 && gjson.Get(ex.Response.Body, "UserPools").Exists():
		return nil
	case isCredentialError(code):
		return fmt.Errorf("%w: %s rejected the credentials (%s: %s); check AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or AWS_PROFILE",
			ErrBadCredentials, c.Endpoint, code, ex.ErrorMessage())
	case cognitoErrors[code]:
		// A Cognito error to a well-formed ListUserPools (throttled, an internal error): the
		// service is Cognito; the scenarios will tell the rest.
		return nil
	default:
		return fmt.Errorf("%w: %s answered ListUserPools with HTTP %d %s(%s); is this the Cognito user-pool endpoint?",
			ErrNotCognito, c.Endpoint, ex.Status, codeText(code), snippet(ex.Response.Body))
	}
}

// cognitoErrors are the errors Cognito models for ListUserPools. Any other answer (an unknown
// operation, an HTML page, another service's error) means this is not a Cognito user-pool service.
var cognitoErrors = map[string]bool{
	"InvalidParameterException": true, "TooManyRequestsException": true, "NotAuthorizedException": true,
	"InternalErrorException": true,
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
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 120 {
		s = s[:120] + "…"
	}
	if s == "" {
		return "empty body"
	}
	return s
}
