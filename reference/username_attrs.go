package reference

// Pools whose users sign in with an e-mail address or phone number (UsernameAttributes), and
// the CodeDeliveryDetails of a SignUp in a pool that verifies them automatically (issue 17).
//
// With UsernameAttributes, AWS makes the user's username the sub: the e-mail or phone number
// the user signed up with becomes an attribute and a name to sign in with, while AdminGetUser,
// the tokens' "username" claim and USER_ID_FOR_SRP carry the sub (AWS-verified in moto's tests).

import (
	"strings"
	"time"
)

// usernameAttribute reports whether a name given as Username is one of the pool's
// username attributes, and which.
func (p *pool) usernameAttribute(name string) (string, bool) {
	for _, a := range p.usernameAttrs {
		switch {
		case a == "email" && strings.Contains(name, "@"):
			return "email", true
		case a == "phone_number" && strings.HasPrefix(name, "+"):
			return "phone_number", true
		}
	}
	return "", false
}

// usernameIsUsernameAttribute: in a pool with username attributes, the name a new user is
// created under must be one of them (an e-mail address or a phone number).
func usernameIsUsernameAttribute[In any](name func(*In) *string) rule[*req[In]] {
	return newRule("username-is-username-attribute", func(r *req[In]) *apiError {
		p := r.pool
		if p == nil {
			p = r.client.pool
		}
		if len(p.usernameAttrs) == 0 {
			return nil
		}
		if _, ok := p.usernameAttribute(*name(&r.in)); ok {
			return nil
		}
		if contains(p.usernameAttrs, "email") {
			return errInvalidParameter("Username should be an email.")
		}
		return errInvalidParameter("Username should be a phone number.")
	})
}

// newPoolUser creates the user a SignUp or AdminCreateUser names: in a pool with username
// attributes (rule username-is-username-attribute), the name becomes the attribute and the
// username is the sub.
func (p *pool) newPoolUser(name string, now time.Time) *user {
	u := newUser(name, now)
	if attr, ok := p.usernameAttribute(name); ok {
		u.username = u.sub
		u.setAttr(attr, name)
	}
	return u
}

// findByUsernameAttribute resolves a sign-in name that is one of the pool's username attributes.
func (p *pool) findByUsernameAttribute(name string) *user {
	attr, ok := p.usernameAttribute(name)
	if !ok {
		return nil
	}
	for _, u := range p.users {
		if v, _ := u.attr(attr); v == name {
			return u
		}
	}
	return nil
}

// signUpDelivery is SignUp's CodeDeliveryDetails: where the confirmation code went when the pool
// verifies the user's e-mail (or else phone number) automatically; nil when nothing is sent.
func signUpDelivery(p *pool, u *user) map[string]string {
	if email, ok := u.attr("email"); ok && contains(p.autoVerify, "email") {
		return map[string]string{"Destination": maskEmail(email), "DeliveryMedium": "EMAIL", "AttributeName": "email"}
	}
	if phone, ok := u.attr("phone_number"); ok && contains(p.autoVerify, "phone_number") {
		return map[string]string{"Destination": maskPhone(phone), "DeliveryMedium": "SMS", "AttributeName": "phone_number"}
	}
	return nil
}
