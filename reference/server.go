// Package reference is the embedded reference target: an in-memory Amazon
// Cognito user-pool service that speaks the AWS JSON 1.1 wire protocol
// (catalogue section 1.1) well enough for the MFA-preference conformance suite.
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
func WithMutation(name string) Option { return func(s *Server) { s.mutation = name } }

// WithClock replaces the wall clock (token expiry, TOTP windows, sessions).
func WithClock(now func() time.Time) Option { return func(s *Server) { s.now = now } }

// Server is the in-memory Cognito user-pool service.
type Server struct {
	mu sync.Mutex

	profile     Profile
	region      string
	accessKeyID string
	secretKey   string
	verifySig   bool
	mutation    string
	now         func() time.Time

	key *rsa.PrivateKey
	kid string

	pools    map[string]*pool
	clients  map[string]*client // client id -> client (clients know their pool)
	sessions map[string]*authSession
	refresh  map[string]*refreshToken

	httpSrv *http.Server
}

// New builds a server. It never fails: an unknown mutation name is stored
// but matches nothing (use ValidateMutation to check names up front).
func New(opts ...Option) *Server {
	s := &Server{
		profile:  ProfileAWS,
		region:   "us-east-1",
		now:      time.Now,
		pools:    map[string]*pool{},
		clients:  map[string]*client{},
		sessions: map[string]*authSession{},
		refresh:  map[string]*refreshToken{},
	}
	for _, o := range opts {
		o(s)
	}
	if s.profile != ProfileDocumented {
		s.profile = ProfileAWS
	}
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		panic("reference: generating RSA key: " + err.Error())
	}
	s.key = key
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

// Close stops the listener started by Start.
func (s *Server) Close(ctx context.Context) error {
	s.mu.Lock()
	srv := s.httpSrv
	s.httpSrv = nil
	s.mu.Unlock()
	if srv == nil {
		return nil
	}
	if err := srv.Shutdown(ctx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
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

// decode unmarshals the body into v; a type mismatch is a SerializationException
// as on AWS JSON protocols.
func (c *call) decode(v any) *apiError {
	if err := json.Unmarshal(c.body, v); err != nil {
		var typeErr *json.UnmarshalTypeError
		if errors.As(err, &typeErr) && c.s.mutated("ignore-member-type-errors") {
			return nil // json.Unmarshal filled every member it could, as a lenient emulator does
		}
		return newErr("SerializationException", "")
	}
	return nil
}

// prepare runs the fixed front half of every operation: decode, validate, then
// authenticate. Validation precedes authentication (catalogue 1.1).
func prepare[T any](c *call, in *T, validate func(*T, *validator)) *apiError {
	if e := c.decode(in); e != nil {
		return e
	}
	if validate != nil {
		vd := validator{skipPoolIDPattern: c.s.mutated("skip-user-pool-id-pattern")}
		validate(in, &vd)
		if e := vd.err(); e != nil {
			return e
		}
	}
	if c.signed || (c.op == "SetUserMFAPreference" && c.s.mutated("reject-unsigned-set-user-mfa-preference")) {
		return c.s.checkSigV4(c.r, c.body)
	}
	return nil
}

type handler func(c *call) (any, *apiError)

const targetPrefix = "AWSCognitoIdentityProviderService."

// ServeHTTP implements the AWS JSON 1.1 protocol.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	ct := "application/x-amz-json-1.1"
	if s.profile == ProfileDocumented {
		// The doc samples show 1.0; real AWS sends 1.1 (catalogue 1.1).
		ct = "application/x-amz-json-1.0"
	}
	if s.mutated("answer-json-1.0-content-type") {
		ct = "application/x-amz-json-1.0"
	}
	if !s.mutated("drop-request-id") {
		w.Header().Set("x-amzn-RequestId", newUUID())
	}
	w.Header().Set("Content-Type", ct)

	out, aerr := s.handle(r)
	if aerr != nil {
		if aerr.Code == "UserNotFoundException" && s.mutated("user-not-found-as-500") {
			aerr.Status = http.StatusInternalServerError
		}
		// The documented sample (1.0) is a success answer; no document shows an error's type,
		// so both profiles type errors as real error answers are typed (catalogue 1.1).
		w.Header().Set("Content-Type", "application/x-amz-json-1.1")
		if s.mutated("error-content-type-application-json") {
			w.Header().Set("Content-Type", "application/json") // moto's error answers
		}
		writeError(w, aerr)
		return
	}
	body := []byte("{}")
	if out != nil {
		b, err := json.Marshal(out)
		if err != nil {
			writeError(w, errInternal("internal error"))
			return
		}
		body = b
	}
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(body)
}

func (s *Server) handle(r *http.Request) (any, *apiError) {
	if r.Method != http.MethodPost || (r.URL.Path != "/" && r.URL.Path != "") {
		return nil, newErr("UnknownOperationException", "")
	}
	target := r.Header.Get("X-Amz-Target")
	op, ok := strings.CutPrefix(target, targetPrefix)
	h, known := operations[op]
	if !ok || !known {
		return nil, newErr("UnknownOperationException", "")
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, 4<<20))
	if err != nil {
		return nil, newErr("SerializationException", "")
	}
	var obj map[string]json.RawMessage
	if len(strings.TrimSpace(string(body))) == 0 {
		body = []byte("{}")
	}
	if err := json.Unmarshal(body, &obj); err != nil || obj == nil {
		if !s.mutated("read-invalid-json-as-empty") {
			return nil, newErr("SerializationException", "Start of structure or map found where not expected.")
		}
		body = []byte("{}")
	}
	c := &call{s: s, r: r, body: body, op: op, signed: isSigned(op)}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.expireSessions()
	return h(c)
}

func writeError(w http.ResponseWriter, e *apiError) {
	// Header form seen on real AWS: "NotAuthorizedException:" (catalogue 1.1).
	w.Header().Set("x-amzn-ErrorType", e.Code+":")
	w.Header().Set("x-amzn-ErrorMessage", headerSafe(e.Message))
	status := e.Status
	if status == 0 {
		status = http.StatusBadRequest
	}
	w.WriteHeader(status)
	b, _ := json.Marshal(map[string]string{"__type": e.Code, "message": e.Message})
	_, _ = w.Write(b)
}

func headerSafe(s string) string {
	return strings.Map(func(r rune) rune {
		// Any control character would break the x-amzn-ErrorMessage header (catalogue 1.1);
		// a value such as MFAOptions.AttributeName "phone\u0007number" is echoed in the message.
		if r < 0x20 || r == 0x7f {
			return ' '
		}
		return r
	}, s)
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

// The mutation registry and Server.mutated live in mutations.go.

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
