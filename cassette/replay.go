package cassette

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"math/big"
	"net"
	"net/http"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/cognito-conformance/cognito-conformance/wire"
	"github.com/tidwall/gjson"
)

// Server serves a cassette as a Cognito user-pool endpoint.
//
// How a request finds its recorded answer: the harness names, in three headers it sends only
// to a replay (TagTransport), the scenario (feature/name), the hash of its steps and a session
// unique to this execution of it. Each session walks its scenario's recorded sequence in
// order: the next recorded request must match the incoming one modulo placeholders (a
// placeholder binds, on first sight, to the value this run sent, and must keep it; a value
// stands for one placeholder only), and the recorded answer is sent with its placeholders
// bound to this run's values, or to fresh values of the same shape for those this run has not
// sent yet (a new pool id, a token, a TOTP secret). The calls that make the run's shared pools
// are matched apart (pools.json): whichever scenario makes a pool first, its CreateUserPool is
// matched by the pool's name and configuration, and later calls about that pool by the id the
// replay gave it. Calls outside any scenario (the preflight) match any recorded one.
//
// Scenario headers were chosen over guessing the scenario from the requests: many scenarios
// begin with the same calls, and scenarios run concurrently, so only the harness knows which
// scenario a request belongs to. The headers never reach a real target.
type Server struct {
	c      *Cassette
	region string

	mu       sync.Mutex
	sessions map[string]*session // by session header
	pools    []*session          // pool creations, in order
	ownPools map[string]bool     // the ids of the pools of their own scenario replays made
	srv      *http.Server
	url      string
}

type session struct {
	label    string
	recorded []Exchange // HTTP exchanges only
	next     int
	b        *bindings
	note     string // why the scenario has no exchanges, when it has none
}

// NewServer serves c.
func NewServer(c *Cassette) *Server {
	region := c.Manifest.Target.Region
	if region == "" {
		region = "us-east-1"
	}
	return &Server{c: c, region: region, sessions: map[string]*session{}, ownPools: map[string]bool{}}
}

// Cassette is the cassette served.
func (s *Server) Cassette() *Cassette { return s.c }

// Start listens on addr (127.0.0.1:0 for a free port) and returns the endpoint URL.
func (s *Server) Start(addr string) (string, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return "", err
	}
	s.srv = &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = s.srv.Serve(ln) }()
	s.url = "http://" + ln.Addr().String()
	return s.url, nil
}

// Close stops the server and closes its connections at once: a replay is closed when its run
// is over (or, serve --replay, when its user stops it), and Shutdown would wait 5 s for a
// spare connection the client's transport opened and never used.
func (s *Server) Close() error {
	if s.srv == nil {
		return nil
	}
	return s.srv.Close()
}

// MismatchCode is the error code of a request the cassette does not hold.
const MismatchCode = "CassetteMismatchException"

// ManifestPath is where a replay serves its cassette's manifest (GET), so that a harness
// pointed at a standalone replay (serve --replay) asks it what the recording asked.
const ManifestPath = "/.cassette/manifest.json"

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method == http.MethodGet && r.URL.Path == ManifestPath {
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(s.c.Manifest)
		return
	}
	body, _ := io.ReadAll(io.LimitReader(r.Body, 8<<20))
	in := incoming{op: strings.TrimPrefix(r.Header.Get("X-Amz-Target"), wire.TargetPrefix), header: r.Header, body: string(body)}
	s.mu.Lock()
	ex, b, msg := s.find(r, in)
	var out rendered
	if ex != nil {
		out = s.render(*ex, b)
		if ex.Operation == "CreateUserPool" && s.inScenario(ex) {
			// A pool made in its scenario's own recording, not matched apart: a pool of its own.
			if id := gjson.Get(out.body, "UserPool.Id").String(); id != "" {
				s.ownPools[id] = true
			}
		}
	}
	s.mu.Unlock()
	if ex == nil {
		writeMismatch(w, msg)
		return
	}
	if ex.Status == 0 {
		// No answer was recorded (a reset, a timeout): none is given.
		if hj, ok := w.(http.Hijacker); ok {
			if conn, _, err := hj.Hijack(); err == nil {
				conn.Close()
				return
			}
		}
		w.WriteHeader(http.StatusBadGateway)
		return
	}
	for k, vs := range out.headers {
		w.Header()[k] = vs
	}
	w.WriteHeader(ex.Status)
	_, _ = io.WriteString(w, out.body)
}

type incoming struct {
	op     string
	header http.Header
	body   string
}

// find picks the recorded exchange that answers the request, and the bindings to render it
// with; or says why there is none.
func (s *Server) find(r *http.Request, in incoming) (*Exchange, *bindings, string) {
	id := unescapeHeader(r.Header.Get(HeaderScenario))
	var sess *session
	if id != "" {
		sess = s.session(id, r.Header.Get(HeaderSteps), r.Header.Get(HeaderSession))
		if sess.next < len(sess.recorded) {
			if diff := sess.b.try(sess.recorded[sess.next], in); diff == "" {
				sess.next++
				return &sess.recorded[sess.next-1], sess.b, ""
			}
		}
	}
	if poolOperations[in.op] {
		if ex, b, ok := s.pool(in); ok {
			return ex, b, ""
		}
		if id == "" && s.ownPools[gjson.Get(in.body, "UserPoolId").String()] {
			for i := range s.c.Pools.Own {
				b := newBindings()
				if b.try(s.c.Pools.Own[i], in) == "" {
					return &s.c.Pools.Own[i], b, ""
				}
			}
		}
	}
	if id == "" {
		for i := range s.c.Pools.Run {
			b := newBindings()
			if b.try(s.c.Pools.Run[i], in) == "" {
				return &s.c.Pools.Run[i], b, ""
			}
		}
		return nil, nil, fmt.Sprintf("the cassette holds no %s request outside a scenario like this one%s", in.op, closest(s.c.Pools.Run, in))
	}
	switch {
	case sess.note != "":
		return nil, nil, fmt.Sprintf("scenario %q: %s", id, sess.note)
	case sess.next >= len(sess.recorded):
		return nil, nil, fmt.Sprintf("scenario %q: the recording ends after %d requests; this %s request is one more",
			id, len(sess.recorded), in.op)
	}
	want := sess.recorded[sess.next]
	return nil, nil, fmt.Sprintf("scenario %q: request %d differs from the recorded %s request: %s",
		id, sess.next+1, want.Operation, sess.b.clone().try(want, in))
}

func (s *Server) session(id, steps, key string) *session {
	k := id + "\x00" + steps + "\x00" + key
	if sess, ok := s.sessions[k]; ok {
		return sess
	}
	sess := &session{label: id, b: newBindings()}
	if sc := s.c.Find(id, steps); sc == nil {
		sess.note = "the cassette holds no such scenario (recorded with other feature files?)"
	} else {
		for _, ex := range sc.Exchanges {
			if ex.Role != string(wire.RoleClient) {
				sess.recorded = append(sess.recorded, ex)
			}
		}
		if len(sess.recorded) == 0 {
			sess.note = fmt.Sprintf("the recording made no request in this scenario (it was %s)", sc.Status)
			if sc.Message != "" {
				sess.note += ": " + sc.Message
			}
		}
	}
	s.sessions[k] = sess
	return sess
}

// inScenario reports whether ex is an exchange of a scenario's recording (not of pools.json).
func (s *Server) inScenario(ex *Exchange) bool {
	for _, sess := range s.sessions {
		for i := range sess.recorded {
			if &sess.recorded[i] == ex {
				return true
			}
		}
	}
	return false
}

// pool answers the calls that make and delete the run's shared pools.
func (s *Server) pool(in incoming) (*Exchange, *bindings, bool) {
	if in.op == "CreateUserPool" {
		for _, p := range s.c.Pools.Pools {
			if len(p.Exchanges) == 0 {
				continue
			}
			b := newBindings()
			if b.try(p.Exchanges[0], in) == "" {
				sess := &session{label: p.Name, recorded: p.Exchanges, next: 1, b: b}
				s.pools = append(s.pools, sess)
				return &p.Exchanges[0], b, true
			}
		}
		return nil, nil, false
	}
	var doc struct{ UserPoolId string }
	_ = json.Unmarshal([]byte(in.body), &doc)
	for i := len(s.pools) - 1; i >= 0; i-- {
		sess := s.pools[i]
		if _, ok := sess.b.byValue[doc.UserPoolId]; !ok || doc.UserPoolId == "" {
			continue
		}
		for j := sess.next; j < len(sess.recorded); j++ {
			if sess.b.try(sess.recorded[j], in) == "" {
				sess.next = j + 1
				return &sess.recorded[j], sess.b, true
			}
		}
	}
	return nil, nil, false
}

// closest names the recorded request most like the incoming one, and how it differs.
func closest(list []Exchange, in incoming) string {
	best, bestScore := "", -1
	for _, ex := range list {
		score := 0
		if ex.Operation == in.op {
			score += 2
		}
		if diff := newBindings().try(ex, in); score > bestScore {
			best, bestScore = fmt.Sprintf("; the closest recorded one is %s: %s", ex.Operation, diff), score
		}
	}
	return best
}

func writeMismatch(w http.ResponseWriter, msg string) {
	w.Header().Set("Content-Type", wire.ContentType)
	w.Header().Set("x-amzn-ErrorType", MismatchCode+":")
	w.WriteHeader(http.StatusBadRequest)
	b, _ := json.Marshal(map[string]string{"__type": MismatchCode, "message": "cassette replay: " + msg})
	_, _ = w.Write(b)
}

// bindings tie placeholders to this run's values, one to one.
type bindings struct {
	byPH    map[string]string
	byValue map[string]string
}

func newBindings() *bindings {
	return &bindings{byPH: map[string]string{}, byValue: map[string]string{}}
}

func (b *bindings) clone() *bindings {
	c := newBindings()
	for k, v := range b.byPH {
		c.byPH[k] = v
	}
	for k, v := range b.byValue {
		c.byValue[k] = v
	}
	return c
}

func (b *bindings) bind(ph, v string) bool {
	if have, ok := b.byPH[ph]; ok {
		return have == v
	}
	if other, ok := b.byValue[v]; ok && other != ph {
		return false
	}
	b.byPH[ph] = v
	b.byValue[v] = ph
	return true
}

// try matches an incoming request against a recorded one; on a match it keeps the new
// bindings and returns "", otherwise it keeps none and returns the first difference.
func (b *bindings) try(rec Exchange, in incoming) string {
	t := b.clone()
	if diff := t.match(rec, in); diff != "" {
		return diff
	}
	*b = *t
	return ""
}

func (b *bindings) match(rec Exchange, in incoming) string {
	if got := in.header.Get("X-Amz-Target"); !b.matchString(rec.Request.Headers.Get("X-Amz-Target"), got) {
		return fmt.Sprintf("X-Amz-Target: recorded %q, got %q", rec.Request.Headers.Get("X-Amz-Target"), got)
	}
	if signed := in.header.Get("Authorization") != ""; signed != (rec.Request.Headers.Get("Authorization") != "") {
		return fmt.Sprintf("signed: recorded %v, got %v", !signed, signed)
	}
	if want, got := rec.Request.Headers.Get("Content-Type"), in.header.Get("Content-Type"); !b.matchString(want, got) {
		return fmt.Sprintf("Content-Type: recorded %q, got %q", want, got)
	}
	var want, got any
	if json.Unmarshal([]byte(rec.Request.Body), &want) == nil && json.Unmarshal([]byte(in.body), &got) == nil {
		return b.matchJSON("body", want, got, "")
	}
	if !b.matchString(rec.Request.Body, in.body) {
		return fmt.Sprintf("body: recorded %.200q, got %.200q", rec.Request.Body, in.body)
	}
	return ""
}

func (b *bindings) matchJSON(path string, want, got any, member string) string {
	switch w := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			return fmt.Sprintf("%s: recorded an object, got %s", path, kindOf(got))
		}
		keys := make([]string, 0, len(w)+len(g))
		for k := range w {
			keys = append(keys, k)
		}
		for k := range g {
			if _, ok := w[k]; !ok {
				keys = append(keys, k)
			}
		}
		sort.Strings(keys)
		for _, k := range keys {
			wv, inW := w[k]
			gv, inG := g[k]
			switch {
			case !inW:
				return fmt.Sprintf("%s.%s: not in the recording", path, k)
			case !inG:
				return fmt.Sprintf("%s.%s: missing (recorded %s)", path, k, show(wv, k))
			}
			if d := b.matchJSON(path+"."+k, wv, gv, k); d != "" {
				return d
			}
		}
		return ""
	case []any:
		g, ok := got.([]any)
		if !ok || len(g) != len(w) {
			return fmt.Sprintf("%s: recorded %d items, got %s", path, len(w), show(got, member))
		}
		for i := range w {
			if d := b.matchJSON(fmt.Sprintf("%s[%d]", path, i), w[i], g[i], member); d != "" {
				return d
			}
		}
		return ""
	case string:
		g, ok := got.(string)
		if !ok || !b.matchString(w, g) {
			return fmt.Sprintf("%s: recorded %q, got %s", path, w, show(got, member))
		}
		return ""
	}
	if fmt.Sprint(want) != fmt.Sprint(got) {
		return fmt.Sprintf("%s: recorded %v, got %s", path, want, show(got, member))
	}
	return ""
}

// show writes a value for a difference, but never the value of a secret member.
func show(v any, member string) string {
	if memberKinds[member] != "" {
		return "another value"
	}
	b, _ := json.Marshal(v)
	if len(b) > 120 {
		return string(b[:120]) + "…"
	}
	return string(b)
}

func kindOf(v any) string {
	switch v.(type) {
	case map[string]any:
		return "an object"
	case []any:
		return "a list"
	case string:
		return "a string"
	case nil:
		return "null"
	}
	return fmt.Sprintf("%v", v)
}

var regexCache sync.Map

// matchString matches a value against a recorded one with placeholders, binding them.
func (b *bindings) matchString(tmpl, got string) bool {
	locs := PlaceholderRe.FindAllStringSubmatchIndex(tmpl, -1)
	if len(locs) == 0 {
		return tmpl == got
	}
	var re strings.Builder
	re.WriteString("(?s)^")
	var names []string
	prev := 0
	for _, l := range locs {
		re.WriteString(regexp.QuoteMeta(tmpl[prev:l[0]]))
		ph := tmpl[l[0]:l[1]]
		switch {
		case l[4] < 0: // <epoch>, <date>, <sigv4>: anything
			re.WriteString(".*?")
		case b.byPH[ph] != "":
			re.WriteString(regexp.QuoteMeta(b.byPH[ph]))
		default:
			re.WriteString("(.+?)")
			names = append(names, ph)
		}
		prev = l[1]
	}
	re.WriteString(regexp.QuoteMeta(tmpl[prev:]) + "$")
	var compiled *regexp.Regexp
	if c, ok := regexCache.Load(re.String()); ok {
		compiled = c.(*regexp.Regexp)
	} else {
		compiled = regexp.MustCompile(re.String())
		regexCache.Store(re.String(), compiled)
	}
	m := compiled.FindStringSubmatch(got)
	if m == nil {
		return false
	}
	for i, ph := range names {
		if !b.bind(ph, m[i+1]) {
			return false
		}
	}
	return true
}

type rendered struct {
	headers http.Header
	body    string
}

// render fills a recorded answer with this run's values (fresh ones for placeholders not yet
// bound) and the current date.
func (s *Server) render(ex Exchange, b *bindings) rendered {
	out := rendered{headers: http.Header{}}
	for k, vs := range ex.Response.Headers {
		for _, v := range vs {
			if v == Date {
				v = time.Now().UTC().Format(http.TimeFormat)
			} else {
				v = s.fill(v, b, false)
			}
			out.headers[k] = append(out.headers[k], v)
		}
	}
	now := strconv.FormatFloat(float64(time.Now().UnixMilli())/1000, 'f', -1, 64)
	body := strings.ReplaceAll(ex.Response.Body, `"`+Epoch+`"`, now)
	out.body = s.fill(body, b, json.Valid([]byte(ex.Response.Body)))
	return out
}

func (s *Server) fill(text string, b *bindings, inJSON bool) string {
	return PlaceholderRe.ReplaceAllStringFunc(text, func(ph string) string {
		m := PlaceholderRe.FindStringSubmatch(ph)
		if m[2] == "" {
			return ph
		}
		v, ok := b.byPH[ph]
		if !ok {
			v = s.generate(m[1])
			for !b.bind(ph, v) {
				v = s.generate(m[1])
			}
		}
		if inJSON {
			q, _ := json.Marshal(v)
			return string(q[1 : len(q)-1])
		}
		return v
	})
}

// generate makes a fresh value of a kind, shaped like what a target hands out.
func (s *Server) generate(kind string) string {
	switch kind {
	case KindPool:
		return s.region + "_" + randomFrom("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 9)
	case KindClient:
		return randomFrom("abcdefghijklmnopqrstuvwxyz0123456789", 26)
	case KindUUID, KindRequest:
		u := randomFrom("0123456789abcdef", 32)
		return u[:8] + "-" + u[8:12] + "-4" + u[13:16] + "-a" + u[17:20] + "-" + u[20:]
	case KindUser:
		return "cogconf-nobody-" + randomFrom("0123456789abcdef", 6)
	case KindRun:
		return "cogconf-replay-" + randomFrom("0123456789abcdef", 4)
	case KindToken:
		enc := base64.RawURLEncoding.EncodeToString
		return enc([]byte(`{"alg":"RS256","kid":"replay"}`)) + "." +
			enc([]byte(`{"token_use":"replay","jti":"`+s.generate(KindUUID)+`"}`)) + "." + randomFrom(urlSafe, 86)
	case KindSession:
		return randomFrom(urlSafe, 120)
	case KindSecret:
		return randomFrom("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 32)
	case KindAccount:
		return randomFrom("0123456789", 12)
	case KindCode:
		return randomFrom("0123456789", 6)
	case KindSRP:
		// SALT and SRP_B are hexadecimal numbers a client computes with, and SECRET_BLOCK is
		// base64 it signs: 64 hexadecimal digits are all three.
		return randomFrom("123456789abcdef", 1) + randomFrom("0123456789abcdef", 63)
	}
	return randomFrom(urlSafe, 24)
}

const urlSafe = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"

func randomFrom(alphabet string, n int) string {
	out := make([]byte, n)
	max := big.NewInt(int64(len(alphabet)))
	for i := range out {
		k, _ := rand.Int(rand.Reader, max)
		out[i] = alphabet[k.Int64()]
	}
	return string(out)
}

// FetchManifest asks a standalone replay (serve --replay) for its cassette's manifest.
func FetchManifest(ctx context.Context, endpoint string) (*Manifest, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, strings.TrimRight(endpoint, "/")+ManifestPath, nil)
	if err != nil {
		return nil, err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, fmt.Errorf("%s is not answering: %w", endpoint, err)
	}
	defer resp.Body.Close()
	var m Manifest
	if resp.StatusCode != http.StatusOK || json.NewDecoder(resp.Body).Decode(&m) != nil || m.Schema == "" {
		return nil, fmt.Errorf("%s is not a cassette replay (serve --replay DIR): no manifest at %s", endpoint, ManifestPath)
	}
	return &m, nil
}
