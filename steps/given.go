package steps

import (
	"context"
	"fmt"
	"strings"

	"github.com/cucumber/godog"

	"github.com/cognito-conformance/cognito-conformance/fixtures"
	"github.com/cognito-conformance/cognito-conformance/outcome"
	"github.com/cognito-conformance/cognito-conformance/wire"
)

func (w *World) fixtureCtx() context.Context { return wire.WithRole(w.ctx, wire.RoleFixture) }

func (w *World) aUserPool(own, mfa, factors, tier string) error {
	spec := fixtures.PoolSpec{MFA: mfa, Tier: tier, Own: own != ""}
	for _, f := range splitList(factors) {
		switch strings.ToLower(f) {
		case "totp":
			spec.TOTP = true
		case "sms":
			spec.SMS = true
		case "email":
			spec.Email = true
		default:
			return fmt.Errorf("unknown MFA factor %q (use TOTP, SMS or email)", f)
		}
	}
	pool, err := w.env.Fixtures.Pool(w.fixtureCtx(), spec)
	if err != nil {
		return w.fixture(err)
	}
	w.pool = pool
	return nil
}

func (w *World) theAdministratorTurnsTOTPOff() error {
	if err := w.needPool(); err != nil {
		return err
	}
	if err := w.pool.Spec.CanTurnTOTPOff(); err != nil {
		// The feature asks for what its pool cannot give: the scenario is incomplete.
		return fmt.Errorf("%w: %v", outcome.ErrIncomplete, err)
	}
	return w.fixture(w.env.Fixtures.TurnTOTPOff(w.fixtureCtx(), w.pool))
}

func (w *World) needPool() error {
	if w.pool == nil {
		return fmt.Errorf("%w: it has no user pool: add a step such as \"Given a user pool with MFA OPTIONAL and TOTP available\"", outcome.ErrIncomplete)
	}
	return nil
}

func (w *World) needUser() error {
	if w.user == nil {
		return fmt.Errorf("%w: it has no user: add a step such as \"Given a confirmed user\"", outcome.ErrIncomplete)
	}
	return nil
}

func (w *World) aConfirmedUser(with string) error {
	if err := w.needPool(); err != nil {
		return err
	}
	spec := fixtures.UserSpec{Phone: strings.Contains(with, "phone"), Email: strings.Contains(with, "email")}
	return w.adoptUser(w.env.Fixtures.ConfirmedUser(w.fixtureCtx(), w.pool, spec))
}

// adoptUser makes a newly created user the scenario's user. A user that exists is deleted when
// the scenario ends even if its set-up failed half-way.
func (w *World) adoptUser(u *fixtures.User, err error) error {
	if u != nil {
		w.users = append(w.users, u)
	}
	if err != nil {
		return w.fixture(err)
	}
	w.user = u
	return nil
}

func (w *World) anUnconfirmedUser() error {
	if err := w.needPool(); err != nil {
		return err
	}
	return w.adoptUser(w.env.Fixtures.UnconfirmedUser(w.fixtureCtx(), w.pool))
}

func (w *World) theUserHasSignedIn() error {
	if err := w.needUser(); err != nil {
		return err
	}
	t, err := w.env.Fixtures.SignIn(w.fixtureCtx(), w.user)
	if err != nil {
		return w.fixture(err)
	}
	w.tokens = t
	return nil
}

func (w *World) signedIn() error {
	if w.tokens != nil {
		return nil
	}
	return w.theUserHasSignedIn()
}

func (w *World) theUserHasRegisteredTOTP() error {
	if err := w.signedIn(); err != nil {
		return err
	}
	return w.fixture(w.env.Fixtures.RegisterTOTP(w.fixtureCtx(), w.user, w.tokens))
}

func (w *World) theUserHasAssociatedTOTP() error {
	if err := w.signedIn(); err != nil {
		return err
	}
	_, err := w.env.Fixtures.AssociateTOTP(w.fixtureCtx(), w.tokens)
	return w.fixture(err)
}

// theAdministratorHasSetPreference reaches the preference the request describes by the first
// route the target implements: AdminSetUserMFAPreference, else SetUserMFAPreference with the
// user's token, else legacy AdminSetUserSettings for SMS (fixtures.PreferenceRoutes).
func (w *World) theAdministratorHasSetPreference(doc *godog.DocString) error {
	return w.reach(fixtures.PreferenceRoutes, doc)
}

func (w *World) theAdministratorHasSetLegacyOptions(doc *godog.DocString) error {
	return w.reach(fixtures.LegacyRoutes, doc)
}

func (w *World) theAdministratorHasResetThePassword() error {
	if err := w.needUser(); err != nil {
		return err
	}
	return w.fixture(w.env.Fixtures.RequirePasswordReset(w.fixtureCtx(), w.user))
}

func (w *World) theUserHasSignedOut() error {
	if w.tokens == nil {
		return fmt.Errorf("%w: the user has not signed in", outcome.ErrIncomplete)
	}
	// GlobalSignOut with the user's token, else AdminUserGlobalSignOut (fixtures.SignOutRoutes):
	// either revokes the token the scenario holds.
	return w.reach(fixtures.SignOutRoutes, &godog.DocString{Content: `{"UserPoolId": "${UserPoolId}", "Username": "${Username}"}`})
}

func (w *World) theUserHasBeenDeleted() error {
	if err := w.needUser(); err != nil {
		return err
	}
	return w.fixture(w.env.Fixtures.DeleteUser(w.fixtureCtx(), w.user))
}

// sampleValuesStandFor lets a documented sample stay verbatim: its literal values (such as
// "us-west-2_EXAMPLE" and "testuser") are replaced by the scenario's fixtures when sent.
func (w *World) sampleValuesStandFor(table *godog.Table) error {
	if w.aliases == nil {
		w.aliases = map[string]string{}
	}
	for _, row := range table.Rows {
		if len(row.Cells) != 2 {
			return fmt.Errorf("each row needs two cells: the sample's value and a placeholder name such as UserPoolId")
		}
		v, err := w.placeholder(strings.TrimSpace(row.Cells[1].Value))
		if err != nil {
			return err
		}
		w.aliases[row.Cells[0].Value] = v
	}
	return nil
}

func splitList(s string) []string {
	s = strings.ReplaceAll(s, " and ", ",")
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func (w *World) aPlainConfirmedUser() error { return w.aConfirmedUser("") }
