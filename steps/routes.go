package steps

import (
	"context"

	"github.com/cucumber/godog"

	"github.com/cognito-conformance/cognito-conformance/fixtures"
	"github.com/cognito-conformance/cognito-conformance/wire"
)

// setUpCaller lets the fixtures' set-up routes send raw calls as this scenario's set-up.
type setUpCaller struct{ w *World }

func (c setUpCaller) SetUpCall(ctx context.Context, op string, body []byte, signed bool) (*wire.Exchange, error) {
	return c.w.env.Wire.Call(ctx, wire.RoleFixture, op, body, signed)
}

func (c setUpCaller) Missing(ex *wire.Exchange) bool { return c.w.missing(ex) }

// reach brings the user to the state a Given's admin request describes, by the first route
// the target implements (fixtures.Reach), and notes the route in the scenario's report.
func (w *World) reach(routes []fixtures.Route, doc *godog.DocString) error {
	body, err := w.expand(doc.Content)
	if err != nil {
		return err
	}
	_, note, err := w.env.Fixtures.Reach(w.fixtureCtx(), setUpCaller{w}, routes, []byte(body), w.routeAccessToken)
	if note != "" {
		w.setupNotes = append(w.setupNotes, note)
	}
	return w.fixture(err)
}

// routeAccessToken is the user's access token for a route that needs it. The scenario's own
// tokens are used when it has signed in; otherwise the user signs in once for the routes, and
// those tokens stay apart, so the scenario's later steps behave as they would after an admin
// route (a step that needs the user signed in still signs in itself).
func (w *World) routeAccessToken() (string, error) {
	if w.tokens != nil {
		return w.tokens.Access, nil
	}
	if w.routeTokens == nil {
		if err := w.needUser(); err != nil {
			return "", err
		}
		t, err := w.env.Fixtures.SignIn(w.fixtureCtx(), w.user)
		if err != nil {
			return "", err
		}
		w.routeTokens = t
	}
	return w.routeTokens.Access, nil
}
