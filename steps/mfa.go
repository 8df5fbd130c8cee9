package steps

import (
	"fmt"

	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/cucumber/godog"

	"github.com/cognito-conformance/cognito-conformance/outcome"
	"github.com/cognito-conformance/cognito-conformance/wire"
)

// Steps for the MFA-preference contract (issue 3): a request signed with credentials the target
// has never seen (M14) and the reuse of a TOTP code (B22e, M16). Their rows are in vocabulary.go,
// the long placeholder values of catalogue 1.2-1.4 in placeholders.go.

// unknownCredentials are well-formed AWS credentials that belong to no account.
var unknownCredentials = credentials.NewStaticCredentialsProvider("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "")

func (w *World) theClientSendsWithUnknownCredentials(op string, doc *godog.DocString) error {
	return w.sendSignedWith(op, doc, func(c *wire.Client) { c.Credentials = unknownCredentials })
}

// sendSignedWith sends the docstring as the operation under test through a copy of the run's
// wire client that change adjusts (other credentials, another signing region).
func (w *World) sendSignedWith(op string, doc *godog.DocString, change func(*wire.Client)) error {
	body, err := w.expand(doc.Content)
	if err != nil {
		return err
	}
	c := *w.env.Wire
	change(&c)
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
