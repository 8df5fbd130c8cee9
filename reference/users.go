package reference

import (
	"regexp"
	"sort"
	"strings"
	"time"
)

// User statuses.
const (
	statusUnconfirmed  = "UNCONFIRMED"
	statusConfirmed    = "CONFIRMED"
	statusForceChange  = "FORCE_CHANGE_PASSWORD"
	statusResetRequire = "RESET_REQUIRED"
)

// MFA factor names as they appear in UserMFASettingList, PreferredMfaSetting
// and challenge names. factorOrder is the listing order used everywhere.
const (
	factorSMS   = "SMS_MFA"
	factorEmail = "EMAIL_OTP"
	factorTOTP  = "SOFTWARE_TOKEN_MFA"
)

var factorOrder = []string{factorSMS, factorEmail, factorTOTP}

type attr struct{ Name, Value string }

type user struct {
	username string
	sub      string
	attrs    []attr
	password string
	status   string
	enabled  bool
	created  time.Time
	modified time.Time

	mfaEnabled map[string]bool // preference-API factor state (B19: per factor)
	preferred  string          // "" = none; never rendered as "" (B16)
	webAuthn   bool            // WebAuthnMfaSettings.Enabled, stored only (B10)
	legacySMS  bool            // AdminSetUserSettings SMS option (B13-B15)

	totpSecret  string         // verified secret; survives TOTP being disabled (B8)
	totpPending string         // associated but not yet verified (B7: does not count)
	totpUsed    map[int64]bool // consumed TOTP time steps (M16 reuse detection)

	mfaFailures int       // consecutive wrong MFA codes (B30)
	lockedUntil time.Time // no MFA answer is taken before this (B30)

	issued  map[string]bool // origin_jti of every token family issued
	revoked map[string]bool // origin_jti revoked by global sign-out
}

func newUser(username string, now time.Time) *user {
	return &user{
		username: username, sub: newUUID(), enabled: true, created: now, modified: now,
		attrs:      []attr{},
		mfaEnabled: map[string]bool{}, totpUsed: map[int64]bool{},
		issued: map[string]bool{}, revoked: map[string]bool{},
	}
}

func (u *user) attr(name string) (string, bool) {
	for _, a := range u.attrs {
		if a.Name == name {
			return a.Value, true
		}
	}
	return "", false
}

func (u *user) hasAttr(name string) bool {
	v, ok := u.attr(name)
	return ok && v != ""
}

func (u *user) setAttr(name, value string) {
	for i := range u.attrs {
		if u.attrs[i].Name == name {
			u.attrs[i].Value = value
			return
		}
	}
	u.attrs = append(u.attrs, attr{name, value})
}

func (u *user) deleteAttr(name string) {
	out := u.attrs[:0]
	for _, a := range u.attrs {
		if a.Name != name {
			out = append(out, a)
		}
	}
	u.attrs = out
}

func (u *user) attrList() []map[string]string {
	out := []map[string]string{{"Name": "sub", "Value": u.sub}}
	for _, a := range u.attrs {
		out = append(out, map[string]string{"Name": a.Name, "Value": a.Value})
	}
	return out
}

// mfaFields renders MFAOptions, UserMFASettingList and PreferredMfaSetting,
// each only when non-empty: AWS omits them rather than sending empty values
// (B15, B16).
func mfaFields(u *user, out map[string]any) {
	if u.legacySMS {
		out["MFAOptions"] = []map[string]string{{"DeliveryMedium": "SMS", "AttributeName": "phone_number"}}
	}
	var list []string
	for _, f := range factorOrder {
		if u.mfaEnabled[f] {
			list = append(list, f)
		}
	}
	if len(list) > 0 {
		out["UserMFASettingList"] = list
	}
	if u.preferred != "" {
		out["PreferredMfaSetting"] = u.preferred
	}
}

func (u *user) summary() map[string]any {
	return map[string]any{
		"Username": u.username, "Attributes": u.attrList(),
		"UserCreateDate": epoch(u.created), "UserLastModifiedDate": epoch(u.modified),
		"Enabled": u.enabled, "UserStatus": u.status,
	}
}

// findUser resolves a username or a sub (catalogue 1.2: Username "may be an
// alias, the sub, or a federated username"; aliases are not modelled).
func (p *pool) findUser(name string) *user {
	if u, ok := p.users[name]; ok {
		return u
	}
	for _, u := range p.users {
		if u.sub == name {
			return u
		}
	}
	return p.findByUsernameAttribute(name)
}

func (s *Server) lookupUser(poolID, username string) (*pool, *user, *apiError) {
	p, e := s.lookupPool(poolID)
	if e != nil {
		return nil, nil, e
	}
	u := p.findUser(username)
	if u == nil {
		return p, nil, errUserNotFound()
	}
	return p, u, nil
}

type attrIn struct {
	Name  *string
	Value *string
}

func validateAttrs(member string, list []attrIn, v *validator) {
	for i, a := range list {
		v.str(strRule{member: member + "." + itoa(i+1) + ".member.name", required: true, min: 1, max: 32, pat: &patAttributeName}, a.Name)
	}
}

func itoa(i int) string {
	if i < 10 {
		return string(rune('0' + i))
	}
	return itoa(i/10) + string(rune('0'+i%10))
}

// applyAttrs sets attributes; the rule sub-is-immutable has checked them.
func applyAttrs(u *user, list []attrIn) {
	for _, a := range list {
		val := ""
		if a.Value != nil {
			val = *a.Value
		}
		u.setAttr(*a.Name, val)
	}
}

type userRefIn struct {
	UserPoolId *string
	Username   *string
}

func validateUserRef(in *userRefIn, v *validator) {
	v.str(ruleUserPoolID, in.UserPoolId)
	v.str(ruleUsername, in.Username)
}

type userRefReq = req[userRefIn]

var userRefExists = userExists(func(in *userRefIn) (*string, *string) { return in.UserPoolId, in.Username })

// userOp is an admin operation that takes only pool and username: the user
// must exist, then apply changes it.
func userOp(apply func(r *userRefReq), more ...rule[*userRefReq]) operation[userRefIn] {
	return operation[userRefIn]{
		validate: validateUserRef,
		rules:    append([]rule[*userRefReq]{userRefExists}, more...),
		effect: func(r *userRefReq) any {
			apply(r)
			r.user.modified = r.s.now()
			return nil
		},
	}
}

type adminCreateUserIn struct {
	UserPoolId        *string
	Username          *string
	UserAttributes    []attrIn
	TemporaryPassword *string
	MessageAction     *string
}

var opAdminCreateUser = operation[adminCreateUserIn]{
	validate: func(in *adminCreateUserIn, v *validator) {
		v.str(ruleUserPoolID, in.UserPoolId)
		v.str(ruleUsername, in.Username)
		validateAttrs("userAttributes", in.UserAttributes, v)
		if in.TemporaryPassword != nil {
			r := rulePassword
			r.member = "temporaryPassword"
			v.str(r, in.TemporaryPassword)
		}
		v.str(strRule{member: "messageAction", enum: []string{"RESEND", "SUPPRESS"}}, in.MessageAction)
	},
	rules: []rule[*req[adminCreateUserIn]]{
		poolExists(func(in *adminCreateUserIn) *string { return in.UserPoolId }),
		usernameFree(func(in *adminCreateUserIn) *string { return in.Username }, "User account already exists"),
		attributesMutable(func(in *adminCreateUserIn) []attrIn { return in.UserAttributes }),
		usernameIsUsernameAttribute(func(in *adminCreateUserIn) *string { return in.Username }),
	},
	effect: func(r *req[adminCreateUserIn]) any {
		u := r.pool.newPoolUser(*r.in.Username, r.s.now())
		applyAttrs(u, r.in.UserAttributes)
		u.status = statusForceChange
		u.password = "Tmp" + randomString(12, alnum) + "1!"
		if r.in.TemporaryPassword != nil {
			u.password = *r.in.TemporaryPassword
		}
		r.pool.users[u.username] = u
		return map[string]any{"User": u.summary()}
	},
}

// usernameFree rejects a new user whose name is taken in the pool found
// before (message: the operation's own).
func usernameFree[In any](name func(*In) *string, message string) rule[*req[In]] {
	return newRule("username-free", func(r *req[In]) *apiError {
		p := r.pool
		if p == nil {
			p = r.client.pool
		}
		if p.findUser(*name(&r.in)) != nil {
			return newErr("UsernameExistsException", "%s", message)
		}
		return nil
	})
}

type adminSetUserPasswordIn struct {
	UserPoolId *string
	Username   *string
	Password   *string
	Permanent  bool
}

var opAdminSetUserPassword = operation[adminSetUserPasswordIn]{
	validate: func(in *adminSetUserPasswordIn, v *validator) {
		v.str(ruleUserPoolID, in.UserPoolId)
		v.str(ruleUsername, in.Username)
		v.str(rulePassword, in.Password)
	},
	rules: []rule[*req[adminSetUserPasswordIn]]{
		userExists(func(in *adminSetUserPasswordIn) (*string, *string) { return in.UserPoolId, in.Username }),
	},
	effect: func(r *req[adminSetUserPasswordIn]) any {
		u := r.user
		u.password = *r.in.Password
		u.status = statusForceChange
		if r.in.Permanent {
			u.status = statusConfirmed
		}
		u.modified = r.s.now()
		return nil
	},
}

var opAdminDeleteUser = operation[userRefIn]{
	validate: validateUserRef,
	rules:    []rule[*userRefReq]{userRefExists},
	effect: func(r *userRefReq) any {
		delete(r.pool.users, r.user.username)
		return nil
	},
}

var opAdminGetUser = operation[userRefIn]{
	validate: byTable[userRefIn],
	rules:    []rule[*userRefReq]{userRefExists},
	effect: func(r *userRefReq) any {
		u := r.user
		out := map[string]any{
			"Username": u.username, "UserAttributes": u.attrList(),
			"UserCreateDate": epoch(u.created), "UserLastModifiedDate": epoch(u.modified),
			"Enabled": u.enabled, "UserStatus": u.status,
		}
		mfaFields(u, out)
		return out
	},
}

type adminUpdateAttrsIn struct {
	UserPoolId     *string
	Username       *string
	UserAttributes []attrIn
}

var opAdminUpdateUserAttributes = operation[adminUpdateAttrsIn]{
	validate: func(in *adminUpdateAttrsIn, v *validator) {
		v.str(ruleUserPoolID, in.UserPoolId)
		v.str(ruleUsername, in.Username)
		v.required("userAttributes", in.UserAttributes != nil)
		validateAttrs("userAttributes", in.UserAttributes, v)
	},
	rules: []rule[*req[adminUpdateAttrsIn]]{
		userExists(func(in *adminUpdateAttrsIn) (*string, *string) { return in.UserPoolId, in.Username }),
		attributesMutable(func(in *adminUpdateAttrsIn) []attrIn { return in.UserAttributes }),
	},
	effect: func(r *req[adminUpdateAttrsIn]) any {
		applyAttrs(r.user, r.in.UserAttributes)
		r.user.modified = r.s.now()
		return nil
	},
}

// AdminResetUserPassword moves the user to RESET_REQUIRED; issued tokens stay
// valid, which is how a suite reaches PasswordResetRequiredException on
// SetUserMFAPreference (B27).
var opAdminResetUserPassword = userOp(func(r *userRefReq) { r.user.status = statusResetRequire },
	resetNeedsVerifiedContact)

var opAdminConfirmSignUp = userOp(func(r *userRefReq) { r.user.status = statusConfirmed },
	userUnconfirmed[userRefIn]())

// userUnconfirmed: only an UNCONFIRMED user can be confirmed.
func userUnconfirmed[In any]() rule[*req[In]] {
	return newRule("user-unconfirmed", func(r *req[In]) *apiError {
		if r.user.status != statusUnconfirmed {
			return errNotAuthorized("User cannot be confirmed. Current status is %s", r.user.status)
		}
		return nil
	})
}

var opAdminDisableUser = userOp(func(r *userRefReq) { r.user.enabled = false })

var opAdminEnableUser = userOp(func(r *userRefReq) { r.user.enabled = true })

var opAdminUserGlobalSignOut = userOp(func(r *userRefReq) { r.user.revokeAll() })

type signUpIn struct {
	ClientId       *string
	SecretHash     *string
	Username       *string
	Password       *string
	UserAttributes []attrIn
}

var opSignUp = operation[signUpIn]{
	validate: func(in *signUpIn, v *validator) {
		v.str(ruleClientID, in.ClientId)
		v.str(ruleUsername, in.Username)
		v.str(rulePassword, in.Password)
		validateAttrs("userAttributes", in.UserAttributes, v)
	},
	rules: []rule[*req[signUpIn]]{
		appClientExists(func(in *signUpIn) *string { return in.ClientId }),
		secretHash(func(r *req[signUpIn]) (string, *string) { return *r.in.Username, r.in.SecretHash }),
		usernameFree(func(in *signUpIn) *string { return in.Username }, "User already exists"),
		attributesMutable(func(in *signUpIn) []attrIn { return in.UserAttributes }),
		usernameIsUsernameAttribute(func(in *signUpIn) *string { return in.Username }),
	},
	effect: func(r *req[signUpIn]) any {
		p := r.client.pool
		u := p.newPoolUser(*r.in.Username, r.s.now())
		applyAttrs(u, r.in.UserAttributes)
		u.status = statusUnconfirmed
		u.password = *r.in.Password
		p.users[u.username] = u
		out := map[string]any{"UserConfirmed": false, "UserSub": u.sub}
		if d := signUpDelivery(p, u); d != nil {
			out["CodeDeliveryDetails"] = d
		}
		return out
	},
}

type confirmSignUpIn struct {
	ClientId         *string
	SecretHash       *string
	Username         *string
	ConfirmationCode *string
}

// ConfirmSignUp accepts any well-formed code: the reference never delivers
// messages, so no caller could learn a real one.
var opConfirmSignUp = operation[confirmSignUpIn]{
	validate: func(in *confirmSignUpIn, v *validator) {
		v.str(ruleClientID, in.ClientId)
		v.str(ruleUsername, in.Username)
		v.str(strRule{member: "confirmationCode", required: true, min: 1, max: 2048, pat: &patPassword}, in.ConfirmationCode)
	},
	rules: []rule[*req[confirmSignUpIn]]{
		appClientExists(func(in *confirmSignUpIn) *string { return in.ClientId }),
		secretHash(func(r *req[confirmSignUpIn]) (string, *string) { return *r.in.Username, r.in.SecretHash }),
		newRule("client-user-exists", func(r *req[confirmSignUpIn]) *apiError {
			if r.user = r.client.pool.findUser(*r.in.Username); r.user == nil {
				return errUserNotFound()
			}
			return nil
		}),
		userUnconfirmed[confirmSignUpIn](),
	},
	effect: func(r *req[confirmSignUpIn]) any {
		r.user.status = statusConfirmed
		r.user.modified = r.s.now()
		return nil
	},
}

type listUsersIn struct {
	UserPoolId *string
	Limit      *int
	Filter     *string

	match func(*user) bool // the parsed Filter (rule filter-parses)
}

var filterRe = regexp.MustCompile(`^\s*"?([\w:]+)"?\s*(\^?=)\s*"(.*)"\s*$`)

var opListUsers = operation[listUsersIn]{
	validate: func(in *listUsersIn, v *validator) {
		v.str(ruleUserPoolID, in.UserPoolId)
		v.intRange("limit", in.Limit, false, 0, 60)
	},
	rules: []rule[*req[listUsersIn]]{
		poolExists(func(in *listUsersIn) *string { return in.UserPoolId }),
		newRule("filter-parses", parseUserFilter),
	},
	effect: func(r *req[listUsersIn]) any {
		users := []*user{}
		for _, u := range r.pool.users {
			if r.in.match(u) {
				users = append(users, u)
			}
		}
		sort.Slice(users, func(i, j int) bool { return users[i].username < users[j].username })
		if r.in.Limit != nil && *r.in.Limit > 0 && len(users) > *r.in.Limit {
			users = users[:*r.in.Limit]
		}
		list := []map[string]any{}
		for _, u := range users {
			list = append(list, u.summary())
		}
		return map[string]any{"Users": list}
	},
}

func parseUserFilter(r *req[listUsersIn]) *apiError {
	r.in.match = func(*user) bool { return true }
	if r.in.Filter == nil || *r.in.Filter == "" {
		return nil
	}
	m := filterRe.FindStringSubmatch(*r.in.Filter)
	if m == nil {
		return errInvalidParameter("Error while parsing filter.")
	}
	name, prefix, want := m[1], m[2] == "^=", m[3]
	r.in.match = func(u *user) bool {
		var got string
		switch name {
		case "username":
			got = u.username
		case "sub":
			got = u.sub
		case "status", "cognito:user_status":
			got = u.status
		default:
			got, _ = u.attr(name)
		}
		if prefix {
			return strings.HasPrefix(got, want)
		}
		return got == want
	}
	return nil
}

type accessTokenIn struct{ AccessToken *string }

func validateAccessToken(in *accessTokenIn, v *validator) { v.str(ruleAccessToken, in.AccessToken) }

var accessTokenOfCaller = accessTokenAccepted(func(in *accessTokenIn) *string { return in.AccessToken })

var opGetUser = operation[accessTokenIn]{
	validate: byTable[accessTokenIn],
	rules:    []rule[*req[accessTokenIn]]{accessTokenOfCaller},
	effect: func(r *req[accessTokenIn]) any {
		out := map[string]any{"Username": r.user.username, "UserAttributes": r.user.attrList()}
		mfaFields(r.user, out)
		return out
	},
}

var opGlobalSignOut = operation[accessTokenIn]{
	validate: validateAccessToken,
	rules:    []rule[*req[accessTokenIn]]{accessTokenOfCaller},
	effect:   func(r *req[accessTokenIn]) any { r.user.revokeAll(); return nil },
}
