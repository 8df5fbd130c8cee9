package reference

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"time"
)

// Mutation testing. A mutation is a named, deliberate defect of the reference
// target that breaks one behaviour of the catalogue (catalogue/behaviors.md)
// and changes what a client sees on the wire. `serve --mutation NAME`,
// `run --mutation NAME` and `cognito-conformance mutants` switch them on; the
// suite proves its sensitivity by failing, against each one, at least one
// scenario tagged with the catalogue id the mutation breaks.
//
// A mutation is data: it switches named rules off (Disables), stands a
// defective function in for named steps (Replaces), or rewrites the wire
// answer (Rewrite). The operations never ask which mutation is active; the
// rule runner (rules.go) and the answer writer (ServeHTTP) apply it. The
// defective functions are below the table. See doc.go for how to add one.

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

	// What the defect does, by the names the contract declares (rules.go).
	// A mutation that does none of these changes nothing on the wire.
	Disables []string       // rules (or choices, member patterns) switched off
	Replaces map[string]any // step name -> the defective function that stands in for it, of the step's type
	Rewrite  func(*answer)  // rewrites the answer of every call
}

var (
	mutationMu       sync.RWMutex
	mutationRegistry = []Mutation{
		// ---- Wire contract of a success (B1, B2; catalogue 1.1) ----
		{Name: "answer-null-instead-of-empty-object", Breaks: []string{"B1", "B2"},
			Description: "AdminSetUserMFAPreference, SetUserMFAPreference and AdminSetUserSettings answer 200 with the body null instead of {}",
			Rewrite:     nullSuccessBody},
		{Name: "drop-request-id", Breaks: []string{"B1"},
			Description: "no answer carries the x-amzn-RequestId header",
			Rewrite:     func(a *answer) { a.requestID = "" }},
		{Name: "answer-json-1.0-content-type", Breaks: []string{"B1"},
			Description: "the aws profile answers Content-Type application/x-amz-json-1.0 (the doc sample) instead of the observed 1.1",
			Rewrite:     jsonContentType10},

		// ---- Business rules of the preference operations ----
		{Name: "accept-two-preferred-factors", Breaks: []string{"B3"},
			Description: "the preference operations accept a request that marks more than one factor preferred (the last one wins)",
			Disables:    []string{"one-preferred-factor"}},
		{Name: "reject-two-preferred-factors-as-validation-exception", Breaks: []string{"B3"},
			Description: "the preference operations reject two preferred factors, but with a generic ValidationException instead of InvalidParameterException",
			Replaces:    map[string]any{"one-preferred-factor": twoPreferredAsValidationException}},
		{Name: "accept-preferred-factor-not-enabled", Breaks: []string{"B4"},
			Description: "a factor marked PreferredMfa:true with Enabled:false is accepted (and made preferred) instead of InvalidParameterException",
			Disables:    []string{"preferred-factor-enabled"}},
		{Name: "accept-totp-without-authenticator", Breaks: []string{"B7"},
			Description: "TOTP can be enabled and preferred by either operation although the user has no verified authenticator",
			Disables:    []string{"totp-needs-authenticator", "admin-totp-needs-authenticator"}},
		{Name: "reject-admin-totp-before-registration", Breaks: []string{"B7"}, Profile: ProfileDocumented,
			Description: "the documented profile rejects an administrator enabling TOTP before registration, against the admin page",
			Replaces:    map[string]any{"admin-totp-needs-authenticator": checkTOTPAuthenticator}},
		{Name: "reset-totp-when-disabled", Breaks: []string{"B8"},
			Description: "turning TOTP off forgets the verified authenticator, so turning it on again needs a new AssociateSoftwareToken",
			Replaces:    map[string]any{"disable-factor": disableFactorForgettingTOTP}},
		{Name: "accept-email-mfa-on-lite-tier", Breaks: []string{"B9"},
			Description: "email MFA can be turned on for a user of a LITE-tier pool",
			Disables:    []string{"no-email-mfa-on-lite-tier"}},
		{Name: "ignore-email-mfa-settings", Breaks: []string{"B9"},
			Description: "EmailMfaSettings is ignored by both preference operations (moto's divergence): answers 200 and changes nothing",
			Replaces:    map[string]any{"factor-settings": factorSettingsWithoutEmail}},
		{Name: "accept-sms-without-phone-number", Breaks: []string{"B12"},
			Description: "SMS MFA can be turned on for a user without a phone_number",
			Disables:    []string{"sms-needs-phone-number"}},
		{Name: "keep-preference-when-factor-disabled", Breaks: []string{"B17"},
			Description: "turning the preferred factor off leaves it as PreferredMfaSetting",
			Replaces:    map[string]any{"disable-factor": disableFactorKeepingPreference}},
		{Name: "empty-request-disables-all-factors", Breaks: []string{"B18"},
			Description: "a preference request with no settings members turns every factor off instead of changing nothing",
			Replaces:    map[string]any{"empty-request-changes-nothing": disableAllFactors}},
		{Name: "unnamed-factors-are-disabled", Breaks: []string{"B19"},
			Description: "a factor the preference request does not name is turned off instead of keeping its state",
			Replaces:    map[string]any{"unnamed-factor-keeps-state": disableUnnamedFactor}},
		{Name: "reject-factor-off-in-required-pool", Breaks: []string{"B20"},
			Description: "the aws profile rejects turning a factor off in a pool that requires MFA (the documented side)",
			Replaces:    map[string]any{"factors-stay-on-in-required-pool": checkFactorsStayOn}},
		{Name: "accept-factor-off-in-required-pool", Breaks: []string{"B20"}, Profile: ProfileDocumented,
			Description: "the documented profile accepts turning a factor off in a pool that requires MFA (the observed side)",
			Disables:    []string{"factors-stay-on-in-required-pool"}},
		{Name: "skip-user-status-checks", Breaks: []string{"B27"},
			Description: "the preference operations accept UNCONFIRMED and RESET_REQUIRED users instead of UserNotConfirmedException/PasswordResetRequiredException",
			Disables:    []string{"preference-user-confirmed", "preference-password-not-reset"}},

		// ---- Authorisation (B11) ----
		{Name: "accept-unsigned-admin-calls", Breaks: []string{"B11"},
			Description: "an IAM-authorized operation without an Authorization header is served instead of MissingAuthenticationToken",
			Replaces:    map[string]any{"iam-signature": unsignedOrSigV4}},
		{Name: "reject-unsigned-set-user-mfa-preference", Breaks: []string{"B11"},
			Description: "SetUserMFAPreference demands a SigV4 signature, so the unsigned calls AWS's own clients make are rejected",
			Replaces:    map[string]any{"set-user-mfa-preference-takes-no-signature": iamSignature.fn}},
		{Name: "report-not-authorized-as-invalid-parameter", Breaks: []string{"B11"},
			Description: "SetUserMFAPreference reports a bad, forged or revoked access token as InvalidParameterException instead of NotAuthorizedException",
			Rewrite:     notAuthorizedAsInvalidParameter},

		// ---- AdminSetUserSettings (B13, B14) ----
		{Name: "accept-email-in-admin-set-user-settings", Breaks: []string{"B13"},
			Description: "AdminSetUserSettings answers 200 (and ignores the option) for DeliveryMedium EMAIL instead of InvalidParameterException",
			Replaces:    map[string]any{"mfa-options-sms-to-phone-number": acceptAndIgnoreEmailOption}},
		{Name: "reject-empty-mfa-options", Breaks: []string{"B14"},
			Description: "AdminSetUserSettings rejects MFAOptions: [] instead of turning legacy SMS MFA off",
			Replaces:    map[string]any{"mfa-options-may-be-empty": rejectEmptyMFAOptions}},

		// ---- Read-back (B15, B16) ----
		{Name: "list-legacy-sms-in-user-mfa-setting-list", Breaks: []string{"B15"},
			Description: "legacy SMS MFA set by AdminSetUserSettings also shows as SMS_MFA in UserMFASettingList",
			Rewrite:     listLegacySMS},
		{Name: "empty-mfa-options", Breaks: []string{"B15"},
			Description: "AdminGetUser/GetUser answer MFAOptions: [] instead of leaving it out when no legacy SMS MFA is set (moto's answer)",
			Rewrite:     emptyMFAOptions},
		{Name: "empty-user-mfa-setting-list", Breaks: []string{"B16"},
			Description: "AdminGetUser/GetUser answer UserMFASettingList: [] instead of leaving it out when no factor is enabled",
			Rewrite:     emptyMFASettingList},
		{Name: "empty-preferred-mfa-setting", Breaks: []string{"B16"},
			Description: "AdminGetUser/GetUser answer PreferredMfaSetting: \"\" instead of leaving it out when no factor is preferred",
			Rewrite:     emptyPreferredMFASetting},

		// ---- Sign-in consequences (B5, B21, B22, B26, B31) ----
		{Name: "ask-only-a-preferred-factor", Breaks: []string{"B6"},
			Description: "a sign-in in an OPTIONAL pool asks for MFA only when the enabled factor is also preferred (moto's rule), so an enabled factor without a preference is skipped",
			Disables:    []string{"only-factor"}},
		{Name: "ignore-preference-at-sign-in", Breaks: []string{"B5"},
			Description: "sign-in ignores the preferred factor: a user with several factors gets SELECT_MFA_TYPE although one is preferred",
			Disables:    []string{"preferred-factor"}},
		{Name: "choose-first-factor-instead-of-select", Breaks: []string{"B5"},
			Description: "a user with several factors and none preferred is challenged with the first one instead of SELECT_MFA_TYPE",
			Replaces:    map[string]any{"select-mfa-type": firstFactorInsteadOfSelect}},
		{Name: "list-automatic-sms-factor", Breaks: []string{"B21"},
			Description: "the SMS factor a required pool uses automatically is written into the user's UserMFASettingList",
			Replaces:    map[string]any{"automatic-sms": automaticSMSListed}},
		{Name: "skip-mfa-setup", Breaks: []string{"B22", "B31"},
			Description: "a user with no factor in a pool that requires MFA gets tokens instead of the MFA_SETUP challenge",
			Replaces:    map[string]any{"mfa-setup": tokensInsteadOfSetup}},
		{Name: "accept-reused-totp-code", Breaks: []string{"B22"},
			Description: "a TOTP code already used in its time window is accepted again instead of ExpiredCodeException",
			Disables:    []string{"totp-code-unused"}},
		{Name: "accept-wrong-password-signature", Breaks: []string{"B33"},
			Description: "USER_SRP_AUTH accepts a PASSWORD_CLAIM_SIGNATURE made with a wrong password instead of NotAuthorizedException",
			Disables:    []string{"password-claim-signature-matches"}},
		{Name: "hide-unknown-user-from-legacy-client", Breaks: []string{"B34"},
			Description: "InitiateAuth for an unknown user answers NotAuthorizedException through a client whose PreventUserExistenceErrors is LEGACY (the API default) instead of UserNotFoundException",
			Replaces:    map[string]any{"unknown-user-at-sign-in": hideUnknownUser}},
		{Name: "user-not-found-as-500", Breaks: []string{"B26"},
			Description: "UserNotFoundException is sent with HTTP 500 instead of 400",
			Rewrite:     userNotFoundAs500},

		// ---- Issue 12: each client's serializer form (S1.2, S1.3) ----
		{Name: "ignore-empty-settings-block", Breaks: []string{"S1.2", "S1.3"},
			Description: "a settings block with no members ({}: how aws-sdk-go-v2 sends Enabled:false, PreferredMfa:false) is ignored instead of turning the factor off (moto's reading)",
			Replaces:    map[string]any{"factor-settings": factorSettingsWithoutEmptyBlocks}},

		// ---- Issue 12: codes and challenges (B22) ----
		{Name: "accept-wrong-totp-code", Breaks: []string{"B22"},
			Description: "a wrong SOFTWARE_TOKEN_MFA_CODE gives tokens instead of CodeMismatchException",
			Replaces:    map[string]any{"totp-code-matches": anyTOTPCodeMatches}},
		{Name: "accept-wrong-sms-code", Breaks: []string{"B22"},
			Description: "a wrong SMS_MFA_CODE gives tokens instead of CodeMismatchException",
			Replaces:    map[string]any{"mfa-code-matches": anyMFACodeMatches}},
		{Name: "accept-wrong-verify-code", Breaks: []string{"B22"},
			Description: "VerifySoftwareToken registers an authenticator with a wrong code instead of EnableSoftwareTokenMFAException",
			Replaces:    map[string]any{"verification-code-matches": anyVerificationCodeMatches}},
		{Name: "empty-challenge-parameters", Breaks: []string{"B22"},
			Description: "SMS_MFA and SOFTWARE_TOKEN_MFA challenges carry empty ChallengeParameters (no CODE_DELIVERY_* for SMS)",
			Rewrite:     emptyChallengeParameters},

		// ---- Issue 12: wire contract of a request (S1.1) ----
		{Name: "read-invalid-json-as-empty", Breaks: []string{"S1.1"},
			Description: "a body that is not a JSON object is read as {} instead of SerializationException",
			Replaces:    map[string]any{"body-is-json-object": readInvalidBodyAsEmpty}},
		{Name: "ignore-member-type-errors", Breaks: []string{"S1.1"},
			Description: "a member of the wrong JSON type is dropped and the request served instead of SerializationException",
			Replaces:    map[string]any{"member-types-match": dropMistypedMembers}},
		{Name: "error-content-type-application-json", Breaks: []string{"S1.1"},
			Description: "error answers carry Content-Type application/json instead of application/x-amz-json-1.1",
			Rewrite:     errorContentTypeJSON},
		{Name: "accept-any-signing-region", Breaks: []string{"S1.1"},
			Description: "a request signed for another region than the endpoint's is served instead of InvalidSignatureException",
			Disables:    []string{"signing-region-matches"}},

		// ---- Issue 12: preconditions and recovery (B23, B24, B27, B30) ----
		{Name: "reset-password-without-verified-contact", Breaks: []string{"B27"},
			Description: "AdminResetUserPassword resets a user with no verified e-mail or phone instead of InvalidParameterException",
			Disables:    []string{"reset-needs-verified-contact"}},
		{Name: "ignore-pool-totp-setting", Breaks: []string{"B23"},
			Description: "AssociateSoftwareToken hands out a secret in a pool where TOTP was never enabled instead of SoftwareTokenMFANotFoundException",
			Disables:    []string{"associate-needs-totp-pool"}},
		{Name: "pool-totp-off-drops-authenticators", Breaks: []string{"B23"},
			Description: "once the pool turns TOTP off, a user's verified authenticator is no longer asked for: a user who preferred it signs in without MFA",
			Replaces:    map[string]any{"registered-totp-outlives-pool-setting": func(p *pool) bool { return p.totpOn }}},
		{Name: "forgot-password-ignores-mfa-preference", Breaks: []string{"B24"},
			Description: "ForgotPassword sends the reset code by SMS to a user whose preferred MFA is SMS",
			Replaces:    map[string]any{"reset-code-avoids-preferred-mfa": func(*user, string) bool { return true }}},
		{Name: "no-mfa-lockout", Breaks: []string{"B30"},
			Description: "five wrong MFA codes in a row start no lockout: the next correct code gives tokens",
			Replaces:    map[string]any{"lockout-after-wrong-codes": func(*user, time.Time, int) {}}},
	}
)

// ---- Generated from the constraint table (S1.1-S1.4) ----
//
// One mutation per request member the constraint table constrains beyond its JSON type
// (tableMembers, validate.go): it switches off every check of that member, in every operation
// of the table that has it, through the skip hook of constraints.Check. A member added to the
// table adds its mutation here, and `make mutants` then demands a generated row that kills it.
// (They replace the hand-written skip-user-pool-id-pattern, which the first one subsumes.)

func init() { mutationRegistry = append(mutationRegistry, constraintMutations()...) }

func constraintMutations() []Mutation {
	out := make([]Mutation, 0, len(tableMembers))
	for _, m := range tableMembers {
		out = append(out, Mutation{
			Name:   "skip-" + kebabCase(m.name) + "-constraints",
			Breaks: m.sections,
			Description: fmt.Sprintf("%s is not validated by %s: its modelled constraints (%s) are not checked, so a violating value reaches the rules",
				m.name, strings.Join(m.ops, ", "), strings.Join(m.constraints, "; ")),
			Disables: []string{memberRule(m.name)},
		})
	}
	return out
}

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

// ---- The defects the table refers to ----

// nullAnswer is the success body of answer-null-instead-of-empty-object.
var nullAnswer = json.RawMessage("null")

func nullSuccessBody(a *answer) {
	switch a.op {
	case "AdminSetUserMFAPreference", "SetUserMFAPreference", "AdminSetUserSettings":
		if a.err == nil {
			a.body = nullAnswer
		}
	}
}

// jsonContentType10 types success answers as the doc sample does (errors are 1.1 in both profiles).
func jsonContentType10(a *answer) {
	if a.err == nil {
		a.contentType = "application/x-amz-json-1.0"
	}
}

// errorContentTypeJSON is moto's typing of error answers.
func errorContentTypeJSON(a *answer) {
	if a.err != nil {
		a.contentType = "application/json"
	}
}

// emptyChallengeParameters is moto's SMS_MFA and SOFTWARE_TOKEN_MFA challenge.
func emptyChallengeParameters(a *answer) {
	out, ok := a.body.(map[string]any)
	if !ok || a.err != nil {
		return
	}
	if name := out["ChallengeName"]; name == factorSMS || name == factorTOTP {
		out["ChallengeParameters"] = map[string]string{}
	}
}

func readInvalidBodyAsEmpty(c *call) *apiError {
	if bodyIsObject.fn(c) != nil {
		c.body = []byte("{}")
	}
	return nil
}

// dropMistypedMembers: json.Unmarshal fills every member it could, as a lenient emulator does.
func dropMistypedMembers(d *decoding) *apiError {
	var typeErr *json.UnmarshalTypeError
	if err := json.Unmarshal(d.body, d.into); err != nil && !errors.As(err, &typeErr) {
		return newErr("SerializationException", "")
	}
	return nil
}

func anyTOTPCodeMatches(r *respondReq) *apiError {
	if r.in.step = totpStep(r.user.totpSecret, response(r, "SOFTWARE_TOKEN_MFA_CODE"), r.s.now()); r.in.step < 0 {
		r.in.step = r.s.now().Unix() / 30
	}
	r.user.mfaFailures = 0
	return nil
}

func anyMFACodeMatches(r *respondReq) *apiError {
	r.user.mfaFailures = 0
	return nil
}

// hideUnknownUser answers an unknown user as a wrong password whatever the client's
// PreventUserExistenceErrors says.
func hideUnknownUser(*client) *apiError { return errNotAuthorized("Incorrect username or password.") }

func anyVerificationCodeMatches(r *totpReq) *apiError {
	if r.in.step = totpStep(r.user.totpPending, *r.in.UserCode, r.s.now()); r.in.step < 0 {
		r.in.step = r.s.now().Unix() / 30
	}
	return nil
}

// factorSettingsWithoutEmptyBlocks is moto's reading of the aws-sdk-go-v2 form {}.
func factorSettingsWithoutEmptyBlocks(r *prefReq) *apiError {
	_ = factorSettings.fn(r)
	for i, f := range r.in.factors {
		if f.set != nil && f.set.Enabled == nil && f.set.PreferredMfa == nil {
			r.in.factors[i].set = nil
		}
	}
	return nil
}

func userNotFoundAs500(a *answer) {
	if a.err != nil && a.err.Code == "UserNotFoundException" {
		a.err.Status = http.StatusInternalServerError
	}
}

// notAuthorizedAsInvalidParameter: every NotAuthorizedException of
// SetUserMFAPreference comes from its access token.
func notAuthorizedAsInvalidParameter(a *answer) {
	if a.op == "SetUserMFAPreference" && a.err != nil && a.err.Code == "NotAuthorizedException" {
		a.err.Code = "InvalidParameterException"
	}
}

// readBack returns the success body of AdminGetUser and GetUser.
func readBack(a *answer) (map[string]any, bool) {
	if a.err != nil || (a.op != "AdminGetUser" && a.op != "GetUser") {
		return nil, false
	}
	out, ok := a.body.(map[string]any)
	return out, ok
}

func emptyMFASettingList(a *answer) {
	if out, ok := readBack(a); ok && out["UserMFASettingList"] == nil {
		out["UserMFASettingList"] = []string{}
	}
}

func emptyMFAOptions(a *answer) {
	if out, ok := readBack(a); ok && out["MFAOptions"] == nil {
		out["MFAOptions"] = []map[string]string{}
	}
}

// twoPreferredAsValidationException rejects what one-preferred-factor rejects, with the
// generic code instead of the one the catalogue infers for B3.
func twoPreferredAsValidationException(r *prefReq) *apiError {
	if e := onePreferredFactor.fn(r); e != nil {
		return newErr("ValidationException", "%s", e.Message)
	}
	return nil
}

func emptyPreferredMFASetting(a *answer) {
	if out, ok := readBack(a); ok && out["PreferredMfaSetting"] == nil {
		out["PreferredMfaSetting"] = ""
	}
}

// listLegacySMS shows legacy SMS (MFAOptions) as SMS_MFA too; SMS_MFA is
// first in factorOrder.
func listLegacySMS(a *answer) {
	out, ok := readBack(a)
	if !ok || out["MFAOptions"] == nil {
		return
	}
	list, _ := out["UserMFASettingList"].([]string)
	if !contains(list, factorSMS) {
		out["UserMFASettingList"] = append([]string{factorSMS}, list...)
	}
}

func unsignedOrSigV4(c *call) *apiError {
	if c.r.Header.Get("Authorization") == "" {
		return nil
	}
	return checkSigV4(c)
}

func factorSettingsWithoutEmail(r *prefReq) *apiError {
	r.in.factors = []factorSetting{
		{factorSMS, r.in.SMSMfaSettings},
		{factorEmail, nil},
		{factorTOTP, r.in.SoftwareTokenMfaSettings},
	}
	return nil
}

func disableFactorForgettingTOTP(u *user, factor string, preferred bool) {
	disableFactor.fn(u, factor, preferred)
	if factor == factorTOTP {
		u.totpSecret = ""
	}
}

func disableFactorKeepingPreference(u *user, factor string, preferred bool) {
	delete(u.mfaEnabled, factor)
	if preferred {
		u.preferred = factor
	}
}

func disableAllFactors(u *user) bool {
	u.mfaEnabled, u.preferred = map[string]bool{}, ""
	return true
}

func disableUnnamedFactor(u *user, factor string) {
	delete(u.mfaEnabled, factor)
	if u.preferred == factor {
		u.preferred = ""
	}
}

func rejectEmptyMFAOptions(r *settingsReq) *apiError {
	if len(r.in.MFAOptions) == 0 {
		return errInvalidParameter("MFAOptions must not be empty.")
	}
	return nil
}

// acceptAndIgnoreEmailOption answers 200 and changes nothing at the first
// EMAIL option.
func acceptAndIgnoreEmailOption(r *settingsReq) *apiError {
	for _, o := range r.in.MFAOptions {
		if isStr(o.DeliveryMedium, "EMAIL") {
			return acceptUnchanged
		}
		if !isStr(o.DeliveryMedium, "SMS") || !isStr(o.AttributeName, "phone_number") {
			return errOnlyPhoneNumberOption()
		}
	}
	return nil
}

var (
	firstFactorInsteadOfSelect = choice{
		when: func(si *signIn) bool { return len(si.factors) > 1 },
		then: func(si *signIn) any { return si.start(si.factors[0]) },
	}
	automaticSMSListed = choice{when: canUseSMS, then: func(si *signIn) any {
		si.u.mfaEnabled[factorSMS] = true
		return si.start(factorSMS)
	}}
	tokensInsteadOfSetup = choice{when: always, then: (*signIn).tokens}
)
