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

func opCreateUserPool(c *call) (any, *apiError) {
	var in createUserPoolIn
	if e := prepare(c, &in, func(in *createUserPoolIn, v *validator) {
		v.str(strRule{member: "poolName", required: true, min: 1, max: 128, pat: &patUsername}, in.PoolName)
		v.str(ruleMfaConfig, in.MfaConfiguration)
		v.str(ruleTier, in.UserPoolTier)
	}); e != nil {
		return nil, e
	}
	s := c.s
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
	return map[string]any{"UserPool": s.describePool(p)}, nil
}

func nullToNil(r json.RawMessage) json.RawMessage {
	if len(r) == 0 || string(r) == "null" {
		return nil
	}
	return r
}

type poolIDIn struct{ UserPoolId *string }

func validatePoolID(in *poolIDIn, v *validator) { v.str(ruleUserPoolID, in.UserPoolId) }

func opDeleteUserPool(c *call) (any, *apiError) {
	var in poolIDIn
	if e := prepare(c, &in, validatePoolID); e != nil {
		return nil, e
	}
	p, e := c.s.lookupPool(*in.UserPoolId)
	if e != nil {
		return nil, e
	}
	for id := range p.clients {
		delete(c.s.clients, id)
	}
	delete(c.s.pools, p.id)
	return nil, nil
}

func opDescribeUserPool(c *call) (any, *apiError) {
	var in poolIDIn
	if e := prepare(c, &in, validatePoolID); e != nil {
		return nil, e
	}
	p, e := c.s.lookupPool(*in.UserPoolId)
	if e != nil {
		return nil, e
	}
	return map[string]any{"UserPool": c.s.describePool(p)}, nil
}

type listUserPoolsIn struct {
	MaxResults *int
	NextToken  *string
}

func opListUserPools(c *call) (any, *apiError) {
	var in listUserPoolsIn
	if e := prepare(c, &in, func(in *listUserPoolsIn, v *validator) {
		v.intRange("maxResults", in.MaxResults, true, 1, 60)
	}); e != nil {
		return nil, e
	}
	all := make([]*pool, 0, len(c.s.pools))
	for _, p := range c.s.pools {
		all = append(all, p)
	}
	sort.Slice(all, func(i, j int) bool {
		if !all[i].created.Equal(all[j].created) {
			return all[i].created.Before(all[j].created)
		}
		return all[i].id < all[j].id
	})
	start := 0
	if in.NextToken != nil {
		n, err := strconv.Atoi(*in.NextToken)
		if err != nil || n < 0 || n > len(all) {
			return nil, errInvalidParameter("Invalid pagination token.")
		}
		start = n
	}
	end := min(start+*in.MaxResults, len(all))
	list := []map[string]any{}
	for _, p := range all[start:end] {
		list = append(list, p.summary())
	}
	out := map[string]any{"UserPools": list}
	if end < len(all) {
		out["NextToken"] = strconv.Itoa(end)
	}
	return out, nil
}

type updateUserPoolIn struct {
	UserPoolId         *string
	MfaConfiguration   *string
	UserPoolTier       *string
	SmsConfiguration   json.RawMessage
	EmailConfiguration json.RawMessage
	UserPoolTags       map[string]string
}

func opUpdateUserPool(c *call) (any, *apiError) {
	var in updateUserPoolIn
	if e := prepare(c, &in, func(in *updateUserPoolIn, v *validator) {
		v.str(ruleUserPoolID, in.UserPoolId)
		v.str(ruleMfaConfig, in.MfaConfiguration)
		v.str(ruleTier, in.UserPoolTier)
	}); e != nil {
		return nil, e
	}
	p, e := c.s.lookupPool(*in.UserPoolId)
	if e != nil {
		return nil, e
	}
	// Simplification: only members present are changed (AWS resets omitted
	// members to defaults; the suite only drives MFA mode and tier).
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
	p.modified = c.s.now()
	return nil, nil
}

type setUserPoolMfaConfigIn struct {
	UserPoolId                    *string
	SmsMfaConfiguration           json.RawMessage
	SoftwareTokenMfaConfiguration *struct{ Enabled *bool }
	EmailMfaConfiguration         json.RawMessage
	MfaConfiguration              *string
}

func opSetUserPoolMfaConfig(c *call) (any, *apiError) {
	var in setUserPoolMfaConfigIn
	if e := prepare(c, &in, func(in *setUserPoolMfaConfigIn, v *validator) {
		v.str(ruleUserPoolID, in.UserPoolId)
		v.str(ruleMfaConfig, in.MfaConfiguration)
	}); e != nil {
		return nil, e
	}
	p, e := c.s.lookupPool(*in.UserPoolId)
	if e != nil {
		return nil, e
	}
	smsMfa, emailMfa, totpOn := p.smsMfa, p.emailMfa, p.totpOn
	if in.SmsMfaConfiguration != nil {
		smsMfa = nullToNil(in.SmsMfaConfiguration)
	}
	if in.EmailMfaConfiguration != nil {
		emailMfa = nullToNil(in.EmailMfaConfiguration)
	}
	if in.SoftwareTokenMfaConfiguration != nil {
		totpOn = in.SoftwareTokenMfaConfiguration.Enabled != nil && *in.SoftwareTokenMfaConfiguration.Enabled
	}
	mode := p.mfaConfig
	if in.MfaConfiguration != nil {
		mode = *in.MfaConfiguration
	}
	anyFactor := smsMfa != nil || emailMfa != nil || totpOn
	// M20: live-call messages for inconsistent pool MFA settings.
	if mode != mfaOff && !anyFactor {
		return nil, errInvalidParameter("Invalid MFA configuration given, can't disable all MFAs with a required or optional configuration.")
	}
	configuresFactor := (in.SoftwareTokenMfaConfiguration != nil && totpOn) ||
		nullToNil(in.SmsMfaConfiguration) != nil || nullToNil(in.EmailMfaConfiguration) != nil
	if mode == mfaOff && configuresFactor {
		return nil, errInvalidParameter("Invalid MFA configuration given, can't turn off MFA and configure an MFA together.")
	}
	if emailMfa != nil && p.tier == "LITE" {
		return nil, newErr("FeatureUnavailableInTierException", "Email MFA is not available in the LITE pricing tier.")
	}
	p.smsMfa, p.emailMfa, p.totpOn, p.mfaConfig = smsMfa, emailMfa, totpOn, mode
	p.modified = c.s.now()
	return poolMfaConfig(p), nil
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

func opGetUserPoolMfaConfig(c *call) (any, *apiError) {
	var in poolIDIn
	if e := prepare(c, &in, validatePoolID); e != nil {
		return nil, e
	}
	p, e := c.s.lookupPool(*in.UserPoolId)
	if e != nil {
		return nil, e
	}
	return poolMfaConfig(p), nil
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

func opCreateUserPoolClient(c *call) (any, *apiError) {
	var in createClientIn
	if e := prepare(c, &in, func(in *createClientIn, v *validator) {
		v.str(ruleUserPoolID, in.UserPoolId)
		v.str(strRule{member: "clientName", required: true, min: 1, max: 128, pat: &patAttributeName}, in.ClientName)
		v.str(strRule{member: "preventUserExistenceErrors", enum: []string{"LEGACY", "ENABLED"}}, in.PreventUserExistenceErrors)
	}); e != nil {
		return nil, e
	}
	p, e := c.s.lookupPool(*in.UserPoolId)
	if e != nil {
		return nil, e
	}
	flows := in.ExplicitAuthFlows
	for _, f := range flows {
		if !validFlows[f] {
			return nil, errInvalidParameter("Invalid ExplicitAuthFlows value: %s", f)
		}
	}
	if len(flows) == 0 {
		// AWS's default set when none is given.
		flows = []string{"ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_CUSTOM_AUTH"}
	}
	cl := &client{id: randomString(26, "abcdefghijklmnopqrstuvwxyz0123456789"), name: *in.ClientName, pool: p, flows: flows, created: c.s.now(),
		preventUserExistence: "LEGACY"} // [BC] CreateUserPoolClient: LEGACY unless the request says otherwise
	if in.PreventUserExistenceErrors != nil {
		cl.preventUserExistence = *in.PreventUserExistenceErrors
	}
	if in.GenerateSecret {
		cl.secret = randomString(51, "abcdefghijklmnopqrstuvwxyz0123456789")
	}
	p.clients[cl.id] = cl
	c.s.clients[cl.id] = cl
	return map[string]any{"UserPoolClient": describeClient(cl)}, nil
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

func validatePoolClient(in *poolClientIn, v *validator) {
	v.str(ruleUserPoolID, in.UserPoolId)
	v.str(ruleClientID, in.ClientId)
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

func opDeleteUserPoolClient(c *call) (any, *apiError) {
	var in poolClientIn
	if e := prepare(c, &in, validatePoolClient); e != nil {
		return nil, e
	}
	cl, e := c.s.lookupPoolClient(*in.UserPoolId, *in.ClientId)
	if e != nil {
		return nil, e
	}
	delete(cl.pool.clients, cl.id)
	delete(c.s.clients, cl.id)
	return nil, nil
}

func opDescribeUserPoolClient(c *call) (any, *apiError) {
	var in poolClientIn
	if e := prepare(c, &in, validatePoolClient); e != nil {
		return nil, e
	}
	cl, e := c.s.lookupPoolClient(*in.UserPoolId, *in.ClientId)
	if e != nil {
		return nil, e
	}
	return map[string]any{"UserPoolClient": describeClient(cl)}, nil
}
