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
}

func isTrue(b *bool) bool { return b != nil && *b }

func opAdminSetUserMFAPreference(c *call) (any, *apiError) {
	var in mfaPrefIn
	if e := prepare(c, &in, func(in *mfaPrefIn, v *validator) {
		v.str(ruleUserPoolID, in.UserPoolId)
		v.str(ruleUsername, in.Username)
	}); e != nil {
		return nil, e
	}
	p, u, e := c.s.lookupUser(*in.UserPoolId, *in.Username)
	if e != nil {
		return nil, e
	}
	return c.s.setMFAPreference(p, u, &in, true)
}

func opSetUserMFAPreference(c *call) (any, *apiError) {
	var in mfaPrefIn
	if e := prepare(c, &in, func(in *mfaPrefIn, v *validator) {
		v.str(ruleAccessToken, in.AccessToken)
	}); e != nil {
		return nil, e
	}
	p, u, e := c.s.userFromAccessToken(*in.AccessToken)
	if e != nil {
		if e.Code == "NotAuthorizedException" && c.s.mutated("report-not-authorized-as-invalid-parameter") {
			e.Code = "InvalidParameterException"
		}
		return nil, e
	}
	return c.s.setMFAPreference(p, u, &in, false)
}

// setMFAPreference runs the shared part of both preference operations, after
// validation, authentication and lookups: status checks, business rules, then
// the per-factor update.
func (s *Server) setMFAPreference(p *pool, u *user, in *mfaPrefIn, admin bool) (any, *apiError) {
	// B27: both statuses are modelled errors for the preference operations.
	status := u.status
	if s.mutated("skip-user-status-checks") {
		status = statusConfirmed
	}
	switch status {
	case statusUnconfirmed:
		return nil, errUserNotConfirmed()
	case statusResetRequire:
		return nil, errPasswordResetRequired()
	}

	type block struct {
		factor string
		set    *mfaSettings
	}
	blocks := []block{
		{factorSMS, in.SMSMfaSettings},
		{factorEmail, in.EmailMfaSettings},
		{factorTOTP, in.SoftwareTokenMfaSettings},
	}
	if s.mutated("ignore-email-mfa-settings") {
		blocks[1].set = nil
	}
	if s.mutated("ignore-empty-settings-block") {
		for i, b := range blocks {
			if b.set != nil && b.set.Enabled == nil && b.set.PreferredMfa == nil {
				blocks[i].set = nil // moto's reading of the aws-sdk-go-v2 form {}
			}
		}
	}

	// B3: only one factor may be preferred. The exact AWS text is unknown.
	preferredCount := 0
	for _, b := range blocks {
		if b.set != nil && isTrue(b.set.PreferredMfa) {
			preferredCount++
		}
	}
	if preferredCount > 1 && !s.mutated("accept-two-preferred-factors") {
		return nil, errInvalidParameter("Only one MFA method can be set as preferred.")
	}
	// B4: preferred but not enabled (a missing Enabled is false, per the
	// Smithy default and moto, B18).
	for _, b := range blocks {
		if b.set != nil && isTrue(b.set.PreferredMfa) && !isTrue(b.set.Enabled) && !s.mutated("accept-preferred-factor-not-enabled") {
			return nil, errInvalidParameter("A preferred MFA method must also be enabled.")
		}
	}

	for _, b := range blocks {
		if b.set == nil || !isTrue(b.set.Enabled) {
			continue
		}
		switch b.factor {
		case factorSMS:
			// B12; M5 wording (the current form, by analogy with M1).
			if !u.hasAttr("phone_number") && !s.mutated("accept-sms-without-phone-number") {
				return nil, errInvalidParameter("User does not have delivery config set to turn on SMS_MFA")
			}
		case factorEmail:
			// B9: email MFA needs the Essentials tier or higher; the Lite
			// error is not known, so InvalidParameterException is INFERRED.
			if p.tier == "LITE" && !s.mutated("accept-email-mfa-on-lite-tier") {
				return nil, errInvalidParameter("Email MFA is not available for user pools on the LITE feature plan.")
			}
			if !u.hasAttr("email") {
				return nil, errInvalidParameter("User does not have delivery config set to turn on EMAIL_OTP")
			}
		case factorTOTP:
			if u.totpSecret != "" || s.mutated("accept-totp-without-authenticator") {
				continue
			}
			// B7, the headline conflict. The admin page (seed 000) says an
			// admin can set TOTP preferred before registration; real AWS
			// rejects it with M1. The non-admin operation rejects in both.
			if admin && s.profile == ProfileDocumented && !s.mutated("reject-admin-totp-before-registration") {
				continue // recorded as enabled below; sign-in then asks for TOTP (M18 on answer)
			}
			return nil, errInvalidParameter("User does not have delivery config set to turn on SOFTWARE_TOKEN_MFA") // M1
		}
	}

	// B20: the docs forbid turning factors off in a pool that requires MFA;
	// the real service accepts the call (aws-sdk-js-v3#7961).
	strict := s.profile == ProfileDocumented || s.mutated("reject-factor-off-in-required-pool")
	if p.mfaConfig == mfaOn && strict && !s.mutated("accept-factor-off-in-required-pool") {
		for _, b := range blocks {
			if b.set == nil || isTrue(b.set.Enabled) {
				continue
			}
			if u.mfaEnabled[b.factor] || (b.factor == factorSMS && u.legacySMS) {
				return nil, errInvalidParameter("You can't turn off MFA methods when MFA is required in the user pool.")
			}
		}
	}

	// B19: only the factors named in the request change. B18: no blocks at
	// all is a no-op. B8: disabling TOTP keeps the verified secret.
	changed := false
	named := in.SMSMfaSettings != nil || in.EmailMfaSettings != nil || in.SoftwareTokenMfaSettings != nil
	if !named && in.WebAuthnMfaSettings == nil && s.mutated("empty-request-disables-all-factors") {
		u.mfaEnabled, u.preferred, changed = map[string]bool{}, "", true
	}
	for _, b := range blocks {
		if b.set == nil {
			if named && s.mutated("unnamed-factors-are-disabled") {
				delete(u.mfaEnabled, b.factor)
				if u.preferred == b.factor {
					u.preferred = ""
				}
			}
			continue
		}
		changed = true
		if isTrue(b.set.Enabled) {
			u.mfaEnabled[b.factor] = true
		} else {
			delete(u.mfaEnabled, b.factor)
			if b.factor == factorTOTP && s.mutated("reset-totp-when-disabled") {
				u.totpSecret = ""
			}
		}
		if isTrue(b.set.PreferredMfa) {
			u.preferred = b.factor
		} else if u.preferred == b.factor && (isTrue(b.set.Enabled) || !s.mutated("keep-preference-when-factor-disabled")) {
			u.preferred = ""
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
	if s.mutated("answer-null-instead-of-empty-object") {
		return nullAnswer, nil
	}
	return nil, nil
}

type mfaOptionIn struct {
	DeliveryMedium *string
	AttributeName  *string
}

type adminSetUserSettingsIn struct {
	UserPoolId *string
	Username   *string
	MFAOptions []mfaOptionIn
}

// opAdminSetUserSettings is the legacy SMS-only switch (B13-B15). Unlike the
// preference operations it has no UserNotConfirmed/PasswordResetRequired
// errors in the model (B27), so user status is not checked.
func opAdminSetUserSettings(c *call) (any, *apiError) {
	var in adminSetUserSettingsIn
	if e := prepare(c, &in, func(in *adminSetUserSettingsIn, v *validator) {
		v.str(ruleUserPoolID, in.UserPoolId)
		v.str(ruleUsername, in.Username)
		v.required("mFAOptions", in.MFAOptions != nil) // B14: required member
		for i, o := range in.MFAOptions {
			n := "mFAOptions." + itoa(i+1) + ".member."
			v.str(strRule{member: n + "deliveryMedium", enum: []string{"SMS", "EMAIL"}}, o.DeliveryMedium)
			v.str(strRule{member: n + "attributeName", min: 1, max: 32, pat: &patAttributeName}, o.AttributeName)
		}
	}); e != nil {
		return nil, e
	}
	_, u, e := c.s.lookupUser(*in.UserPoolId, *in.Username)
	if e != nil {
		return nil, e
	}
	if len(in.MFAOptions) == 0 && c.s.mutated("reject-empty-mfa-options") {
		return nil, errInvalidParameter("MFAOptions must not be empty.")
	}
	for _, o := range in.MFAOptions {
		if isStr(o.DeliveryMedium, "EMAIL") && c.s.mutated("accept-email-in-admin-set-user-settings") {
			return nil, nil // accepted and ignored
		}
		// B13/M6: only SMS to phone_number is supported, EMAIL included.
		if !isStr(o.DeliveryMedium, "SMS") || !isStr(o.AttributeName, "phone_number") {
			return nil, errInvalidParameter("Only phone_number attribute is currently supported as a MFA option.")
		}
	}
	on := len(in.MFAOptions) > 0 // B14: an empty list turns legacy SMS off
	if on && !u.hasAttr("phone_number") {
		return nil, errInvalidParameter("User does not have delivery config set to turn on SMS_MFA")
	}
	u.legacySMS = on
	u.modified = c.s.now()
	if c.s.mutated("answer-null-instead-of-empty-object") {
		return nullAnswer, nil
	}
	return nil, nil
}

func isStr(p *string, want string) bool { return p != nil && *p == want }
