package constraints

// What the generator needs beyond the model's facts: for each operation a valid request to
// vary, the fixtures that make it valid, and how to see that a rejected request changed
// nothing. These are choices of the suite, not facts of the model, so they live apart from
// the table.

// plan is how the generated scenarios of one operation are set up.
type plan struct {
	op string
	// request: scenarios about a member that names the pool, the user or the token. Such a
	// request reaches no user when it is rejected, so nothing is read back.
	request scope
	// settings: scenarios about a member inside the MFA settings; nil when the operation has
	// none. A rejected request there must change nothing: the scenario reads the user back.
	settings *scope
	// inSettings reports whether a member path belongs to the settings scope.
	inSettings func(path) bool
	// settingsPath is where a violation of a member of the given shape is placed, in the
	// settings scope (the list entry after the valid one, for MFAOptions).
	itemIndex int
}

type scope struct {
	givens []string // Given/And lines, docstrings included
	tags   []string // extra tags (@needs-sms)
	reject object   // the valid request a violating row varies
	accept object   // the valid request an ignored-member row varies
	// rejected and accepted are the read-back lines after the row's answer (none in the
	// request scope).
	rejected, accepted []string
}

const (
	pool        = "Given a user pool with MFA OPTIONAL and TOTP available"
	poolWithSMS = "Given a user pool with MFA OPTIONAL and TOTP and SMS available"
	user        = "And a confirmed user"
	userPhone   = "And a confirmed user with a phone number"
	readBack    = "When the administrator reads the user back"
)

var totpOff = object{{"Enabled", false}, {"PreferredMfa", false}}
var totpOn = object{{"Enabled", true}, {"PreferredMfa", true}}

// preference is the plan of the two preference operations: the user starts with TOTP
// enabled and preferred, the violating request would turn it off, and the read-back shows it
// still on.
func preference(op string, identity object) plan {
	reject := append(append(object{}, identity...), field{"SoftwareTokenMfaSettings", totpOff})
	accept := append(append(object{}, identity...), field{"SoftwareTokenMfaSettings", totpOn})
	unchanged := []string{
		`Then the response at "UserMFASettingList" lists exactly "SOFTWARE_TOKEN_MFA"`,
		`And the response at "PreferredMfaSetting" is "SOFTWARE_TOKEN_MFA"`,
	}
	return plan{
		op:      op,
		request: scope{givens: []string{pool, user}, reject: reject, accept: reject},
		settings: &scope{
			givens: []string{pool, user, "And the user has registered a TOTP authenticator",
				"And the administrator has set the user's MFA preference:",
				`  """`,
				`  { "UserPoolId": "${UserPoolId}", "Username": "${Username}", "SoftwareTokenMfaSettings": { "Enabled": true, "PreferredMfa": true } }`,
				`  """`},
			reject: reject, accept: accept,
			rejected: append([]string{readBack}, unchanged...),
			accepted: append([]string{readBack}, unchanged...),
		},
		inSettings: func(p path) bool { return p[0] != "UserPoolId" && p[0] != "Username" && p[0] != "AccessToken" },
	}
}

var adminIdentity = object{{"UserPoolId", "${UserPoolId}"}, {"Username", "${Username}"}}

var plans = []plan{
	preference("AdminSetUserMFAPreference", adminIdentity),
	preference("SetUserMFAPreference", object{{"AccessToken", "${AccessToken}"}}),
	{
		op: "AdminSetUserSettings",
		request: scope{givens: []string{pool, user},
			reject: adminIdentity.set("MFAOptions", []any{}), accept: adminIdentity.set("MFAOptions", []any{})},
		// The user starts without legacy SMS MFA; the violating request turns it on with a valid
		// first entry and breaks the second, so applying the valid part would show.
		settings: &scope{
			givens: []string{poolWithSMS, userPhone},
			tags:   []string{"@needs-sms"},
			reject: adminIdentity.set("MFAOptions", []any{smsOption}),
			accept: adminIdentity.set("MFAOptions", []any{smsOption}),
			rejected: []string{readBack,
				`Then the response at "MFAOptions" is absent or an empty list`},
			accepted: []string{readBack,
				`Then the response at "MFAOptions" equals:`, `  """`, `  [ { "DeliveryMedium": "SMS", "AttributeName": "phone_number" } ]`, `  """`},
		},
		inSettings: func(p path) bool { return len(p) > 1 },
		itemIndex:  1,
	},
	{op: "AdminGetUser", request: scope{givens: []string{pool, user}, reject: adminIdentity, accept: adminIdentity}},
	{op: "GetUser", request: scope{givens: []string{pool, user},
		reject: object{{"AccessToken", "${AccessToken}"}}, accept: object{{"AccessToken", "${AccessToken}"}}}},
}

var smsOption = object{{"DeliveryMedium", "SMS"}, {"AttributeName", "phone_number"}}

// validOf is a valid value of a shape, for a parent the generator has to create.
func validOf(shape string) any {
	switch shape {
	case "SMSMfaSettingsType", "SoftwareTokenMfaSettingsType", "EmailMfaSettingsType":
		return totpOff
	case "MFAOptionType":
		return smsOption
	case "MFAOptionListType":
		return []any{smsOption}
	}
	panic("constraints: no valid value for shape " + shape)
}

// stringSample builds values of a string shape: the prefix, padded with pad to the length
// asked; miss is a value of a valid length that breaks the pattern.
type stringSample struct {
	prefix string
	pad    string
	miss   string
}

var stringSamples = map[string]stringSample{
	"UserPoolIdType":    {prefix: "us-east-1_", pad: "Z", miss: "not-a-pool-id"},
	"UsernameType":      {pad: "u", miss: "two words"},
	"TokenModelType":    {pad: "t", miss: "not a token!"},
	"AttributeNameType": {pad: "a", miss: "phone\u0007number"},
}

// placeholderSamples stand for the fixtures' values when the generator checks a body
// against the table (the real values come from the run).
var placeholderSamples = map[string]string{
	"${UserPoolId}":  "us-east-1_EXAMPLE",
	"${Username}":    "someone",
	"${AccessToken}": "eyJraWQiOiJleGFtcGxlIn0.e30.c2lnbmF0dXJl",
}
