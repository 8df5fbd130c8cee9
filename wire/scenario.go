package wire

import "context"

// ScenarioTag names the scenario a call belongs to, across runs of the same features: ID is
// "<feature>/<scenario name>", Steps a short hash of its steps (it tells the rows of an
// outline apart), Session is unique to one execution of it (a rerun is a new session). A
// cassette groups recorded exchanges by it, and the harness tells a replaying target with it
// which recorded sequence a request continues (package cassette).
type ScenarioTag struct {
	ID, Steps, Session string
}

type scenarioKey struct{}

// WithScenario returns a context whose calls belong to the scenario tag names.
func WithScenario(ctx context.Context, tag ScenarioTag) context.Context {
	return context.WithValue(ctx, scenarioKey{}, tag)
}

// ScenarioFrom returns the scenario of ctx, if any: calls made outside any scenario (the
// preflight, the deletion of the run's pools) have none.
func ScenarioFrom(ctx context.Context) (ScenarioTag, bool) {
	t, ok := ctx.Value(scenarioKey{}).(ScenarioTag)
	return t, ok
}
