package reference

import (
	"encoding/json"
	"fmt"
	"regexp"
	"sync"
)

// Mutation testing. A mutation is a named, deliberate defect of the reference
// target that breaks one behaviour of the catalogue (../shared/spec/behaviors.md)
// and changes what a client sees on the wire. `serve --mutation NAME`,
// `run --mutation NAME` and `cognito-conformance mutants` switch them on; the
// suite proves its sensitivity by failing, against each one, at least one
// scenario tagged with the catalogue id the mutation breaks.
//
// Each mutation is one `if s.mutated("name")` hook at the place in the reference
// code that implements the behaviour; grep for the name to find it.

// Mutation is a named deliberate defect the harness can switch on to check
// that the suite notices it.
type Mutation struct {
	Name        string   // kebab-case
	Breaks      []string // catalogue ids like "B3" (or section ids like "S1.2")
	Description string
	// Profile is the reference profile the mutation is meant to run under: ""
	// (the default, aws) or "documented" when it breaks the documented side of a
	// documented-versus-observed conflict.
	Profile Profile
}

var (
	mutationMu       sync.RWMutex
	mutationRegistry = []Mutation{
		// ---- Wire contract of a success (B1, B2; catalogue 1.1) ----
		{Name: "answer-null-instead-of-empty-object", Breaks: []string{"B1", "B2"},
			Description: "AdminSetUserMFAPreference, SetUserMFAPreference and AdminSetUserSettings answer 200 with the body null instead of {}"},
		{Name: "drop-request-id", Breaks: []string{"B1"},
			Description: "no answer carries the x-amzn-RequestId header"},
		{Name: "answer-json-1.0-content-type", Breaks: []string{"B1"},
			Description: "the aws profile answers Content-Type application/x-amz-json-1.0 (the doc sample) instead of the observed 1.1"},
		{Name: "skip-user-pool-id-pattern", Breaks: []string{"S1.2", "S1.4"},
			Description: "a UserPoolId that breaks the pattern [\\w-]+_[0-9a-zA-Z]+ is not a validation error (the pool lookup answers instead)"},

		// ---- Business rules of the preference operations ----
		{Name: "accept-two-preferred-factors", Breaks: []string{"B3"},
			Description: "the preference operations accept a request that marks more than one factor preferred (the last one wins)"},
		{Name: "accept-preferred-factor-not-enabled", Breaks: []string{"B4"},
			Description: "a factor marked PreferredMfa:true with Enabled:false is accepted (and made preferred) instead of InvalidParameterException"},
		{Name: "accept-totp-without-authenticator", Breaks: []string{"B7"},
			Description: "TOTP can be enabled and preferred by either operation although the user has no verified authenticator"},
		{Name: "reject-admin-totp-before-registration", Breaks: []string{"B7"}, Profile: ProfileDocumented,
			Description: "the documented profile rejects an administrator enabling TOTP before registration, against the admin page"},
		{Name: "reset-totp-when-disabled", Breaks: []string{"B8"},
			Description: "turning TOTP off forgets the verified authenticator, so turning it on again needs a new AssociateSoftwareToken"},
		{Name: "accept-email-mfa-on-lite-tier", Breaks: []string{"B9"},
			Description: "email MFA can be turned on for a user of a LITE-tier pool"},
		{Name: "ignore-email-mfa-settings", Breaks: []string{"B9"},
			Description: "EmailMfaSettings is ignored by both preference operations (moto's divergence): answers 200 and changes nothing"},
		{Name: "accept-sms-without-phone-number", Breaks: []string{"B12"},
			Description: "SMS MFA can be turned on for a user without a phone_number"},
		{Name: "keep-preference-when-factor-disabled", Breaks: []string{"B17"},
			Description: "turning the preferred factor off leaves it as PreferredMfaSetting"},
		{Name: "empty-request-disables-all-factors", Breaks: []string{"B18"},
			Description: "a preference request with no settings members turns every factor off instead of changing nothing"},
		{Name: "unnamed-factors-are-disabled", Breaks: []string{"B19"},
			Description: "a factor the preference request does not name is turned off instead of keeping its state"},
		{Name: "reject-factor-off-in-required-pool", Breaks: []string{"B20"},
			Description: "the aws profile rejects turning a factor off in a pool that requires MFA (the documented side)"},
		{Name: "accept-factor-off-in-required-pool", Breaks: []string{"B20"}, Profile: ProfileDocumented,
			Description: "the documented profile accepts turning a factor off in a pool that requires MFA (the observed side)"},
		{Name: "skip-user-status-checks", Breaks: []string{"B27"},
			Description: "the preference operations accept UNCONFIRMED and RESET_REQUIRED users instead of UserNotConfirmedException/PasswordResetRequiredException"},

		// ---- Authorisation (B11) ----
		{Name: "accept-unsigned-admin-calls", Breaks: []string{"B11"},
			Description: "an IAM-authorized operation without an Authorization header is served instead of MissingAuthenticationToken"},
		{Name: "reject-unsigned-set-user-mfa-preference", Breaks: []string{"B11"},
			Description: "SetUserMFAPreference demands a SigV4 signature, so the unsigned calls AWS's own clients make are rejected"},
		{Name: "report-not-authorized-as-invalid-parameter", Breaks: []string{"B11"},
			Description: "SetUserMFAPreference reports a bad, forged or revoked access token as InvalidParameterException instead of NotAuthorizedException"},

		// ---- AdminSetUserSettings (B13, B14) ----
		{Name: "accept-email-in-admin-set-user-settings", Breaks: []string{"B13"},
			Description: "AdminSetUserSettings answers 200 (and ignores the option) for DeliveryMedium EMAIL instead of InvalidParameterException"},
		{Name: "reject-empty-mfa-options", Breaks: []string{"B14"},
			Description: "AdminSetUserSettings rejects MFAOptions: [] instead of turning legacy SMS MFA off"},

		// ---- Read-back (B15, B16) ----
		{Name: "list-legacy-sms-in-user-mfa-setting-list", Breaks: []string{"B15"},
			Description: "legacy SMS MFA set by AdminSetUserSettings also shows as SMS_MFA in UserMFASettingList"},
		{Name: "empty-user-mfa-setting-list", Breaks: []string{"B16"},
			Description: "AdminGetUser/GetUser answer UserMFASettingList: [] instead of leaving it out when no factor is enabled"},
		{Name: "empty-preferred-mfa-setting", Breaks: []string{"B16"},
			Description: "AdminGetUser/GetUser answer PreferredMfaSetting: \"\" instead of leaving it out when no factor is preferred"},

		// ---- Sign-in consequences (B5, B21, B22, B26, B31) ----
		{Name: "ignore-preference-at-sign-in", Breaks: []string{"B5"},
			Description: "sign-in ignores the preferred factor: a user with several factors gets SELECT_MFA_TYPE although one is preferred"},
		{Name: "choose-first-factor-instead-of-select", Breaks: []string{"B5"},
			Description: "a user with several factors and none preferred is challenged with the first one instead of SELECT_MFA_TYPE"},
		{Name: "list-automatic-sms-factor", Breaks: []string{"B21"},
			Description: "the SMS factor a required pool uses automatically is written into the user's UserMFASettingList"},
		{Name: "skip-mfa-setup", Breaks: []string{"B22", "B31"},
			Description: "a user with no factor in a pool that requires MFA gets tokens instead of the MFA_SETUP challenge"},
		{Name: "accept-reused-totp-code", Breaks: []string{"B22"},
			Description: "a TOTP code already used in its time window is accepted again instead of ExpiredCodeException"},
		{Name: "accept-wrong-password-signature", Breaks: []string{"B33"},
			Description: "USER_SRP_AUTH accepts a PASSWORD_CLAIM_SIGNATURE made with a wrong password instead of NotAuthorizedException"},
		{Name: "hide-unknown-user-from-legacy-client", Breaks: []string{"B34"},
			Description: "InitiateAuth for an unknown user answers NotAuthorizedException through a client whose PreventUserExistenceErrors is LEGACY (the API default) instead of UserNotFoundException"},
		{Name: "user-not-found-as-500", Breaks: []string{"B26"},
			Description: "UserNotFoundException is sent with HTTP 500 instead of 400"},
	}
)

// kebab is the form of every mutation name.
var kebab = regexp.MustCompile(`^[a-z0-9]+(?:[-.][a-z0-9]+)*$`)

// Mutations lists the registered mutations.
func Mutations() []Mutation {
	mutationMu.RLock()
	defer mutationMu.RUnlock()
	out := make([]Mutation, len(mutationRegistry))
	copy(out, mutationRegistry)
	return out
}

// LookupMutation returns the registered mutation with this name.
func LookupMutation(name string) (Mutation, bool) {
	mutationMu.RLock()
	defer mutationMu.RUnlock()
	for _, m := range mutationRegistry {
		if m.Name == name {
			return m, true
		}
	}
	return Mutation{}, false
}

// ValidateMutation errors for a non-empty name that is not registered.
func ValidateMutation(name string) error {
	if name == "" {
		return nil
	}
	if _, ok := LookupMutation(name); ok {
		return nil
	}
	return fmt.Errorf("reference: unknown mutation %q", name)
}

// RegisterMutation adds a mutation to the registry and returns a function that
// removes it again. It exists for the tests of the mutation runner (package
// mutants), which register a name no hook checks, i.e. a mutation no scenario
// can notice, and expect the run to report it SURVIVED. Production mutations
// are listed in mutationRegistry above, next to nothing else.
func RegisterMutation(m Mutation) (unregister func(), err error) {
	if !kebab.MatchString(m.Name) {
		return nil, fmt.Errorf("reference: mutation name %q is not kebab-case", m.Name)
	}
	mutationMu.Lock()
	defer mutationMu.Unlock()
	for _, have := range mutationRegistry {
		if have.Name == m.Name {
			return nil, fmt.Errorf("reference: mutation %q is already registered", m.Name)
		}
	}
	mutationRegistry = append(mutationRegistry, m)
	return func() {
		mutationMu.Lock()
		defer mutationMu.Unlock()
		for i, have := range mutationRegistry {
			if have.Name == m.Name {
				mutationRegistry = append(mutationRegistry[:i:i], mutationRegistry[i+1:]...)
				return
			}
		}
	}, nil
}

// mutated reports whether the named mutation is active.
func (s *Server) mutated(name string) bool { return name != "" && s.mutation == name }

// nullAnswer is the success body of answer-null-instead-of-empty-object.
var nullAnswer = json.RawMessage("null")
