// Signs a user in with amazon-cognito-identity-js for the conformance harness (steps/jsclient.go),
// the way a browser app does: USER_SRP_AUTH with the library's own SRP, then the MFA challenge.
// Prints one JSON document on stdout and never a token:
//   {"signedIn": true|false, "challenges": [...], "error": {"code", "message"}}
// Inputs come from the environment: COGCONF_JS_CLIENT_MODULE (the installed package folder),
// COGCONF_ENDPOINT, COGCONF_USER_POOL_ID, COGCONF_CLIENT_ID, COGCONF_USERNAME, COGCONF_PASSWORD
// and COGCONF_TOTP_CODE (the code to answer SOFTWARE_TOKEN_MFA with).
'use strict';
const env = process.env;
const { CognitoUserPool, CognitoUser, AuthenticationDetails } = require(env.COGCONF_JS_CLIENT_MODULE);

const challenges = [];
let done = false;
function finish(out) {
	if (done) return;
	done = true;
	out.challenges = challenges;
	process.stdout.write(JSON.stringify(out) + '\n');
}
function refuse(name) {
	challenges.push(name);
	finish({ signedIn: false, error: { code: 'UnexpectedChallenge', message: 'the scenario does not answer ' + name } });
}

const pool = new CognitoUserPool({
	UserPoolId: env.COGCONF_USER_POOL_ID, ClientId: env.COGCONF_CLIENT_ID, endpoint: env.COGCONF_ENDPOINT,
});
const user = new CognitoUser({ Username: env.COGCONF_USERNAME, Pool: pool });
user.setAuthenticationFlowType('USER_SRP_AUTH');
const callbacks = {
	onSuccess(session) {
		finish({ signedIn: Boolean(session && session.getAccessToken().getJwtToken()) });
	},
	onFailure(err) {
		finish({ signedIn: false, error: { code: String(err.code || err.name), message: String(err.message) } });
	},
	totpRequired(name) {
		challenges.push(name);
		user.sendMFACode(env.COGCONF_TOTP_CODE, callbacks, 'SOFTWARE_TOKEN_MFA');
	},
	mfaRequired(name) { refuse(name || 'SMS_MFA'); },
	selectMFAType() { refuse('SELECT_MFA_TYPE'); },
	mfaSetup() { refuse('MFA_SETUP'); },
	newPasswordRequired() { refuse('NEW_PASSWORD_REQUIRED'); },
	customChallenge() { refuse('CUSTOM_CHALLENGE'); },
};
user.authenticateUser(new AuthenticationDetails({ Username: env.COGCONF_USERNAME, Password: env.COGCONF_PASSWORD }), callbacks);
