package steps

import (
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/cucumber/godog"

	"github.com/cognito-conformance/cognito-conformance/outcome"
	"github.com/cognito-conformance/cognito-conformance/wire"
)

// Steps and placeholders for the MFA-preference contract (issue 3): long values for the length
// constraints of catalogue 1.2-1.4, a request signed with credentials the target has never seen
// (M14) and the reuse of a TOTP code (B22e, M16).

func init() {
	step(`^the client sends an? (\w+) request signed with unknown credentials:$`,
		func(w *World) any { return w.theClientSendsWithUnknownCredentials })
	step(`^the user answers the challenge with the TOTP code they used before$`,
		func(w *World) any { return w.theUserReusesTheTOTPCode })

	// Username: max 128 characters (catalogue 1.2); the value is otherwise pattern-valid.
	placeholders["TooLongUsername"] = func(*World) (string, error) { return strings.Repeat("u", 129), nil }
	// UserPoolId: max 55 characters, pattern-valid (catalogue 1.2).
	placeholders["TooLongUserPoolId"] = func(w *World) (string, error) {
		region := w.env.Target.Region
		if region == "" {
			region = "us-east-1"
		}
		return region + "_" + strings.Repeat("A", 55-len(region)), nil
	}
	// AccessToken has a pattern but no length constraint (catalogue 1.3): a long, pattern-valid
	// token must reach authentication, not validation.
	placeholders["VeryLongAccessToken"] = func(*World) (string, error) { return strings.Repeat("eyJ0b2tlbi", 600), nil }
}

// unknownCredentials are well-formed AWS credentials that belong to no account.
var unknownCredentials = credentials.NewStaticCredentialsProvider("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "")

func (w *World) theClientSendsWithUnknownCredentials(op string, doc *godog.DocString) error {
	body, err := w.expand(doc.Content)
	if err != nil {
		return err
	}
	c := *w.env.Wire
	c.Credentials = unknownCredentials
	ex, err := c.Call(w.ctx, wire.RoleSubject, op, []byte(body), true)
	w.last = ex
	if err != nil {
		return err
	}
	if w.missing(ex) {
		return unimplemented(op)
	}
	return nil
}

func (w *World) theUserReusesTheTOTPCode() error {
	if w.lastTOTPCode == "" {
		return fmt.Errorf("%w: the user has not answered a TOTP challenge yet", outcome.ErrIncomplete)
	}
	return w.respond("SOFTWARE_TOKEN_MFA", map[string]string{"SOFTWARE_TOKEN_MFA_CODE": w.lastTOTPCode})
}
