package reference

import (
	"reflect"
	"slices"
)

// The form every operation takes (see doc.go): member constraints, then
// authentication, then named precondition rules in the order AWS checks them,
// then one effect. Names are how the mutation table reaches the contract.

// step is one named piece of the contract: a precondition rule, a choice the
// sign-in makes, or a part of an effect. An active mutation may switch a rule
// or a choice off, or stand another function of the same type in for any step.
type step[F any] struct {
	name string
	fn   F
}

// rule is a named precondition: check returns the error the operation answers
// when the precondition does not hold, nil when it holds. A check may also keep
// what it found for later rules and the effect (the pool, the user, a session).
type rule[C any] = step[func(C) *apiError]

// stepInfo is what the mutation table's test knows of a declared name.
type stepInfo struct {
	types      []reflect.Type // the function types declared under the name
	switchable bool           // a mutation may switch it off (rules and choices)
	dataOnly   bool           // a rule that is data, not a function (member patterns): never replaced
}

// declared indexes every step by name. It is filled while the package's
// variables are initialised and only read afterwards.
var declared = map[string]*stepInfo{}

func declare[F any](name string, fn F, switchable bool) step[F] {
	info := declared[name]
	if info == nil {
		info = &stepInfo{switchable: switchable}
		declared[name] = info
	}
	if t := reflect.TypeFor[F](); !slices.Contains(info.types, t) {
		info.types = append(info.types, t)
	}
	return step[F]{name: name, fn: fn}
}

// newRule declares a precondition rule.
func newRule[C any](name string, check func(C) *apiError) rule[C] {
	return declare(name, check, true)
}

// newPart declares a part of an effect: a mutation may replace it but not
// switch it off.
func newPart[F any](name string, fn F) step[F] { return declare(name, fn, false) }

// active is the function the server runs for st: its own, the one the active
// mutation stands in for it, or none (on is false) when the mutation switches
// it off.
func (st step[F]) active(s *Server) (fn F, on bool) {
	if m := s.mutation; m != nil {
		if slices.Contains(m.Disables, st.name) {
			return fn, false
		}
		if f, ok := m.Replaces[st.name]; ok {
			return f.(F), true
		}
	}
	return st.fn, true
}

// use is active for parts of an effect, which are never switched off.
func (st step[F]) use(s *Server) F {
	fn, _ := st.active(s)
	return fn
}

// switchedOff reports whether the active mutation switches the named rule off
// (for rules that are data rather than functions: member patterns).
func (s *Server) switchedOff(name string) bool {
	return s.mutation != nil && slices.Contains(s.mutation.Disables, name)
}

// acceptUnchanged is what a check returns to end the call with success and no
// effect. Only defective rules of the mutation table use it ("accepted and
// ignored").
var acceptUnchanged = &apiError{Code: "reference: accepted unchanged"}

// checkRules runs rules in order; the first that does not hold answers.
func checkRules[C any](s *Server, c C, rules []rule[C]) *apiError {
	for _, r := range rules {
		if check, on := r.active(s); on {
			if e := check(c); e != nil {
				return e
			}
		}
	}
	return nil
}

// group is a rule that holds when its rules hold, checked only when applies
// says the call is of the kind they govern (one sign-in flow, one challenge).
func group[In any](name string, applies func(*req[In]) bool, rules ...rule[*req[In]]) rule[*req[In]] {
	return newRule(name, func(r *req[In]) *apiError {
		if !applies(r) {
			return nil
		}
		return checkRules(r.s, r, rules)
	})
}

// req is one call of an operation whose request decodes into In, with what
// its rules found on the way.
type req[In any] struct {
	*call
	in     In
	pool   *pool
	user   *user
	client *client
	sess   *authSession
}

// operation is one API operation as the contract states it.
type operation[In any] struct {
	// validate states the request's member constraints; they are checked
	// before authentication (catalogue 1.1).
	validate func(*In, *validator)
	// auth overrides how the caller is authenticated; nil means a SigV4
	// signature for IAM-authorized operations and nothing for token ones.
	auth []rule[*call]
	// rules are the preconditions, in the order AWS checks them.
	rules []rule[*req[In]]
	// effect changes the state once every rule holds and returns the success
	// body (nil is {}).
	effect func(*req[In]) any
}

// handler is an operation of any request type.
type handler interface{ serve(*call) (any, *apiError) }

func (o operation[In]) serve(c *call) (any, *apiError) {
	r := &req[In]{call: c}
	if e := c.decode(&r.in); e != nil {
		return nil, e
	}
	if o.validate != nil {
		vd := validator{op: c.op, off: c.s.switchedOff}
		o.validate(&r.in, &vd)
		if e := vd.err(); e != nil {
			return nil, e
		}
	}
	auth := o.auth
	if auth == nil && c.signed {
		auth = []rule[*call]{iamSignature}
	}
	if e := checkRules(c.s, c, auth); e != nil {
		return nil, e
	}
	if e := checkRules(c.s, r, o.rules); e == acceptUnchanged {
		return nil, nil
	} else if e != nil {
		return nil, e
	}
	if o.effect == nil {
		return nil, nil
	}
	return o.effect(r), nil
}

// iamSignature authenticates IAM-authorized operations (B11).
var iamSignature = newRule("iam-signature", func(c *call) *apiError { return checkSigV4(c) })

// Rules shared by many operations. Each is declared once per request type.

func poolExists[In any](id func(*In) *string) rule[*req[In]] {
	return newRule("pool-exists", func(r *req[In]) *apiError {
		var e *apiError
		r.pool, e = r.s.lookupPool(deref(id(&r.in)))
		return e
	})
}

// userExists finds the user an admin operation names (B26: UserNotFoundException).
func userExists[In any](ref func(*In) (poolID, username *string)) rule[*req[In]] {
	return newRule("user-exists", func(r *req[In]) *apiError {
		poolID, username := ref(&r.in)
		var e *apiError
		r.pool, r.user, e = r.s.lookupUser(deref(poolID), deref(username))
		return e
	})
}

// accessTokenAccepted authenticates a token operation (B11).
func accessTokenAccepted[In any](tok func(*In) *string) rule[*req[In]] {
	return newRule("access-token-accepted", func(r *req[In]) *apiError {
		var e *apiError
		r.pool, r.user, e = r.s.userFromAccessToken(deref(tok(&r.in)))
		return e
	})
}

// appClientExists finds the app client of a token-less user operation.
func appClientExists[In any](id func(*In) *string) rule[*req[In]] {
	return newRule("app-client-exists", func(r *req[In]) *apiError {
		var e *apiError
		r.client, e = r.s.lookupClient(*id(&r.in))
		return e
	})
}

// poolClientExists finds an app client that must belong to the named pool.
func poolClientExists[In any](ids func(*In) (poolID, clientID *string)) rule[*req[In]] {
	return newRule("pool-client-exists", func(r *req[In]) *apiError {
		poolID, clientID := ids(&r.in)
		var e *apiError
		r.client, e = r.s.lookupPoolClient(*poolID, *clientID)
		return e
	})
}

// secretHash enforces SECRET_HASH for clients with a secret (B22f).
func secretHash[In any](of func(*req[In]) (username string, hash *string)) rule[*req[In]] {
	return newRule("secret-hash", func(r *req[In]) *apiError {
		username, hash := of(r)
		return checkSecretHash(r.client, username, hash)
	})
}

// attributesMutable rejects a request that sets the immutable sub.
func attributesMutable[In any](list func(*In) []attrIn) rule[*req[In]] {
	return newRule("sub-is-immutable", func(r *req[In]) *apiError {
		for _, a := range list(&r.in) {
			if *a.Name == "sub" {
				return errInvalidParameter("Cannot modify an immutable attribute: sub")
			}
		}
		return nil
	})
}

// deref reads a member the validation requires. It is "" when absent: only a mutation that
// switches a member's validation off lets an absent one through, and the rule then answers
// as it does for an empty value (no pool, no user, a token that does not parse).
func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}
