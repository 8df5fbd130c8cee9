package reference

import (
	"encoding/json"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Pool-level MFA modes.
const (
	mfaOff      = "OFF"
	mfaOn       = "ON"
	mfaOptional = "OPTIONAL"
)

type pool struct {
	id, name   string
	mfaConfig  string
	tier       string
	created    time.Time
	modified   time.Time
	smsConfig  json.RawMessage // SmsConfiguration as given
	emailCfg   json.RawMessage // EmailConfiguration as given
	tags       map[string]string
	autoVerify []string
	// usernameAttrs is UsernameAttributes: users sign in with these, and their username is the sub.
	usernameAttrs []string

	// Pool MFA factors (SetUserPoolMfaConfig). The raw blocks are echoed by
	// GetUserPoolMfaConfig; non-nil means the factor is configured.
	smsMfa   json.RawMessage
	emailMfa json.RawMessage
	totpOn   bool

	users   map[string]*user // by username
	clients map[string]*client
}

type client struct {
	id, name  string
	pool      *pool
	flows     []string
	secret    string
	created   time.Time
	generated bool
	// preventUserExistence is PreventUserExistenceErrors: LEGACY (the default of clients created
	// through the API) or ENABLED.
	preventUserExistence string
}

// legacyFlows reports whether the client was configured with the legacy ExplicitAuthFlows
// values (ADMIN_NO_SRP_AUTH, USER_PASSWORD_AUTH, CUSTOM_AUTH_FLOW_ONLY), under which SRP and
// refresh are always allowed.
func (cl *client) legacyFlows() bool {
	for _, f := range cl.flows {
		if !strings.HasPrefix(f, "ALLOW_") {
			return true
		}
	}
	return false
}

func (p *pool) arn(region string) string {
	return "arn:aws:cognito-idp:" + region + ":000000000000:userpool/" + p.id
}

func (p *pool) summary() map[string]any {
	return map[string]any{
		"Id": p.id, "Name": p.name,
		"CreationDate": epoch(p.created), "LastModifiedDate": epoch(p.modified),
	}
}

func (s *Server) describePool(p *pool) map[string]any {
	out := p.summary()
	out["Arn"] = p.arn(s.region)
	out["MfaConfiguration"] = p.mfaConfig
	out["UserPoolTier"] = p.tier
	out["EstimatedNumberOfUsers"] = len(p.users)
	if p.smsConfig != nil {
		out["SmsConfiguration"] = p.smsConfig
	}
	if p.emailCfg != nil {
		out["EmailConfiguration"] = p.emailCfg
	}
	if len(p.tags) > 0 {
		out["UserPoolTags"] = p.tags
	}
	if len(p.usernameAttrs) > 0 {
		out["UsernameAttributes"] = p.usernameAttrs
	}
	if len(p.autoVerify) > 0 {
		out["AutoVerifiedAttributes"] = p.autoVerify
	}
	return out
}

func (s *Server) lookupPool(id string) (*pool, *apiError) {
	p, ok := s.pools[id]
	if !ok {
		return nil, errPoolNotFound(id)
	}
	return p, nil
}

var (
	ruleMfaConfig = strRule{member: "mfaConfiguration", enum: []string{mfaOff, mfaOn, mfaOptional}}
	ruleTier      = strRule{member: "userPoolTier", enum: []string{"LITE", "ESSENTIALS", "PLUS"}}
)

type createUserPoolIn struct {
	PoolName               *string
	MfaConfiguration       *string
	SmsConfiguration       json.RawMessage
	EmailConfiguration     json.RawMessage
	UserPoolTier           *string
	UserPoolTags           map[string]string
	AutoVerifiedAttributes []string
	UsernameAttributes     []string
}

var opCreateUserPool = operation[createUserPoolIn]{
	validate: func(in *createUserPoolIn, v *validator) {
		v.str(strRule{member: "poolName", required: true, min: 1, max: 128, pat: &patUsername}, in.PoolName)
		v.str(ruleMfaConfig, in.MfaConfiguration)
		v.str(ruleTier, in.UserPoolTier)
	},
	effect: func(r *req[createUserPoolIn]) any {
		s, in := r.s, &r.in
		now := s.now()
		p := &pool{
			id: s.region + "_" + randomString(9, alnum), name: *in.PoolName,
			mfaConfig: mfaOff, tier: "ESSENTIALS", created: now, modified: now,
			smsConfig: nullToNil(in.SmsConfiguration), emailCfg: nullToNil(in.EmailConfiguration),
			tags: in.UserPoolTags, autoVerify: in.AutoVerifiedAttributes, usernameAttrs: in.UsernameAttributes,
			users: map[string]*user{}, clients: map[string]*client{},
		}
		if in.MfaConfiguration != nil {
			p.mfaConfig = *in.MfaConfiguration
		}
		if in.UserPoolTier != nil {
			p.tier = *in.UserPoolTier
		}
		// A pool created with MFA and an SMS configuration has SMS MFA available,
		// as on AWS where CreateUserPool's SmsConfiguration backs SMS MFA.
		if p.mfaConfig != mfaOff && p.smsConfig != nil {
			p.smsMfa = json.RawMessage(`{"SmsConfiguration":` + string(p.smsConfig) + `}`)
		}
		s.pools[p.id] = p
		return map[string]any{"UserPool": s.describePool(p)}
	},
}

func nullToNil(r json.RawMessage) json.RawMessage {
	if len(r) == 0 || string(r) == "null" {
		return nil
	}
	return r
}

type poolIDIn struct{ UserPoolId *string }

func validatePoolID(in *poolIDIn, v *validator) { v.str(ruleUserPoolID, in.UserPoolId) }

var poolIDExists = poolExists(func(in *poolIDIn) *string { return in.UserPoolId })

// poolOp is an operation that takes only a pool id.
func poolOp(effect func(r *req[poolIDIn]) any) operation[poolIDIn] {
	return operation[poolIDIn]{validate: validatePoolID, rules: []rule[*req[poolIDIn]]{poolIDExists}, effect: effect}
}

var opDeleteUserPool = poolOp(func(r *req[poolIDIn]) any {
	for id := range r.pool.clients {
		delete(r.s.clients, id)
	}
	delete(r.s.pools, r.pool.id)
	return nil
})

var opDescribeUserPool = poolOp(func(r *req[poolIDIn]) any {
	return map[string]any{"UserPool": r.s.describePool(r.pool)}
})

var opGetUserPoolMfaConfig = poolOp(func(r *req[poolIDIn]) any { return poolMfaConfig(r.pool) })

type listUserPoolsIn struct {
	MaxResults *int
	NextToken  *string

	start int // where the page starts (rule next-token-valid)
}

var opListUserPools = operation[listUserPoolsIn]{
	validate: func(in *listUserPoolsIn, v *validator) {
		v.intRange("maxResults", in.MaxResults, true, 1, 60)
	},
	rules: []rule[*req[listUserPoolsIn]]{
		newRule("next-token-valid", func(r *req[listUserPoolsIn]) *apiError {
			if r.in.NextToken == nil {
				return nil
			}
			n, err := strconv.Atoi(*r.in.NextToken)
			if err != nil || n < 0 || n > len(r.s.pools) {
				return errInvalidParameter("Invalid pagination token.")
			}
			r.in.start = n
			return nil
		}),
	},
	effect: listUserPools,
}

func listUserPools(r *req[listUserPoolsIn]) any {
	all := make([]*pool, 0, len(r.s.pools))
	for _, p := range r.s.pools {
		all = append(all, p)
	}
	sort.Slice(all, func(i, j int) bool {
		if !all[i].created.Equal(all[j].created) {
			return all[i].created.Before(all[j].created)
		}
		return all[i].id < all[j].id
	})
	start := r.in.start
	end := min(start+*r.in.MaxResults, len(all))
	list := []map[string]any{}
	for _, p := range all[start:end] {
		list = append(list, p.summary())
	}
	out := map[string]any{"UserPools": list}
	if end < len(all) {
		out["NextToken"] = strconv.Itoa(end)
	}
	return out
}

type updateUserPoolIn struct {
	UserPoolId         *string
	MfaConfiguration   *string
	UserPoolTier       *string
	SmsConfiguration   json.RawMessage
	EmailConfiguration json.RawMessage
	UserPoolTags       map[string]string
}

var opUpdateUserPool = operation[updateUserPoolIn]{
	validate: func(in *updateUserPoolIn, v *validator) {
		v.str(ruleUserPoolID, in.UserPoolId)
		v.str(ruleMfaConfig, in.MfaConfiguration)
		v.str(ruleTier, in.UserPoolTier)
	},
	rules: []rule[*req[updateUserPoolIn]]{poolExists(func(in *updateUserPoolIn) *string { return in.UserPoolId })},
	// Simplification: only members present are changed (AWS resets omitted
	// members to defaults; the suite only drives MFA mode and tier).
	effect: func(r *req[updateUserPoolIn]) any {
		p, in := r.pool, &r.in
		if in.MfaConfiguration != nil {
			p.mfaConfig = *in.MfaConfiguration
		}
		if in.UserPoolTier != nil {
			p.tier = *in.UserPoolTier
		}
		if r := nullToNil(in.SmsConfiguration); r != nil {
			p.smsConfig = r
		}
		if r := nullToNil(in.EmailConfiguration); r != nil {
			p.emailCfg = r
		}
		if in.UserPoolTags != nil {
			p.tags = in.UserPoolTags
		}
		p.modified = r.s.now()
		return nil
	},
}

type setUserPoolMfaConfigIn struct {
	UserPoolId                    *string
	SmsMfaConfiguration           json.RawMessage
	SoftwareTokenMfaConfiguration *struct{ Enabled *bool }
	EmailMfaConfiguration         json.RawMessage
	MfaConfiguration              *string
}

// poolMfaAfter is the pool's MFA configuration as the request would leave it.
type poolMfaAfter struct {
	smsMfa, emailMfa json.RawMessage
	totpOn           bool
	mode             string
}

func (in *setUserPoolMfaConfigIn) after(p *pool) poolMfaAfter {
	a := poolMfaAfter{p.smsMfa, p.emailMfa, p.totpOn, p.mfaConfig}
	if in.SmsMfaConfiguration != nil {
		a.smsMfa = nullToNil(in.SmsMfaConfiguration)
	}
	if in.EmailMfaConfiguration != nil {
		a.emailMfa = nullToNil(in.EmailMfaConfiguration)
	}
	if in.SoftwareTokenMfaConfiguration != nil {
		a.totpOn = isTrue(in.SoftwareTokenMfaConfiguration.Enabled)
	}
	if in.MfaConfiguration != nil {
		a.mode = *in.MfaConfiguration
	}
	return a
}

type poolMfaReq = req[setUserPoolMfaConfigIn]

var opSetUserPoolMfaConfig = operation[setUserPoolMfaConfigIn]{
	validate: func(in *setUserPoolMfaConfigIn, v *validator) {
		v.str(ruleUserPoolID, in.UserPoolId)
		v.str(ruleMfaConfig, in.MfaConfiguration)
	},
	// M20: live-call messages for inconsistent pool MFA settings.
	rules: []rule[*poolMfaReq]{
		poolExists(func(in *setUserPoolMfaConfigIn) *string { return in.UserPoolId }),
		newRule("mfa-mode-has-a-factor", func(r *poolMfaReq) *apiError {
			a := r.in.after(r.pool)
			if a.mode != mfaOff && a.smsMfa == nil && a.emailMfa == nil && !a.totpOn {
				return errInvalidParameter("Invalid MFA configuration given, can't disable all MFAs with a required or optional configuration.")
			}
			return nil
		}),
		newRule("mfa-off-configures-no-factor", func(r *poolMfaReq) *apiError {
			in := &r.in
			configuresFactor := (in.SoftwareTokenMfaConfiguration != nil && in.after(r.pool).totpOn) ||
				nullToNil(in.SmsMfaConfiguration) != nil || nullToNil(in.EmailMfaConfiguration) != nil
			if in.after(r.pool).mode == mfaOff && configuresFactor {
				return errInvalidParameter("Invalid MFA configuration given, can't turn off MFA and configure an MFA together.")
			}
			return nil
		}),
		newRule("no-email-mfa-in-lite-pool", func(r *poolMfaReq) *apiError {
			if r.in.after(r.pool).emailMfa != nil && r.pool.tier == "LITE" {
				return newErr("FeatureUnavailableInTierException", "Email MFA is not available in the LITE pricing tier.")
			}
			return nil
		}),
	},
	effect: func(r *poolMfaReq) any {
		p, a := r.pool, r.in.after(r.pool)
		p.smsMfa, p.emailMfa, p.totpOn, p.mfaConfig = a.smsMfa, a.emailMfa, a.totpOn, a.mode
		p.modified = r.s.now()
		return poolMfaConfig(p)
	},
}

func poolMfaConfig(p *pool) map[string]any {
	out := map[string]any{
		"MfaConfiguration":              p.mfaConfig,
		"SoftwareTokenMfaConfiguration": map[string]any{"Enabled": p.totpOn},
	}
	if p.smsMfa != nil {
		out["SmsMfaConfiguration"] = p.smsMfa
	}
	if p.emailMfa != nil {
		out["EmailMfaConfiguration"] = p.emailMfa
	}
	return out
}

type createClientIn struct {
	UserPoolId                 *string
	ClientName                 *string
	ExplicitAuthFlows          []string
	GenerateSecret             bool
	PreventUserExistenceErrors *string
}

var validFlows = map[string]bool{
	"ADMIN_NO_SRP_AUTH": true, "CUSTOM_AUTH_FLOW_ONLY": true, "USER_PASSWORD_AUTH": true,
	"ALLOW_ADMIN_USER_PASSWORD_AUTH": true, "ALLOW_CUSTOM_AUTH": true, "ALLOW_USER_PASSWORD_AUTH": true,
	"ALLOW_USER_SRP_AUTH": true, "ALLOW_REFRESH_TOKEN_AUTH": true, "ALLOW_USER_AUTH": true,
}

var opCreateUserPoolClient = operation[createClientIn]{
	validate: func(in *createClientIn, v *validator) {
		v.str(ruleUserPoolID, in.UserPoolId)
		v.str(strRule{member: "clientName", required: true, min: 1, max: 128, pat: &patAttributeName}, in.ClientName)
		v.str(strRule{member: "preventUserExistenceErrors", enum: []string{"LEGACY", "ENABLED"}}, in.PreventUserExistenceErrors)
	},
	rules: []rule[*req[createClientIn]]{
		poolExists(func(in *createClientIn) *string { return in.UserPoolId }),
		newRule("auth-flows-known", func(r *req[createClientIn]) *apiError {
			for _, f := range r.in.ExplicitAuthFlows {
				if !validFlows[f] {
					return errInvalidParameter("Invalid ExplicitAuthFlows value: %s", f)
				}
			}
			return nil
		}),
	},
	effect: func(r *req[createClientIn]) any {
		flows := r.in.ExplicitAuthFlows
		if len(flows) == 0 {
			// AWS's default set when none is given.
			flows = []string{"ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_CUSTOM_AUTH"}
		}
		cl := &client{id: randomString(26, "abcdefghijklmnopqrstuvwxyz0123456789"), name: *r.in.ClientName, pool: r.pool, flows: flows, created: r.s.now(),
			preventUserExistence: "LEGACY"} // [BC] CreateUserPoolClient: LEGACY unless the request says otherwise
		if r.in.PreventUserExistenceErrors != nil {
			cl.preventUserExistence = *r.in.PreventUserExistenceErrors
		}
		if r.in.GenerateSecret {
			cl.secret = randomString(51, "abcdefghijklmnopqrstuvwxyz0123456789")
		}
		r.pool.clients[cl.id] = cl
		r.s.clients[cl.id] = cl
		return map[string]any{"UserPoolClient": describeClient(cl)}
	},
}

func describeClient(cl *client) map[string]any {
	out := map[string]any{
		"ClientId": cl.id, "ClientName": cl.name, "UserPoolId": cl.pool.id,
		"ExplicitAuthFlows": cl.flows, "PreventUserExistenceErrors": cl.preventUserExistence,
		"CreationDate": epoch(cl.created), "LastModifiedDate": epoch(cl.created),
	}
	if cl.secret != "" {
		out["ClientSecret"] = cl.secret
	}
	return out
}

type poolClientIn struct {
	UserPoolId *string
	ClientId   *string
}

func (s *Server) lookupPoolClient(poolID, clientID string) (*client, *apiError) {
	p, e := s.lookupPool(poolID)
	if e != nil {
		return nil, e
	}
	cl, ok := p.clients[clientID]
	if !ok {
		return nil, errClientNotFound(clientID)
	}
	return cl, nil
}

// poolClientOp is an operation that takes only a pool and a client id.
func poolClientOp(effect func(r *req[poolClientIn]) any) operation[poolClientIn] {
	return operation[poolClientIn]{
		validate: func(in *poolClientIn, v *validator) {
			v.str(ruleUserPoolID, in.UserPoolId)
			v.str(ruleClientID, in.ClientId)
		},
		rules:  []rule[*req[poolClientIn]]{poolClientExists(func(in *poolClientIn) (*string, *string) { return in.UserPoolId, in.ClientId })},
		effect: effect,
	}
}

var opDeleteUserPoolClient = poolClientOp(func(r *req[poolClientIn]) any {
	delete(r.client.pool.clients, r.client.id)
	delete(r.s.clients, r.client.id)
	return nil
})

var opDescribeUserPoolClient = poolClientOp(func(r *req[poolClientIn]) any {
	return map[string]any{"UserPoolClient": describeClient(r.client)}
})
