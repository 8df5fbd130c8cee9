package wire

// modelledClientErrors are the client errors the Cognito user-pool service model declares
// (aws-sdk-go-v2 service/cognitoidentityprovider v1.61.0, types/errors.go: every error whose
// fault is the client's). A 5xx that carries one of these is the target's deliberate, wrong
// answer; a 5xx with any other code (a gateway's InternalServerErrorException, a proxy's
// timeout) is a fault and is retried. Throttling (TooManyRequestsException) is left out: it is
// never a deliberate answer about the request.
var modelledClientErrors = map[string]bool{
	"AccessDeniedException": true, "AliasExistsException": true, "CodeDeliveryFailureException": true,
	"CodeMismatchException": true, "ConcurrentModificationException": true, "DeviceKeyExistsException": true,
	"DuplicateProviderException": true, "EnableSoftwareTokenMFAException": true, "ExpiredCodeException": true,
	"FeatureUnavailableInTierException": true, "ForbiddenException": true,
	"InvalidEmailRoleAccessPolicyException": true, "InvalidLambdaResponseException": true, "InvalidOAuthFlowException": true,
	"InvalidParameterException": true, "InvalidPasswordException": true, "InvalidSmsRoleAccessPolicyException": true,
	"InvalidSmsRoleTrustRelationshipException": true, "InvalidUserPoolConfigurationException": true,
	"LimitExceededException": true, "ManagedLoginBrandingExistsException": true, "MFAMethodNotFoundException": true,
	"NotAuthorizedException": true, "OperationNotEnabledException": true, "PasswordHistoryPolicyViolationException": true,
	"PasswordResetRequiredException": true, "PreconditionNotMetException": true, "RefreshTokenReuseException": true,
	"ResourceNotFoundException": true, "ScopeDoesNotExistException": true, "SoftwareTokenMFANotFoundException": true,
	"TermsExistsException": true, "TierChangeNotAllowedException": true, "TooManyFailedAttemptsException": true,
	"UnauthorizedException": true, "UnexpectedLambdaException": true, "UnsupportedIdentityProviderException": true,
	"UnsupportedOperationException": true, "UnsupportedTokenTypeException": true, "UnsupportedUserStateException": true,
	"UserImportInProgressException": true, "UserLambdaValidationException": true, "UsernameExistsException": true,
	"UserNotConfirmedException": true, "UserNotFoundException": true, "UserPoolAddOnNotEnabledException": true,
	"UserPoolTaggingException": true, "WebAuthnChallengeNotFoundException": true, "WebAuthnClientMismatchException": true,
	"WebAuthnConfigurationMissingException": true, "WebAuthnCredentialNotSupportedException": true,
	"WebAuthnNotEnabledException": true, "WebAuthnOriginNotAllowedException": true, "WebAuthnRelyingPartyMismatchException": true,
	// Not Cognito's, but what every AWS JSON service answers for a request it cannot route or
	// authenticate: deliberate answers too.
	"UnknownOperationException": true, "UnrecognizedClientException": true, "InvalidSignatureException": true,
	"MissingAuthenticationTokenException": true, "IncompleteSignatureException": true, "SerializationException": true,
}

// ModelledClientError reports whether a normalised error code is a client error the service
// model declares (or an AWS-wide request error).
func ModelledClientError(code string) bool { return modelledClientErrors[code] }
