package cassette

import (
	"net/http"
	"net/url"
	"sort"
	"sync"
	"time"

	"github.com/tidwall/gjson"

	"github.com/cognito-conformance/cognito-conformance/fixtures"
	"github.com/cognito-conformance/cognito-conformance/redact"
	"github.com/cognito-conformance/cognito-conformance/steps"
	"github.com/cognito-conformance/cognito-conformance/wire"
)

// poolOperations make and unmake the pools scenarios share. Pools are created by whichever
// scenario needs one first, which changes from run to run, so their fixture calls are kept
// apart from any scenario (pools.json) and replayed to whichever scenario asks. A pool of its
// own (fixtures.PoolSpec.Own) is made by its scenario alone, in its order: its calls stay in
// the scenario, and its deletion at the run's end is a run call like any other.
var poolOperations = map[string]bool{
	"CreateUserPool": true, "SetUserPoolMfaConfig": true, "CreateUserPoolClient": true, "DeleteUserPool": true,
}

// Recording collects a run's exchanges for a cassette: every scenario's (Add, the steps'
// Env.Recorded hook) and those made outside any scenario (Transport). It is safe for
// concurrent scenarios.
type Recording struct {
	mu        sync.Mutex
	scenarios map[string]steps.RecordedScenario // by tag id + steps: a rerun replaces the first try
	order     []string
	pools     []*wire.Exchange // the calls that made the shared pools, whichever scenario made them
	own       map[string]bool  // the ids of the pools of their own scenarios made
	run       []*wire.Exchange
}

// NewRecording starts an empty recording.
func NewRecording() *Recording {
	return &Recording{scenarios: map[string]steps.RecordedScenario{}, own: map[string]bool{}}
}

// Add keeps a finished scenario. A rerun of it replaces its first try, but the pools the
// first try made are kept: they outlive it.
func (r *Recording) Add(s steps.RecordedScenario) {
	r.mu.Lock()
	defer r.mu.Unlock()
	var kept []*wire.Exchange
	for _, ex := range s.Exchanges {
		if ex.Operation == "CreateUserPool" && fixtures.IsOwnPoolName(gjson.Get(ex.Request.Body, "PoolName").String()) {
			r.own[poolIDOf(ex)] = true
		}
		if ex.Role == wire.RoleFixture && poolOperations[ex.Operation] && !r.own[poolIDOf(ex)] {
			r.pools = append(r.pools, ex)
			continue
		}
		kept = append(kept, ex)
	}
	s.Exchanges = kept
	k := s.Tag.ID + "\x00" + s.Tag.Steps
	if _, ok := r.scenarios[k]; !ok {
		r.order = append(r.order, k)
	}
	r.scenarios[k] = s
}

// Transport records, beneath the run's clients, the calls that belong to no scenario (the
// preflight, the deletion of the run's pools); scenario calls are recorded by the steps.
func (r *Recording) Transport(base http.RoundTripper) http.RoundTripper {
	if base == nil {
		base = http.DefaultTransport
	}
	return runRecorder{r: r, base: base}
}

type runRecorder struct {
	r    *Recording
	base http.RoundTripper
}

func (t runRecorder) RoundTrip(req *http.Request) (*http.Response, error) {
	if _, ok := wire.ScenarioFrom(req.Context()); ok {
		return t.base.RoundTrip(req)
	}
	rec := &wire.Recorder{}
	resp, err := wire.RecordingTransport{Base: t.base}.RoundTrip(req.WithContext(wire.WithRecorder(req.Context(), rec)))
	t.r.mu.Lock()
	t.r.run = append(t.r.run, rec.Exchanges()...)
	t.r.mu.Unlock()
	return resp, err
}

// Build turns the recording into a cassette. red masks every secret the run has seen, after
// the placeholders have replaced what they know: a secret the placeholders missed is still
// never written.
func (r *Recording) Build(m Manifest, red *redact.Redactor) *Cassette {
	r.mu.Lock()
	defer r.mu.Unlock()
	c := &Cassette{Manifest: m, Pools: Pools{Pools: []Pool{}, Run: []Exchange{}}}
	c.Manifest.Schema = Schema
	pools := map[string]*poolGroup{} // by raw pool id
	var poolOrder []string
	group := func(id string) *poolGroup {
		g, ok := pools[id]
		if !ok {
			g = &poolGroup{}
			pools[id] = g
			poolOrder = append(poolOrder, id)
		}
		return g
	}
	keys := append([]string(nil), r.order...)
	sort.Strings(keys)
	for _, k := range keys {
		rs := r.scenarios[k]
		sc := Scenario{ID: rs.Tag.ID, Steps: rs.Tag.Steps, Feature: featureOf(rs.Tag.ID), URI: rs.Result.URI, Name: rs.Result.Name,
			Status: string(rs.Result.Status), Exchanges: []Exchange{}}
		own := rs.Exchanges
		s := newScope()
		for _, ex := range own {
			s.collectExchange(ex)
		}
		for _, ex := range own {
			sc.Exchanges = append(sc.Exchanges, s.exchange(ex, red))
		}
		// The verdict's message quotes answers: it gets the same placeholders.
		sc.Message = red.String(s.rewrite(rs.Result.Message))
		c.Scenarios = append(c.Scenarios, sc)
		c.Manifest.Exchanges += len(sc.Exchanges)
	}
	for _, ex := range r.pools {
		g := group(poolIDOf(ex))
		g.exchanges = append(g.exchanges, ex)
	}
	for _, ex := range r.run {
		own := r.own[poolIDOf(ex)]
		if poolOperations[ex.Operation] && !own {
			g := group(poolIDOf(ex))
			g.exchanges = append(g.exchanges, ex)
			continue
		}
		s := newScope()
		s.collectExchange(ex)
		out := s.exchange(ex, red)
		if poolOperations[ex.Operation] {
			c.Pools.Own = append(c.Pools.Own, out)
			continue
		}
		if ex.Operation == "ListUserPools" {
			// The account's other pools are none of the cassette's business.
			out.Response.Body = `{"UserPools":[]}`
		}
		c.Pools.Run = append(c.Pools.Run, out)
	}
	for _, id := range poolOrder {
		g := pools[id]
		s := newScope()
		for _, ex := range g.exchanges {
			s.collectExchange(ex)
		}
		p := Pool{Exchanges: []Exchange{}}
		for _, ex := range g.exchanges {
			if ex.Operation == "CreateUserPool" {
				p.Name = s.rewrite(gjson.Get(ex.Request.Body, "PoolName").String())
			}
			p.Exchanges = append(p.Exchanges, s.exchange(ex, red))
		}
		c.Pools.Pools = append(c.Pools.Pools, p)
	}
	sort.SliceStable(c.Pools.Pools, func(i, j int) bool { return c.Pools.Pools[i].Name < c.Pools.Pools[j].Name })
	c.Manifest.Scenarios = len(c.Scenarios)
	return c
}

type poolGroup struct{ exchanges []*wire.Exchange }

// poolIDOf is the pool an exchange made or used.
func poolIDOf(ex *wire.Exchange) string {
	if id := gjson.Get(ex.Response.Body, "UserPool.Id").String(); id != "" {
		return id
	}
	if id := gjson.Get(ex.Request.Body, "UserPoolId").String(); id != "" {
		return id
	}
	return "?" + gjson.Get(ex.Request.Body, "PoolName").String()
}

func (s *scope) collectExchange(ex *wire.Exchange) {
	s.collectHeaders(ex.Request.Headers, true)
	s.collect(ex.Request.Body)
	s.collectHeaders(ex.Response.Headers, false)
	s.collect(ex.Response.Body)
	s.collect(ex.TransportError)
}

func (s *scope) exchange(ex *wire.Exchange, red *redact.Redactor) Exchange {
	clean := func(text string) string { return red.String(s.rewrite(text)) }
	cleanHeaders := func(h http.Header, request bool) http.Header {
		out := s.rewriteHeaders(h, request)
		for k, vs := range out {
			for i, v := range vs {
				if v != SigV4 {
					vs[i] = red.String(v)
				}
			}
			out[k] = vs
		}
		return out
	}
	return Exchange{
		Role: string(ex.Role), Operation: ex.Operation, Signed: ex.Signed, Attempt: ex.Attempt, Status: ex.Status,
		Request:        Message{Headers: cleanHeaders(ex.Request.Headers, true), Body: clean(ex.Request.Body)},
		Response:       Message{Headers: cleanHeaders(ex.Response.Headers, false), Body: clean(ex.Response.Body)},
		TransportError: clean(ex.TransportError),
	}
}

// TagTransport tells a replaying target which scenario each request belongs to (the
// HeaderScenario, HeaderSteps and HeaderSession headers, from the request's context). The
// harness puts it beneath its clients only when the target is a replay: no other target ever
// sees these headers, and a replay is the one target that needs them.
type TagTransport struct{ Base http.RoundTripper }

func (t TagTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	base := t.Base
	if base == nil {
		base = http.DefaultTransport
	}
	tag, ok := wire.ScenarioFrom(req.Context())
	if !ok {
		return base.RoundTrip(req)
	}
	out := req.Clone(req.Context()) // the body is shared: only the copy is sent
	out.Header.Set(HeaderScenario, escapeHeader(tag.ID))
	out.Header.Set(HeaderSteps, tag.Steps)
	out.Header.Set(HeaderSession, tag.Session)
	return base.RoundTrip(out)
}

// escapeHeader keeps a scenario name (any text) within what a header value may carry.
func escapeHeader(s string) string { return url.QueryEscape(s) }

func unescapeHeader(s string) string {
	if v, err := url.QueryUnescape(s); err == nil {
		return v
	}
	return s
}

// Now is when a recording is made (a variable for tests).
var Now = time.Now
