// Package reference is the embedded reference target: an in-memory Amazon
// Cognito user-pool service that speaks the AWS JSON 1.1 wire protocol
// (catalogue section 1.1) well enough for the MFA-preference conformance suite.
//
// # The contract as rules
//
// Every operation is an operation[In] value (rules.go), registered by name in
// server.go:
//
//   - validate states the member constraints of the request (validate.go);
//     they are checked before authentication, as AWS does;
//   - auth authenticates the caller (a SigV4 signature for IAM-authorized
//     operations unless stated otherwise);
//   - rules are the named preconditions, in the order AWS checks them; the
//     first that does not hold answers its error;
//   - effect changes the state and returns the success body.
//
// A rule's check returns nil when it holds and the error to answer when it
// does not; it may keep what it found (r.pool, r.user, a session, a field of
// the request type) for later rules and the effect. Choices of the sign-in
// (signin.go) and parts of an effect that a mutation must reach are named
// steps too (newChoice, newPart). The wire answer is written in one place:
// ServeHTTP builds an answer and answer.write renders it (answer.go).
//
// To add a behaviour: write its rule with newRule("a-name-saying-what-holds",
// check) next to the operation, with a comment citing the catalogue id, and
// put it in the operation's rules where AWS checks it. A rule that holds for
// only one profile checks s.profile inside; give each of two operations its
// own name when they differ (admin-totp-needs-authenticator).
//
// # Mutations beside it
//
// mutations.go holds the mutation table: deliberate defects that break one
// behaviour each, so that `cognito-conformance mutants` can show a scenario
// of that behaviour notices. A mutation is data and names what it breaks:
//
//   - Disables: rules (or sign-in choices, member patterns) switched off;
//   - Replaces: a step name and the defective function of the step's type
//     that stands in for it (written below the table);
//   - Rewrite: a function that rewrites the answer (body, error, headers).
//
// Operation code never asks which mutation is active; checkRules and
// step.active apply it. To add a mutation for a new behaviour: add an entry
// with the catalogue ids it breaks (Breaks), a description of what a client
// sees, the profile it runs in when not aws, and one of the three effects;
// TestMutationsNameTheContract checks that every name it uses is declared and
// every stand-in has the declared type, and `make mutants` must show it
// killed by a scenario tagged with one of its ids.
package reference
