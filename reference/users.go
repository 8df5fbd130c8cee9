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
func (s *Server) mfaFields(u *user, out map[string]any) {
	if u.legacySMS {
		out["MFAOptions"] = []map[string]string{{"DeliveryMedium": "SMS", "AttributeName": "phone_number"}}
	}
	var list []string
	for _, f := range factorOrder {
		if u.mfaEnabled[f] || (f == factorSMS && u.legacySMS && s.mutated("list-legacy-sms-in-user-mfa-setting-list")) {
			list = append(list, f)
		}
	}
	if len(list) > 0 || s.mutated("empty-user-mfa-setting-list") {
		out["UserMFASettingList"] = append([]string{}, list...)
	}
	if u.preferred != "" || s.mutated("empty-preferred-mfa-setting") {
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

func applyAttrs(u *user, list []attrIn) *apiError {
	for _, a := range list {
		if *a.Name == "sub" {
			return errInvalidParameter("Cannot modify an immutable attribute: sub")
		}
	}
	for _, a := range list {
		val := ""
		if a.Value != nil {
			val = *a.Value
		}
		u.setAttr(*a.Name, val)
	}
	return nil
}

type userRefIn struct {
	UserPoolId *string
	Username   *string
}

func validateUserRef(in *userRefIn, v *validator) {
	v.str(ruleUserPoolID, in.UserPoolId)
	v.str(ruleUsername, in.Username)
}

type adminCreateUserIn struct {
	UserPoolId        *string
	Username          *string
	UserAttributes    []attrIn
	TemporaryPassword *string
	MessageAction     *string
}

func opAdminCreateUser(c *call) (any, *apiError) {
	var in adminCreateUserIn
	if e := prepare(c, &in, func(in *adminCreateUserIn, v *validator) {
		v.str(ruleUserPoolID, in.UserPoolId)
		v.str(ruleUsername, in.Username)
		validateAttrs("userAttributes", in.UserAttributes, v)
		if in.TemporaryPassword != nil {
			r := rulePassword
			r.member = "temporaryPassword"
			v.str(r, in.TemporaryPassword)
		}
		v.str(strRule{member: "messageAction", enum: []string{"RESEND", "SUPPRESS"}}, in.MessageAction)
	}); e != nil {
		return nil, e
	}
	p, e := c.s.lookupPool(*in.UserPoolId)
	if e != nil {
		return nil, e
	}
	if p.findUser(*in.Username) != nil {
		return nil, newErr("UsernameExistsException", "User account already exists")
	}
	u, e := p.newPoolUser(*in.Username, c.s)
	if e != nil {
		return nil, e
	}
	if e := applyAttrs(u, in.UserAttributes); e != nil {
		return nil, e
	}
	u.status = statusForceChange
	u.password = "Tmp" + randomString(12, alnum) + "1!"
	if in.TemporaryPassword != nil {
		u.password = *in.TemporaryPassword
	}
	p.users[u.username] = u
	return map[string]any{"User": u.summary()}, nil
}

type adminSetUserPasswordIn struct {
	UserPoolId *string
	Username   *string
	Password   *string
	Permanent  bool
}

func opAdminSetUserPassword(c *call) (any, *apiError) {
	var in adminSetUserPasswordIn
	if e := prepare(c, &in, func(in *adminSetUserPasswordIn, v *validator) {
		v.str(ruleUserPoolID, in.UserPoolId)
		v.str(ruleUsername, in.Username)
		v.str(rulePassword, in.Password)
	}); e != nil {
		return nil, e
	}
	_, u, e := c.s.lookupUser(*in.UserPoolId, *in.Username)
	if e != nil {
		return nil, e
	}
	u.password = *in.Password
	if in.Permanent {
		u.status = statusConfirmed
	} else {
		u.status = statusForceChange
	}
	u.modified = c.s.now()
	return nil, nil
}

func opAdminDeleteUser(c *call) (any, *apiError) {
	var in userRefIn
	if e := prepare(c, &in, validateUserRef); e != nil {
		return nil, e
	}
	p, u, e := c.s.lookupUser(*in.UserPoolId, *in.Username)
	if e != nil {
		return nil, e
	}
	delete(p.users, u.username)
	return nil, nil
}

func opAdminGetUser(c *call) (any, *apiError) {
	var in userRefIn
	if e := prepare(c, &in, validateUserRef); e != nil {
		return nil, e
	}
	_, u, e := c.s.lookupUser(*in.UserPoolId, *in.Username)
	if e != nil {
		return nil, e
	}
	out := map[string]any{
		"Username": u.username, "UserAttributes": u.attrList(),
		"UserCreateDate": epoch(u.created), "UserLastModifiedDate": epoch(u.modified),
		"Enabled": u.enabled, "UserStatus": u.status,
	}
	c.s.mfaFields(u, out)
	return out, nil
}

type adminUpdateAttrsIn struct {
	UserPoolId     *string
	Username       *string
	UserAttributes []attrIn
}

func opAdminUpdateUserAttributes(c *call) (any, *apiError) {
	var in adminUpdateAttrsIn
	if e := prepare(c, &in, func(in *adminUpdateAttrsIn, v *validator) {
		v.str(ruleUserPoolID, in.UserPoolId)
		v.str(ruleUsername, in.Username)
		v.required("userAttributes", in.UserAttributes != nil)
		validateAttrs("userAttributes", in.UserAttributes, v)
	}); e != nil {
		return nil, e
	}
	_, u, e := c.s.lookupUser(*in.UserPoolId, *in.Username)
	if e != nil {
		return nil, e
	}
	if e := applyAttrs(u, in.UserAttributes); e != nil {
		return nil, e
	}
	u.modified = c.s.now()
	return nil, nil
}

// simpleUserOp runs an admin operation that takes only pool and username.
func simpleUserOp(c *call, apply func(u *user) *apiError) (any, *apiError) {
	var in userRefIn
	if e := prepare(c, &in, validateUserRef); e != nil {
		return nil, e
	}
	_, u, e := c.s.lookupUser(*in.UserPoolId, *in.Username)
	if e != nil {
		return nil, e
	}
	if e := apply(u); e != nil {
		return nil, e
	}
	u.modified = c.s.now()
	return nil, nil
}

// AdminResetUserPassword moves the user to RESET_REQUIRED; issued tokens stay
// valid, which is how a suite reaches PasswordResetRequiredException on
// SetUserMFAPreference (B27).
func opAdminResetUserPassword(c *call) (any, *apiError) {
	return simpleUserOp(c, func(u *user) *apiError {
		if e := c.s.resetPrecondition(u); e != nil {
			return e
		}
		u.status = statusResetRequire
		return nil
	})
}

func opAdminConfirmSignUp(c *call) (any, *apiError) {
	return simpleUserOp(c, func(u *user) *apiError {
		if u.status != statusUnconfirmed {
			return errNotAuthorized("User cannot be confirmed. Current status is %s", u.status)
		}
		u.status = statusConfirmed
		return nil
	})
}

func opAdminDisableUser(c *call) (any, *apiError) {
	return simpleUserOp(c, func(u *user) *apiError { u.enabled = false; return nil })
}

func opAdminEnableUser(c *call) (any, *apiError) {
	return simpleUserOp(c, func(u *user) *apiError { u.enabled = true; return nil })
}

type signUpIn struct {
	ClientId       *string
	SecretHash     *string
	Username       *string
	Password       *string
	UserAttributes []attrIn
}

func opSignUp(c *call) (any, *apiError) {
	var in signUpIn
	if e := prepare(c, &in, func(in *signUpIn, v *validator) {
		v.str(ruleClientID, in.ClientId)
		v.str(ruleUsername, in.Username)
		v.str(rulePassword, in.Password)
		validateAttrs("userAttributes", in.UserAttributes, v)
	}); e != nil {
		return nil, e
	}
	cl, e := c.s.lookupClient(*in.ClientId)
	if e != nil {
		return nil, e
	}
	if e := checkSecretHash(cl, *in.Username, in.SecretHash); e != nil {
		return nil, e
	}
	p := cl.pool
	if p.findUser(*in.Username) != nil {
		return nil, newErr("UsernameExistsException", "User already exists")
	}
	u, e := p.newPoolUser(*in.Username, c.s)
	if e != nil {
		return nil, e
	}
	if e := applyAttrs(u, in.UserAttributes); e != nil {
		return nil, e
	}
	u.status = statusUnconfirmed
	u.password = *in.Password
	p.users[u.username] = u
	out := map[string]any{"UserConfirmed": false, "UserSub": u.sub}
	if d := signUpDelivery(p, u); d != nil {
		out["CodeDeliveryDetails"] = d
	}
	return out, nil
}

type confirmSignUpIn struct {
	ClientId         *string
	SecretHash       *string
	Username         *string
	ConfirmationCode *string
}

// ConfirmSignUp accepts any well-formed code: the reference never delivers
// messages, so no caller could learn a real one.
func opConfirmSignUp(c *call) (any, *apiError) {
	var in confirmSignUpIn
	if e := prepare(c, &in, func(in *confirmSignUpIn, v *validator) {
		v.str(ruleClientID, in.ClientId)
		v.str(ruleUsername, in.Username)
		v.str(strRule{member: "confirmationCode", required: true, min: 1, max: 2048, pat: &patPassword}, in.ConfirmationCode)
	}); e != nil {
		return nil, e
	}
	cl, e := c.s.lookupClient(*in.ClientId)
	if e != nil {
		return nil, e
	}
	if e := checkSecretHash(cl, *in.Username, in.SecretHash); e != nil {
		return nil, e
	}
	u := cl.pool.findUser(*in.Username)
	if u == nil {
		return nil, errUserNotFound()
	}
	if u.status != statusUnconfirmed {
		return nil, errNotAuthorized("User cannot be confirmed. Current status is %s", u.status)
	}
	u.status = statusConfirmed
	u.modified = c.s.now()
	return nil, nil
}

type listUsersIn struct {
	UserPoolId *string
	Limit      *int
	Filter     *string
}

var filterRe = regexp.MustCompile(`^\s*"?([\w:]+)"?\s*(\^?=)\s*"(.*)"\s*$`)

func opListUsers(c *call) (any, *apiError) {
	var in listUsersIn
	if e := prepare(c, &in, func(in *listUsersIn, v *validator) {
		v.str(ruleUserPoolID, in.UserPoolId)
		v.intRange("limit", in.Limit, false, 0, 60)
	}); e != nil {
		return nil, e
	}
	p, e := c.s.lookupPool(*in.UserPoolId)
	if e != nil {
		return nil, e
	}
	match := func(*user) bool { return true }
	if in.Filter != nil && *in.Filter != "" {
		m := filterRe.FindStringSubmatch(*in.Filter)
		if m == nil {
			return nil, errInvalidParameter("Error while parsing filter.")
		}
		name, prefix, want := m[1], m[2] == "^=", m[3]
		match = func(u *user) bool {
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
	}
	users := []*user{}
	for _, u := range p.users {
		if match(u) {
			users = append(users, u)
		}
	}
	sort.Slice(users, func(i, j int) bool { return users[i].username < users[j].username })
	if in.Limit != nil && *in.Limit > 0 && len(users) > *in.Limit {
		users = users[:*in.Limit]
	}
	list := []map[string]any{}
	for _, u := range users {
		list = append(list, u.summary())
	}
	return map[string]any{"Users": list}, nil
}

type accessTokenIn struct{ AccessToken *string }

func validateAccessToken(in *accessTokenIn, v *validator) { v.str(ruleAccessToken, in.AccessToken) }

func opGetUser(c *call) (any, *apiError) {
	var in accessTokenIn
	if e := prepare(c, &in, validateAccessToken); e != nil {
		return nil, e
	}
	_, u, e := c.s.userFromAccessToken(*in.AccessToken)
	if e != nil {
		return nil, e
	}
	out := map[string]any{"Username": u.username, "UserAttributes": u.attrList()}
	c.s.mfaFields(u, out)
	return out, nil
}
