package reference

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"sort"
	"strings"
	"sync"
	"time"

	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
)

// Profile selects which side of a documented-versus-observed conflict the
// server follows.
type Profile string

const (
	ProfileAWS        Profile = "aws"        // follows AWS-verified observation where docs and observation conflict (default)
	ProfileDocumented Profile = "documented" // follows the documentation where they conflict
)

// Option configures a Server.
type Option func(*Server)

// WithProfile selects the conflict-resolution profile.
func WithProfile(p Profile) Option { return func(s *Server) { s.profile = p } }

// WithRegion sets the region used in pool ids and token issuers.
func WithRegion(r string) Option { return func(s *Server) { s.region = r } }

// WithCredentials makes the server verify SigV4 signatures against these
// credentials instead of accepting any well-formed signature.
func WithCredentials(accessKeyID, secretKey string) Option {
	return func(s *Server) {
		s.accessKeyID, s.secretKey, s.verifySig = accessKeyID, secretKey, true
	}
}

// WithMutation turns on a named deliberate defect (see Mutations).
func WithMutation(name string) Option { return func(s *Server) { s.mutationName = name } }

// WithClock replaces the wall clock (token expiry, TOTP windows, sessions).
func WithClock(now func() time.Time) Option { return func(s *Server) { s.now = now } }

// Server is the in-memory Cognito user-pool service.
type Server struct {
	mu sync.Mutex

	profile     Profile
	region      string
	accessKeyID string
	secretKey   string
	// signer recomputes request signatures; one per server, so the signing key it derives
	// (four HMACs per day, region and service) is derived once, not per request.
	signer    *v4.Signer
	verifySig bool
	now       func() time.Time

	mutationName string
	mutation     *Mutation // the active defect, nil when none (or the name is unknown)

	key *rsa.PrivateKey
	kid string

	pools    map[string]*pool
	clients  map[string]*client // client id -> client (clients know their pool)
	sessions map[string]*authSession
	refresh  map[string]*refreshToken

	httpSrv *http.Server
}

// New builds a server. It never fails: an unknown mutation name is stored
// but changes nothing (use ValidateMutation to check names up front).
func New(opts ...Option) *Server {
	s := &Server{
		profile:  ProfileAWS,
		region:   "us-east-1",
		now:      time.Now,
		pools:    map[string]*pool{},
		clients:  map[string]*client{},
		sessions: map[string]*authSession{},
		refresh:  map[string]*refreshToken{},
		signer:   v4.NewSigner(),
	}
	for _, o := range opts {
		o(s)
	}
	if s.profile != ProfileDocumented {
		s.profile = ProfileAWS
	}
	if m, ok := LookupMutation(s.mutationName); ok && s.mutationName != "" {
		s.mutation = &m
	}
	s.key = signingKey()
	// Servers of one process share the key (generating it is costly); the
	// key id is each server's own, and tokens are checked against it, so a
	// token of another server is still rejected (tokens.go).
	s.kid = randomString(16, alnum)
	return s
}

// Profile reports the active profile.
func (s *Server) Profile() Profile { return s.profile }

// PoolCount is the number of live user pools (used by cleanup checks).
func (s *Server) PoolCount() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.pools)
}

// PoolNames lists the names of live pools, sorted.
func (s *Server) PoolNames() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]string, 0, len(s.pools))
	for _, p := range s.pools {
		out = append(out, p.name)
	}
	sort.Strings(out)
	return out
}

// Start listens on addr, serves in a goroutine and returns the base URL.
func (s *Server) Start(addr string) (string, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return "", err
	}
	s.mu.Lock()
	s.httpSrv = &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	srv := s.httpSrv
	s.mu.Unlock()
	go func() { _ = srv.Serve(ln) }()
	return "http://" + ln.Addr().String(), nil
}

// closeGrace bounds how long Close waits for answers in flight. The reference answers in
// microseconds; what outlasts this is a connection a client opened and never used (Go's
// transport dials spares under concurrency), which net/http's Shutdown waits 5 s for.
const closeGrace = 250 * time.Millisecond

// Close stops the listener started by Start: answers in flight finish (within ctx and
// closeGrace), then every connection is closed.
func (s *Server) Close(ctx context.Context) error {
	s.mu.Lock()
	srv := s.httpSrv
	s.httpSrv = nil
	s.mu.Unlock()
	if srv == nil {
		return nil
	}
	ctx, cancel := context.WithTimeout(ctx, closeGrace)
	defer cancel()
	if err := srv.Shutdown(ctx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return srv.Close()
	}
	return nil
}

// call is one request in flight.
type call struct {
	s      *Server
	r      *http.Request
	body   []byte
	op     string
	signed bool // the operation requires SigV4 (IAM-authorized)
}

// decoding is a request body being read into an operation's input.
type decoding struct {
	op   string
	body []byte
	into any
}

// decode unmarshals the body into v (rule member-types-match).
func (c *call) decode(v any) *apiError {
	return checkRules(c.s, &decoding{c.op, c.body, v}, []rule[*decoding]{memberTypesMatch})
}

// memberTypesMatch: a member of the wrong JSON type is a SerializationException, as on AWS
// JSON protocols. The operations of the constraint table take their members' types from it.
var memberTypesMatch = newRule("member-types-match", func(d *decoding) *apiError {
	if err := json.Unmarshal(d.body, d.into); err != nil || typesByTable(d.op, d.body) != "" {
		return newErr("SerializationException", "")
	}
	return nil
})

// bodyIsObject: the body of every operation is a JSON object; an empty body reads as {}.
var bodyIsObject = newRule("body-is-json-object", func(c *call) *apiError {
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(c.body, &obj); err != nil || obj == nil {
		return newErr("SerializationException", "Start of structure or map found where not expected.")
	}
	return nil
})

const targetPrefix = "AWSCognitoIdentityProviderService."

// ServeHTTP implements the AWS JSON 1.1 protocol.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	a := &answer{contentType: "application/x-amz-json-1.1", requestID: newUUID()}
	if s.profile == ProfileDocumented {
		// The doc samples show 1.0; real AWS sends 1.1 (catalogue 1.1).
		a.contentType = "application/x-amz-json-1.0"
	}
	a.op, a.body, a.err = s.handle(r)
	if a.err != nil {
		// The documented sample (1.0) is a success answer; no document shows an error's type,
		// so both profiles type errors as real error answers are typed (catalogue 1.1).
		a.contentType = "application/x-amz-json-1.1"
	}
	if s.mutation != nil && s.mutation.Rewrite != nil {
		s.mutation.Rewrite(a)
	}
	a.write(w)
}

// handle decodes the protocol envelope and runs the operation; it returns
// the operation's name with its success body or error.
func (s *Server) handle(r *http.Request) (string, any, *apiError) {
	if r.Method != http.MethodPost || (r.URL.Path != "/" && r.URL.Path != "") {
		return "", nil, newErr("UnknownOperationException", "")
	}
	target := r.Header.Get("X-Amz-Target")
	op, ok := strings.CutPrefix(target, targetPrefix)
	h, known := operations[op]
	if !ok || !known {
		return "", nil, newErr("UnknownOperationException", "")
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, 4<<20))
	if err != nil {
		return op, nil, newErr("SerializationException", "")
	}
	if len(strings.TrimSpace(string(body))) == 0 {
		body = []byte("{}")
	}
	c := &call{s: s, r: r, body: body, op: op, signed: isSigned(op)}
	if e := checkRules(s, c, []rule[*call]{bodyIsObject}); e != nil {
		return op, nil, e
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.expireSessions()
	out, e := h.serve(c)
	return op, out, e
}

// isSigned reports whether op is IAM-authorized (needs SigV4). Token
// operations (SetUserMFAPreference etc.) are noAuth in the model (B11).
func isSigned(op string) bool {
	if strings.HasPrefix(op, "Admin") {
		return true
	}
	switch op {
	case "CreateUserPool", "DeleteUserPool", "DescribeUserPool", "ListUserPools",
		"CreateUserPoolClient", "DeleteUserPoolClient", "DescribeUserPoolClient",
		"SetUserPoolMfaConfig", "GetUserPoolMfaConfig", "UpdateUserPool", "ListUsers":
		return true
	}
	return false
}

// operations maps each operation name to its definition.
var operations map[string]handler

func init() {
	operations = map[string]handler{
		// pools.go
		"CreateUserPool":         opCreateUserPool,
		"DeleteUserPool":         opDeleteUserPool,
		"DescribeUserPool":       opDescribeUserPool,
		"ListUserPools":          opListUserPools,
		"UpdateUserPool":         opUpdateUserPool,
		"SetUserPoolMfaConfig":   opSetUserPoolMfaConfig,
		"GetUserPoolMfaConfig":   opGetUserPoolMfaConfig,
		"CreateUserPoolClient":   opCreateUserPoolClient,
		"DeleteUserPoolClient":   opDeleteUserPoolClient,
		"DescribeUserPoolClient": opDescribeUserPoolClient,
		// users.go
		"AdminCreateUser":           opAdminCreateUser,
		"AdminSetUserPassword":      opAdminSetUserPassword,
		"AdminDeleteUser":           opAdminDeleteUser,
		"AdminGetUser":              opAdminGetUser,
		"AdminUpdateUserAttributes": opAdminUpdateUserAttributes,
		"AdminResetUserPassword":    opAdminResetUserPassword,
		"AdminConfirmSignUp":        opAdminConfirmSignUp,
		"AdminDisableUser":          opAdminDisableUser,
		"AdminEnableUser":           opAdminEnableUser,
		"SignUp":                    opSignUp,
		"ConfirmSignUp":             opConfirmSignUp,
		"ListUsers":                 opListUsers,
		"GetUser":                   opGetUser,
		"ForgotPassword":            opForgotPassword,
		// mfa.go
		"AdminSetUserMFAPreference": opAdminSetUserMFAPreference,
		"SetUserMFAPreference":      opSetUserMFAPreference,
		"AdminSetUserSettings":      opAdminSetUserSettings,
		// auth.go
		"InitiateAuth":                opInitiateAuth,
		"AdminInitiateAuth":           opAdminInitiateAuth,
		"RespondToAuthChallenge":      opRespondToAuthChallenge,
		"AdminRespondToAuthChallenge": opAdminRespondToAuthChallenge,
		"GlobalSignOut":               opGlobalSignOut,
		"AdminUserGlobalSignOut":      opAdminUserGlobalSignOut,
		// totp.go
		"AssociateSoftwareToken": opAssociateSoftwareToken,
		"VerifySoftwareToken":    opVerifySoftwareToken,
	}
}

// The mutation table lives in mutations.go.

const alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"

func randomString(n int, alphabet string) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	for i := range b {
		b[i] = alphabet[int(b[i])%len(alphabet)]
	}
	return string(b)
}

func newUUID() string {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	b[6] = (b[6] & 0x0f) | 0x40
	b[8] = (b[8] & 0x3f) | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:])
}

// epoch renders a timestamp as AWS JSON does: seconds as a JSON number.
func epoch(t time.Time) float64 { return float64(t.UnixMilli()) / 1000 }
