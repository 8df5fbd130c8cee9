package target

// MotoImplements are the Cognito user-pool operations moto 5.2.1 has a handler for: the
// methods of moto/cognitoidp/responses.py's CognitoIdpResponse that moto's dispatcher
// (moto/core/responses.py call_action) finds for an X-Amz-Target. For any other operation
// moto raises NotImplementedError("The … action has not been implemented"); in server mode
// both that and a crash of a handler it has (a malformed member: AttributeError, TypeError)
// come back as the same Werkzeug "500 Internal Server Error" HTML page, so only this list
// tells them apart. Regenerate for another moto version with:
//
//	python3 -c 'import botocore.session as b; from moto.core.utils import camelcase_to_underscores as u, method_names_from_class as m; from moto.cognitoidp.responses import CognitoIdpResponse as R; n=set(m(R)); print(" ".join(o for o in b.get_session().get_service_model("cognito-idp").operation_names if u(o) in n))'
//
// An operation missing here is taken for unimplemented when moto answers it with that page,
// which is what the harness did for every operation before: a newer moto that gains a
// handler loses nothing but the crash detection for it.
var MotoImplements = setOf(
	"AddCustomAttributes", "AdminAddUserToGroup", "AdminConfirmSignUp", "AdminCreateUser", "AdminDeleteUser",
	"AdminDeleteUserAttributes", "AdminDisableUser", "AdminEnableUser", "AdminGetUser", "AdminInitiateAuth",
	"AdminListGroupsForUser", "AdminRemoveUserFromGroup", "AdminResetUserPassword", "AdminRespondToAuthChallenge",
	"AdminSetUserMFAPreference", "AdminSetUserPassword", "AdminUpdateUserAttributes", "AdminUserGlobalSignOut",
	"AssociateSoftwareToken", "ChangePassword", "ConfirmForgotPassword", "ConfirmSignUp", "CreateGroup",
	"CreateIdentityProvider", "CreateResourceServer", "CreateUserPool", "CreateUserPoolClient", "CreateUserPoolDomain",
	"DeleteGroup", "DeleteIdentityProvider", "DeleteUserPool", "DeleteUserPoolClient", "DeleteUserPoolDomain",
	"DescribeIdentityProvider", "DescribeResourceServer", "DescribeUserPool", "DescribeUserPoolClient",
	"DescribeUserPoolDomain", "ForgotPassword", "GetGroup", "GetUser", "GetUserPoolMfaConfig", "GlobalSignOut",
	"InitiateAuth", "ListGroups", "ListIdentityProviders", "ListResourceServers", "ListUserPoolClients",
	"ListUserPools", "ListUsers", "ListUsersInGroup", "RespondToAuthChallenge", "SetUserMFAPreference",
	"SetUserPoolMfaConfig", "SignUp", "UpdateGroup", "UpdateIdentityProvider", "UpdateUserAttributes",
	"UpdateUserPool", "UpdateUserPoolClient", "UpdateUserPoolDomain", "VerifySoftwareToken",
)

func setOf(names ...string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}
