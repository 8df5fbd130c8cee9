package reference

// The three operations under test: AdminSetUserMFAPreference,
// SetUserMFAPreference (catalogue 1.2, 1.3) and AdminSetUserSettings (1.4).

type mfaSettings struct {
	Enabled      *bool
	PreferredMfa *bool
}

type webAuthnSettings struct{ Enabled *bool }

type mfaPrefIn struct {
	UserPoolId               *string
	Username                 *string
	AccessToken              *string
	SMSMfaSettings           *mfaSettings
	SoftwareTokenMfaSettings *mfaSettings
	EmailMfaSettings         *mfaSettings
	WebAuthnMfaSettings      *webAuthnSettings

	factors []factorSetting // what the request says of each factor, in factorOrder (rule factor-settings)
}

// factorSetting is one factor's settings block of a preference request; set
// is nil when the request does not name the factor.
type factorSetting struct {
	factor string
	set    *mfaSettings
}

func (f factorSetting) enabled() bool   { return f.set != nil && isTrue(f.set.Enabled) }
func (f factorSetting) preferred() bool { return f.set != nil && isTrue(f.set.PreferredMfa) }
func (f factorSetting) disabled() bool  { return f.set != nil && !isTrue(f.set.Enabled) }

// enabling reports whether the request turns factor on.
func (in *mfaPrefIn) enabling(factor string) bool {
	for _, f := range in.factors {
		if f.factor == factor {
			return f.enabled()
		}
	}
	return false
}

func isTrue(b *bool) bool { return b != nil && *b }

type prefReq = req[mfaPrefIn]

var opAdminSetUserMFAPreference = operation[mfaPrefIn]{
	validate: byTable[mfaPrefIn],
	rules: preferenceRules(
		userExists(func(in *mfaPrefIn) (*string, *string) { return in.UserPoolId, in.Username }),
		adminTOTPNeedsAuthenticator),
	effect: applyPreference,
}

var opSetUserMFAPreference = operation[mfaPrefIn]{
	validate: byTable[mfaPrefIn],
	auth:     []rule[*call]{tokenOperationUnsigned},
	rules: preferenceRules(
		accessTokenAccepted(func(in *mfaPrefIn) *string { return in.AccessToken }),
		totpNeedsAuthenticator),
	effect: applyPreference,
}

// preferenceRules are the preconditions of both preference operations, in
// the order they are checked: who the user is, the user's status, then the
// business rules of the factor blocks (SMS, email, TOTP), then the pool.
func preferenceRules(findUser, totp rule[*prefReq]) []rule[*prefReq] {
	return []rule[*prefReq]{
		findUser,
		factorSettings,
		preferenceUserConfirmed, preferencePasswordNotReset,
		onePreferredFactor, preferredFactorEnabled,
		smsNeedsPhoneNumber, noEmailMFAOnLiteTier, emailNeedsAddress, totp,
		factorsStayOnInRequiredPool,
	}
}

// tokenOperationUnsigned states that SetUserMFAPreference is authorized by
// its access token alone: AWS's own clients send it unsigned (B11).
var tokenOperationUnsigned = newRule("set-user-mfa-preference-takes-no-signature", func(*call) *apiError { return nil })

var (
	// factorSettings reads the request's factor blocks.
	factorSettings = newRule("factor-settings", func(r *prefReq) *apiError {
		r.in.factors = []factorSetting{
			{factorSMS, r.in.SMSMfaSettings},
			{factorEmail, r.in.EmailMfaSettings},
			{factorTOTP, r.in.SoftwareTokenMfaSettings},
		}
		return nil
	})

	// B27: both statuses are modelled errors for the preference operations.
	preferenceUserConfirmed = newRule("preference-user-confirmed", func(r *prefReq) *apiError {
		if r.user.status == statusUnconfirmed {
			return errUserNotConfirmed()
		}
		return nil
	})
	preferencePasswordNotReset = newRule("preference-password-not-reset", func(r *prefReq) *apiError {
		if r.user.status == statusResetRequire {
			return errPasswordResetRequired()
		}
		return nil
	})

	// B3: only one factor may be preferred. The exact AWS text is unknown.
	onePreferredFactor = newRule("one-preferred-factor", func(r *prefReq) *apiError {
		n := 0
		for _, f := range r.in.factors {
			if f.preferred() {
				n++
			}
		}
		if n > 1 {
			return errInvalidParameter("Only one MFA method can be set as preferred.")
		}
		return nil
	})

	// B4: preferred but not enabled (a missing Enabled is false, per the
	// Smithy default and moto, B18).
	preferredFactorEnabled = newRule("preferred-factor-enabled", func(r *prefReq) *apiError {
		for _, f := range r.in.factors {
			if f.preferred() && !f.enabled() {
				return errInvalidParameter("A preferred MFA method must also be enabled.")
			}
		}
		return nil
	})

	// B12; M5 wording (the current form, by analogy with M1).
	smsNeedsPhoneNumber = newRule("sms-needs-phone-number", func(r *prefReq) *apiError {
		if r.in.enabling(factorSMS) && !r.user.hasAttr("phone_number") {
			return errInvalidParameter("User does not have delivery config set to turn on SMS_MFA")
		}
		return nil
	})

	// B9: email MFA needs the Essentials tier or higher; the Lite error is
	// not known, so InvalidParameterException is INFERRED.
	noEmailMFAOnLiteTier = newRule("no-email-mfa-on-lite-tier", func(r *prefReq) *apiError {
		if r.in.enabling(factorEmail) && r.pool.tier == "LITE" {
			return errInvalidParameter("Email MFA is not available for user pools on the LITE feature plan.")
		}
		return nil
	})
	emailNeedsAddress = newRule("email-needs-address", func(r *prefReq) *apiError {
		if r.in.enabling(factorEmail) && !r.user.hasAttr("email") {
			return errInvalidParameter("User does not have delivery config set to turn on EMAIL_OTP")
		}
		return nil
	})

	// B7: TOTP needs a verified authenticator (M1).
	totpNeedsAuthenticator = newRule("totp-needs-authenticator", checkTOTPAuthenticator)

	// B7, the headline conflict. The admin page (seed 000) says an admin can
	// set TOTP preferred before registration; real AWS rejects it with M1.
	// The documented profile records it as enabled, and sign-in then asks for
	// TOTP (M18 on answer).
	adminTOTPNeedsAuthenticator = newRule("admin-totp-needs-authenticator", func(r *prefReq) *apiError {
		if r.s.profile == ProfileDocumented {
			return nil
		}
		return checkTOTPAuthenticator(r)
	})

	// B20: the docs forbid turning factors off in a pool that requires MFA;
	// the real service accepts the call (aws-sdk-js-v3#7961).
	factorsStayOnInRequiredPool = newRule("factors-stay-on-in-required-pool", func(r *prefReq) *apiError {
		if r.s.profile != ProfileDocumented {
			return nil
		}
		return checkFactorsStayOn(r)
	})
)

func checkTOTPAuthenticator(r *prefReq) *apiError {
	if r.in.enabling(factorTOTP) && r.user.totpSecret == "" {
		return errInvalidParameter("User does not have delivery config set to turn on SOFTWARE_TOKEN_MFA") // M1
	}
	return nil
}

// checkFactorsStayOn is the documented side of B20.
func checkFactorsStayOn(r *prefReq) *apiError {
	if r.pool.mfaConfig != mfaOn {
		return nil
	}
	u := r.user
	for _, f := range r.in.factors {
		if f.disabled() && (u.mfaEnabled[f.factor] || (f.factor == factorSMS && u.legacySMS)) {
			return errInvalidParameter("You can't turn off MFA methods when MFA is required in the user pool.")
		}
	}
	return nil
}

// applyPreference is the effect of both preference operations: only the
// factors named in the request change (B19); a request naming none changes
// nothing (B18).
func applyPreference(r *prefReq) any {
	s, u, in := r.s, r.user, &r.in
	named := false
	for _, f := range in.factors {
		named = named || f.set != nil
	}
	changed := false
	if !named && in.WebAuthnMfaSettings == nil {
		changed = emptyRequestChangesNothing.use(s)(u)
	}
	for _, f := range in.factors {
		switch {
		case f.set == nil && named:
			unnamedFactorKeepsState.use(s)(u, f.factor)
		case f.set == nil:
		case f.enabled():
			enableFactor(u, f.factor, f.preferred())
			changed = true
		default:
			disableFactor.use(s)(u, f.factor, f.preferred())
			changed = true
		}
	}
	if in.WebAuthnMfaSettings != nil {
		// B10: stored only; passkey sign-in is not modelled.
		u.webAuthn = isTrue(in.WebAuthnMfaSettings.Enabled)
		changed = true
	}
	if changed {
		u.modified = s.now()
	}
	return nil
}

func enableFactor(u *user, factor string, preferred bool) {
	u.mfaEnabled[factor] = true
	if preferred {
		u.preferred = factor
	} else if u.preferred == factor {
		u.preferred = ""
	}
}

var (
	// disableFactor turns a factor off: it stops being preferred (B17) and a
	// verified TOTP secret is kept (B8).
	disableFactor = newPart("disable-factor", func(u *user, factor string, preferred bool) {
		delete(u.mfaEnabled, factor)
		if preferred {
			u.preferred = factor // reachable only when rule preferred-factor-enabled is off
		} else if u.preferred == factor {
			u.preferred = ""
		}
	})

	// B19: a factor the request does not name keeps its state.
	unnamedFactorKeepsState = newPart("unnamed-factor-keeps-state", func(*user, string) {})

	// B18: a request with no settings members changes nothing; the result
	// says whether the user changed.
	emptyRequestChangesNothing = newPart("empty-request-changes-nothing", func(*user) bool { return false })
)

type mfaOptionIn struct {
	DeliveryMedium *string
	AttributeName  *string
}

type adminSetUserSettingsIn struct {
	UserPoolId *string
	Username   *string
	MFAOptions []mfaOptionIn
}

type settingsReq = req[adminSetUserSettingsIn]

// opAdminSetUserSettings is the legacy SMS-only switch (B13-B15). Unlike the
// preference operations it has no UserNotConfirmed/PasswordResetRequired
// errors in the model (B27), so user status is not checked.
var opAdminSetUserSettings = operation[adminSetUserSettingsIn]{
	validate: byTable[adminSetUserSettingsIn], // MFAOptions is required (B14)
	rules: []rule[*settingsReq]{
		userExists(func(in *adminSetUserSettingsIn) (*string, *string) { return in.UserPoolId, in.Username }),
		mfaOptionsMayBeEmpty, mfaOptionsSMSToPhoneNumber, legacySMSNeedsPhoneNumber,
	},
	effect: func(r *settingsReq) any {
		r.user.legacySMS = len(r.in.MFAOptions) > 0 // B14: an empty list turns legacy SMS off
		r.user.modified = r.s.now()
		return nil
	},
}

var (
	// B14: MFAOptions: [] is accepted; it turns legacy SMS MFA off.
	mfaOptionsMayBeEmpty = newRule("mfa-options-may-be-empty", func(*settingsReq) *apiError { return nil })

	// B13/M6: only SMS to phone_number is supported, EMAIL included.
	mfaOptionsSMSToPhoneNumber = newRule("mfa-options-sms-to-phone-number", func(r *settingsReq) *apiError {
		for _, o := range r.in.MFAOptions {
			if !isStr(o.DeliveryMedium, "SMS") || !isStr(o.AttributeName, "phone_number") {
				return errOnlyPhoneNumberOption()
			}
		}
		return nil
	})

	legacySMSNeedsPhoneNumber = newRule("legacy-sms-needs-phone-number", func(r *settingsReq) *apiError {
		if len(r.in.MFAOptions) > 0 && !r.user.hasAttr("phone_number") {
			return errInvalidParameter("User does not have delivery config set to turn on SMS_MFA")
		}
		return nil
	})
)

func errOnlyPhoneNumberOption() *apiError {
	return errInvalidParameter("Only phone_number attribute is currently supported as a MFA option.")
}

func isStr(p *string, want string) bool { return p != nil && *p == want }
