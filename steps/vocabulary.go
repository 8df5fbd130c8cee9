package steps

// The vocabulary: every phrase a feature may use, registered once, from this table only.
//
// HOW TO ADD A STEP
//  1. Write the handler as a method on *World in the file of its concern (given.go: set-up,
//     when.go: actions, then.go: assertions, cli.go/boto3.go: client programs, mfa.go: …). Its
//     parameters are, in order: an optional context.Context, one per capture group of the
//     pattern (string, int…), then *godog.DocString or *godog.Table when the step has one. It
//     returns error, or (context.Context, error).
//  2. Add one row below: the anchored pattern, the method expression ((*World).yourMethod), its
//     kind, a one-line doc and an example line as a feature writes it (keyword included). An
//     Assertion is also accepted with " (fidelity)" appended, judged at fidelity severity;
//     a FidelityAssertion only with it. Write the pattern without that suffix.
//  3. Regenerate the reference: go run ./cmd/cognito-conformance steps > docs/steps.md
//     (TestDocsAreCurrent fails until you do; TestVocabulary checks the row itself).

// Kind is what a step does in the outcome model: a set-up step's failure is inconclusive, an
// action is the behaviour under test, an assertion judges the answer at contract severity
// (a difference fails the scenario), a fidelity assertion at fidelity severity (a warning
// unless --strict), a precondition makes the scenario not-applicable when the answer is not
// the kind its assertions judge.
type Kind int

const (
	SetUp Kind = iota
	Action
	Assertion
	FidelityAssertion
	// Precondition checks that the answer under test is one the scenario's remaining
	// assertions are about (a rejection, say); when it is not, the scenario does not apply
	// (not-applicable, with the reason), because another scenario owns that point. It never
	// fails a scenario itself, so it must not be the only check of anything.
	Precondition
)

func (k Kind) String() string {
	return [...]string{"set-up", "action", "assertion", "fidelity assertion", "precondition"}[k]
}

// Keyword is the Gherkin keyword a feature normally writes the step with.
func (k Kind) Keyword() string {
	return [...]string{"Given", "When", "Then", "Then", "Then"}[k]
}

// Step is one row of the vocabulary.
type Step struct {
	Pattern string // anchored regular expression, without the " (fidelity)" suffix
	Handler any    // method expression on *World
	Kind    Kind
	Doc     string // one line: what the step does, for whom writes features
	Example string // a line as a feature writes it, keyword included
}

var vocabulary = []Step{
	// ---- Set-up: the scenario's fixtures. A failure here is inconclusive, never red.
	{`^a user pool( of its own)? with MFA (OFF|OPTIONAL|ON)(?: and (.+?) available)?(?: on the (LITE|ESSENTIALS|PLUS) tier)?$`, (*World).aUserPool, SetUp,
		"A user pool with the pool-level MFA setting, the factors it offers (TOTP, SMS, email) and its feature plan; shared by every scenario with the same configuration, unless it is \"of its own\" (for a scenario that changes the pool).",
		"Given a user pool with MFA OPTIONAL and TOTP and SMS available"},
	{`^the administrator turns TOTP off for the pool$`, (*World).theAdministratorTurnsTOTPOff, SetUp,
		"SetUserPoolMfaConfig turns software-token MFA off, keeping the pool's MFA setting and its other factors; the pool must be of its own.",
		"And the administrator turns TOTP off for the pool"},
	{`^a confirmed user$`, (*World).aPlainConfirmedUser, SetUp,
		"A new confirmed user of the pool with a permanent password; deleted when the scenario ends.",
		"And a confirmed user"},
	{`^a confirmed user with (a phone number|an email address|a phone number and an email address)$`, (*World).aConfirmedUser, SetUp,
		"A confirmed user with a (verified) phone number and/or email address, as SMS and email MFA need.",
		"And a confirmed user with a phone number"},
	{`^an unconfirmed user$`, (*World).anUnconfirmedUser, SetUp,
		"A user created by the administrator who has not yet set a permanent password (FORCE_CHANGE_PASSWORD).",
		"And an unconfirmed user"},
	{`^the user has signed in$`, (*World).theUserHasSignedIn, SetUp,
		"Signs the user in with their password; ${AccessToken} is then their access token.",
		"And the user has signed in"},
	{`^the user has registered a TOTP authenticator$`, (*World).theUserHasRegisteredTOTP, SetUp,
		"Associates and verifies a TOTP authenticator for the user (signing them in first if needed).",
		"And the user has registered a TOTP authenticator"},
	{`^the user has associated a TOTP authenticator without verifying it$`, (*World).theUserHasAssociatedTOTP, SetUp,
		"Calls AssociateSoftwareToken for the user but never verifies the code.",
		"And the user has associated a TOTP authenticator without verifying it"},
	{`^the administrator has set the user's MFA preference:$`, (*World).theAdministratorHasSetPreference, SetUp,
		"Sends the docstring as a signed AdminSetUserMFAPreference set-up call, which must succeed.",
		"And the administrator has set the user's MFA preference:"},
	{`^the administrator has set the user's legacy MFA options:$`, (*World).theAdministratorHasSetLegacyOptions, SetUp,
		"Sends the docstring as a signed AdminSetUserSettings set-up call, which must succeed.",
		"And the administrator has set the user's legacy MFA options:"},
	{`^the administrator has reset the user's password$`, (*World).theAdministratorHasResetThePassword, SetUp,
		"AdminResetUserPassword: the user must reset their password (PasswordResetRequired).",
		"And the administrator has reset the user's password"},
	{`^the user has signed out of all devices$`, (*World).theUserHasSignedOut, SetUp,
		"GlobalSignOut with the user's access token, which is then revoked.",
		"And the user has signed out of all devices"},
	{`^the user has been deleted$`, (*World).theUserHasBeenDeleted, SetUp,
		"Deletes the user; placeholders still name them.",
		"And the user has been deleted"},
	{`^the sample's values stand for this scenario's fixtures:$`, (*World).sampleValuesStandFor, SetUp,
		"Lets a documented sample stay verbatim: each row maps a literal value of the sample to a placeholder name (| us-west-2_EXAMPLE | UserPoolId |).",
		"And the sample's values stand for this scenario's fixtures:"},
	{`^the AWS CLI is installed$`, (*World).theAWSCLIIsInstalled, SetUp,
		"The scenario is not applicable, with the reason, when the AWS CLI cannot run here or the target is not on loopback.",
		"Given the AWS CLI is installed"},
	{`^boto3 is installed$`, (*World).boto3IsInstalled, SetUp,
		"The scenario is not applicable, with the reason, when boto3 cannot run here or the target is not on loopback.",
		"Given boto3 is installed"},
	{`^the JavaScript client amazon-cognito-identity-js is installed$`, (*World).theJSClientIsInstalled, SetUp,
		"The scenario is not applicable, with the reason, when Node.js or the pinned amazon-cognito-identity-js (scripts/install-js-client.sh) is missing, or the target is not on loopback.",
		"Given the JavaScript client amazon-cognito-identity-js is installed"},

	{`^a confirmed user with a verified email address$`, (*World).aConfirmedUserWithVerifiedEmail, SetUp,
		"A confirmed user whose e-mail address is verified: AWS's precondition for AdminResetUserPassword (B27's RESET_REQUIRED fixture).",
		"And a confirmed user with a verified email address"},
	{`^a confirmed user with a verified phone number and a verified email address$`, (*World).aUserWithVerifiedContacts, SetUp,
		"A confirmed user whose phone number and e-mail are both verified, so ForgotPassword may deliver to either (B24).",
		"And a confirmed user with a verified phone number and a verified email address"},

	// ---- Actions: the behaviour under test; its answer becomes "the response".
	{`^the client sends an? (signed|unsigned) (\w+) request:$`, (*World).theClientSends, Action,
		"Sends the docstring (placeholders such as ${UserPoolId} filled in) as the body of the operation, SigV4-signed with the run's credentials or unsigned.",
		"When the client sends a signed AdminSetUserMFAPreference request:"},
	{`^the client sends an? (\w+) request signed with unknown credentials:$`, (*World).theClientSendsWithUnknownCredentials, Action,
		"Sends the docstring signed with well-formed credentials that belong to no account.",
		"When the client sends an AdminSetUserMFAPreference request signed with unknown credentials:"},
	{`^the administrator reads the user back$`, (*World).theAdministratorReadsTheUserBack, Action,
		"AdminGetUser for the scenario's user.",
		"When the administrator reads the user back"},
	{`^the user reads their own profile back$`, (*World).theUserReadsTheirProfileBack, Action,
		"GetUser with the user's access token (signing them in first if needed).",
		"When the user reads their own profile back"},
	{`^the user signs in with their password$`, (*World).theUserSignsIn, Action,
		"InitiateAuth USER_PASSWORD_AUTH; a challenge's Session is kept for the answer.",
		"When the user signs in with their password"},
	{`^the user signs in with (USER_SRP_AUTH|USER_PASSWORD_AUTH|ADMIN_USER_PASSWORD_AUTH)$`, (*World).theUserSignsInWith, Action,
		"Signs in through the auth flow: USER_SRP_AUTH answers PASSWORD_VERIFIER with an SRP proof (package srp) first; ADMIN_USER_PASSWORD_AUTH is AdminInitiateAuth, its challenges answered with AdminRespondToAuthChallenge. The response is the sign-in's outcome: tokens or the MFA challenge.",
		"When the user signs in with USER_SRP_AUTH"},
	{`^the user signs in with USER_SRP_AUTH proving a wrong password$`, (*World).theUserSignsInWithSRPAndAWrongPassword, Action,
		"USER_SRP_AUTH whose PASSWORD_VERIFIER answer is a proof made from another password (B33).",
		"When the user signs in with USER_SRP_AUTH proving a wrong password"},
	{`^the user answers the challenge with a fresh TOTP code$`, (*World).theUserAnswersWithTOTP, Action,
		"RespondToAuthChallenge SOFTWARE_TOKEN_MFA with a TOTP code not used before.",
		"When the user answers the challenge with a fresh TOTP code"},
	{`^the user answers the challenge with the TOTP code they used before$`, (*World).theUserReusesTheTOTPCode, Action,
		"RespondToAuthChallenge SOFTWARE_TOKEN_MFA with the code of the last TOTP answer (code reuse).",
		"When the user answers the challenge with the TOTP code they used before"},
	{`^the user chooses (SMS_MFA|SOFTWARE_TOKEN_MFA|EMAIL_OTP)$`, (*World).theUserChooses, Action,
		"Answers a SELECT_MFA_TYPE challenge with the factor.",
		"When the user chooses SOFTWARE_TOKEN_MFA"},
	{`^the user completes MFA setup with a new TOTP authenticator$`, (*World).theUserCompletesMFASetup, Action,
		"Answers an MFA_SETUP challenge: AssociateSoftwareToken, VerifySoftwareToken, RespondToAuthChallenge with the session.",
		"When the user completes MFA setup with a new TOTP authenticator"},
	{`^the client runs the AWS CLI command:$`, (*World).theClientRunsTheAWSCLI, Action,
		"Runs the docstring's `aws …` command line against the target (placeholders and sample values filled in; the harness adds --endpoint-url and --region); the HTTP exchange it makes becomes the response.",
		"When the client runs the AWS CLI command:"},
	{`^the client calls boto3 (\w+) with:$`, (*World).theClientCallsBoto3, Action,
		"Calls the boto3 cognito-idp client method with the docstring's JSON object as keyword arguments; the HTTP exchange it makes becomes the response.",
		"When the client calls boto3 admin_set_user_mfa_preference with:"},
	{`^the client signs in with amazon-cognito-identity-js using USER_SRP_AUTH$`, (*World).theClientSignsInWithJS, Action,
		"Runs amazon-cognito-identity-js in Node.js: authenticateUser with its own USER_SRP_AUTH, answering SOFTWARE_TOKEN_MFA with a fresh code; the last HTTP exchange it makes becomes the response.",
		"When the client signs in with amazon-cognito-identity-js using USER_SRP_AUTH"},

	{`^the user fails the TOTP challenge (\d+) times in a row$`, (*World).theUserFailsTOTP, Action,
		"Signs in N times and answers each SOFTWARE_TOKEN_MFA challenge with a wrong code (B30's lockout). When the target accepts a wrong code the scenario does not apply: the wrong-code scenario owns that.",
		"When the user fails the TOTP challenge 5 times in a row"},
	{`^the user answers the challenge with a wrong (TOTP|SMS) code$`, (*World).theUserAnswersWithAWrongCode, Action,
		"Answers the pending MFA challenge with a code that is valid in no nearby time window (TOTP) or a fixed wrong one (SMS).",
		"When the user answers the challenge with a wrong TOTP code"},
	{`^the user verifies a new TOTP authenticator with a wrong code$`, (*World).theUserVerifiesWithAWrongCode, Action,
		"AssociateSoftwareToken, then VerifySoftwareToken with a wrong code.",
		"When the user verifies a new TOTP authenticator with a wrong code"},
	{`^the client sends an? (\w+) request signed for another region than the endpoint's:$`, (*World).theClientSendsSignedForAnotherRegion, Action,
		"Sends the docstring as the operation's body, SigV4-signed for a region other than the endpoint's.",
		"When the client sends an AdminGetUser request signed for another region than the endpoint's:"},
	{`^the user asks for a password-reset code$`, (*World).theUserForgotThePassword, Action,
		"ForgotPassword for the scenario's user; its CodeDeliveryDetails become the response (B24).",
		"When the user asks for a password-reset code"},
	{`^the user signs in and answers the challenge with a fresh TOTP code$`, (*World).theUserSignsInWithTOTP, Action,
		"Signs in and answers the SOFTWARE_TOKEN_MFA challenge with a code not used before.",
		"And the user signs in and answers the challenge with a fresh TOTP code"},

	// ---- Assertions about "the response" (the last exchange of the behaviour under test).
	{`^the response status is (\d+)$`, (*World).theResponseStatusIs, Assertion,
		"The HTTP status of the response.",
		"Then the response status is 200"},
	{`^the response body is exactly "(.*)"$`, (*World).theResponseBodyIsExactly, FidelityAssertion,
		"The response body, byte for byte (surrounding white space aside).",
		`And the response body is exactly "{}" (fidelity)`},
	{`^the error code is "(\w+)"$`, (*World).theErrorCodeIs, Assertion,
		"The normalised error code, as SDKs read it (__type or x-amzn-ErrorType, namespace and suffix removed).",
		`And the error code is "UserNotFoundException"`},
	{`^the error message is "(.*)"$`, (*World).theErrorMessageIs, Assertion,
		"The error message, exactly (message or Message).",
		`And the error message is "User does not exist."`},
	{`^the error carries a message$`, (*World).theErrorCarriesAMessage, Assertion,
		"The error has a non-empty message.",
		"And the error carries a message"},
	{`^the error message names "([^"]*)"$`, (*World).theErrorMessageNames, Assertion,
		"The error message names each member of a comma-separated list the way AWS quotes it ('userPoolId'); for the generated constraint features.",
		`And the error message names "userPoolId, username"`},
	{`^the validation message is "(.*)"$`, (*World).theValidationMessageIs, Assertion,
		"The message is the AWS validation message given: the same count and the same violations, in any order (AWS's order across members is unknown).",
		`And the validation message is "1 validation error detected: Value null at 'username' failed to satisfy constraint: Member must not be null" (fidelity)`},
	{`^the request passes validation$`, (*World).theRequestPassesValidation, Assertion,
		"The answer is no validation error (no SerializationException, no \"N validation error(s) detected\"): a value within its bounds got past the constraints.",
		"Then the request passes validation"},
	{`^the request is rejected with a client error$`, (*World).rejectedWithClientError, Assertion,
		"A 4xx status with an error code (throttling never counts).",
		"Then the request is rejected with a client error"},
	{`^the request is not accepted, or this scenario does not apply$`, (*World).theRequestIsNotAccepted, Precondition,
		"Not-applicable when the target accepted the request (2xx): the scenario judges only how a rejection is answered, and another scenario of the same behaviour judges whether there is one. Any other answer goes on to the assertions.",
		"Then the request is not accepted, or this scenario does not apply"},
	{`^the response header "([^"]+)" is "([^"]*)"$`, (*World).theHeaderIs, FidelityAssertion,
		"A response header's value, exactly.",
		`And the response header "Content-Type" is "application/x-amz-json-1.1" (fidelity)`},
	{`^the response header "([^"]+)" is present$`, (*World).theHeaderIsPresent, FidelityAssertion,
		"A response header is present.",
		`And the response header "x-amzn-RequestId" is present (fidelity)`},
	{`^the response at "([^"]+)" is "([^"]*)"$`, (*World).theValueAtIs, Assertion,
		"The JSON member at the path (gjson syntax: a.b, list.0) has this value.",
		`Then the response at "PreferredMfaSetting" is "SOFTWARE_TOKEN_MFA"`},
	{`^the response at "([^"]+)" is present$`, (*World).theValueAtIsPresent, Assertion,
		"The JSON member at the path exists and is not null.",
		`And the response at "Session" is present`},
	{`^the response at "([^"]+)" is absent$`, (*World).theValueAtIsAbsent, Assertion,
		"The JSON member at the path is absent from a successful answer.",
		`Then the response at "UserMFASettingList" is absent`},
	{`^the response at "([^"]+)" is absent or an empty list$`, (*World).theValueAtIsAbsentOrEmpty, Assertion,
		"The JSON member at the path is absent from a successful answer, or an empty list.",
		`Then the response at "MFAOptions" is absent or an empty list`},
	{`^the response at "([^"]+)" is absent or an empty string$`, (*World).theValueAtIsAbsentOrEmptyString, Assertion,
		"The JSON member at the path is absent from a successful answer, or the empty string: for scenarios that leave absent-versus-empty to read_back.feature (B16).",
		`Then the response at "PreferredMfaSetting" is absent or an empty string`},
	{`^the response at "([^"]+)" lists exactly "([^"]*)"$`, (*World).theListAtIs, Assertion,
		"The JSON list at the path holds exactly these comma-separated values, in any order.",
		`Then the response at "UserMFASettingList" lists exactly "SOFTWARE_TOKEN_MFA, SMS_MFA"`},
	{`^the response at "([^"]+)" is a JSON string that lists exactly "([^"]*)"$`, (*World).theEncodedListAtIs, Assertion,
		"The string member at the path holds a JSON list of exactly these values, in any order.",
		`And the response at "ChallengeParameters.MFAS_CAN_CHOOSE" is a JSON string that lists exactly "SMS_MFA, SOFTWARE_TOKEN_MFA"`},
	{`^the response at "([^"]+)" equals:$`, (*World).theValueAtEquals, Assertion,
		"The JSON member at the path equals the docstring's JSON value.",
		`Then the response at "MFAOptions" equals:`},
	{`^the sign-in returns the challenge "(\w+)"$`, (*World).theSignInReturnsChallenge, Assertion,
		"The sign-in answered 200 with this ChallengeName.",
		`Then the sign-in returns the challenge "SOFTWARE_TOKEN_MFA"`},
	{`^the sign-in returns the challenge "(\w+)", or this scenario does not apply$`, (*World).theSignInReturnsChallengeOrDoesNotApply, Precondition,
		"Not-applicable when the sign-in succeeded without this challenge: the scenario judges only the challenge's parameters, and another scenario judges whether it is asked. An error answer goes on to the assertions.",
		`Then the sign-in returns the challenge "SELECT_MFA_TYPE", or this scenario does not apply`},
	{`^the sign-in succeeds without a challenge$`, (*World).theSignInSucceeds, Assertion,
		"The sign-in answered 200 with tokens and no challenge.",
		"Then the sign-in succeeds without a challenge"},

	// ---- Assertions about a client program's own outcome (the AWS CLI, boto3).
	{`^the command exits with status (\d+)$`, (*World).theCommandExitsWith, Assertion,
		"The client program's exit status.",
		"Then the command exits with status 0"},
	{`^the command exits with a non-zero status$`, (*World).theCommandExitsNonZero, Assertion,
		"The client program failed.",
		"Then the command exits with a non-zero status"},
	{`^the command prints nothing$`, (*World).theCommandPrintsNothing, Assertion,
		"The client program wrote nothing to stdout or stderr.",
		"And the command prints nothing"},
	{`^the command's error output names "(\w+)"$`, (*World).theErrorOutputNames, Assertion,
		"The client's error output names the error code as botocore prints it: (UserNotFoundException).",
		`And the command's error output names "UserNotFoundException"`},
	{`^the call returns a dict with nothing but ResponseMetadata$`, (*World).theCallReturnsOnlyMetadata, Assertion,
		"The boto3 call returned, and its dict has no key but ResponseMetadata.",
		"Then the call returns a dict with nothing but ResponseMetadata"},
	{`^the call raises client\.exceptions\.(\w+)$`, (*World).theCallRaises, Assertion,
		"The boto3 call raised this modelled exception of client.exceptions.",
		"Then the call raises client.exceptions.UserNotFoundException"},
	{`^the JavaScript client answered "(\w+)" and signed in$`, (*World).theJSClientAnsweredAndSignedIn, Assertion,
		"amazon-cognito-identity-js was asked exactly this challenge and ended with a session.",
		"Then the JavaScript client answered \"SOFTWARE_TOKEN_MFA\" and signed in"},
}

// Vocabulary returns the rows of the table, in registration order.
func Vocabulary() []Step { return append([]Step(nil), vocabulary...) }
