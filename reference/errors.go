package reference

import (
	"fmt"
	"net/http"
	"strings"
)

// apiError is one AWS JSON 1.1 error. Every client error is HTTP 400 on the
// wire even where the Smithy model says 403/404 (catalogue 1.1, "Error status
// codes": observed traffic is 400), except the unsigned-request case, which
// follows the generic common-errors page (403).
type apiError struct {
	Code    string
	Message string
	Status  int
}

func (e *apiError) Error() string { return e.Code + ": " + e.Message }

func newErr(code, format string, args ...any) *apiError {
	msg := format
	if len(args) > 0 {
		msg = fmt.Sprintf(format, args...)
	}
	return &apiError{Code: code, Message: msg, Status: http.StatusBadRequest}
}

func errInvalidParameter(format string, args ...any) *apiError {
	return newErr("InvalidParameterException", format, args...)
}

func errNotAuthorized(format string, args ...any) *apiError {
	return newErr("NotAuthorizedException", format, args...)
}

// Messages below are the exact strings of catalogue section 3 where one is known.
func errPoolNotFound(id string) *apiError {
	return newErr("ResourceNotFoundException", "User pool %s does not exist.", id) // M10
}

func errClientNotFound(id string) *apiError {
	return newErr("ResourceNotFoundException", "User pool client %s does not exist.", id)
}

func errUserNotFound() *apiError {
	return newErr("UserNotFoundException", "User does not exist.") // M9
}

func errUserNotConfirmed() *apiError {
	return newErr("UserNotConfirmedException", "User is not confirmed.")
}

func errPasswordResetRequired() *apiError {
	return newErr("PasswordResetRequiredException", "Password reset required for the user")
}

func errInvalidSession() *apiError {
	return errNotAuthorized("Invalid session for the user.")
}

func errInvalidAccessToken() *apiError {
	return errNotAuthorized("Invalid Access Token") // M13
}

func errRevokedAccessToken() *apiError {
	return errNotAuthorized("Access Token has been revoked") // M12
}

func errInternal(msg string) *apiError {
	return &apiError{Code: "InternalErrorException", Message: msg, Status: http.StatusInternalServerError}
}

// errValidation renders constraint violations the way AWS does (M7, M8):
// "1 validation error detected: <a>" or "N validation errors detected: <a>; <b>".
func errValidation(v []string) *apiError {
	noun := "error"
	if len(v) > 1 {
		noun = "errors"
	}
	return errInvalidParameter("%d validation %s detected: %s", len(v), noun, strings.Join(v, "; "))
}
