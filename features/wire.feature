@AdminSetUserMFAPreference
Feature: The AWS JSON 1.1 wire contract of the MFA-preference operations
  Error responses carry the code in x-amzn-ErrorType and in the body's __type, and a message.

  What an AWS SDK client reads is the contract: the status, the error code as awsJson1_1
  clients normalise it (x-amzn-ErrorType first, then __type, then code; the part after '#' and
  before ':'), and that the error has a message. How those bytes are spelled — the header's
  trailing ':', a namespace in __type, the case of the message key, the Content-Type, a request
  id — is wire fidelity: the assertions that end with "(fidelity)" warn, and fail only with
  --strict.

  Rule: B26 — unknown user is UserNotFoundException, unknown pool ResourceNotFoundException

    @B26 @aws-verified
    Scenario: An error answer names its code in the x-amzn-ErrorType header and the __type member
      Given a user pool with MFA OPTIONAL and TOTP available
      When the client sends a signed AdminSetUserMFAPreference request:
        """
        { "UserPoolId": "${UserPoolId}", "Username": "${UnknownUsername}" }
        """
      Then the response status is 400
      And the error code is "UserNotFoundException"
      And the error carries a message
      And the response header "x-amzn-ErrorType" is "UserNotFoundException:" (fidelity)
      And the response at "__type" is "UserNotFoundException" (fidelity)
      And the response at "message" is present (fidelity)

  Rule: S1.1 — wire contract common to the three operations: content type, error body and headers, status codes, unknown credentials

    Background:
      Given a user pool with MFA OPTIONAL and TOTP available

    @S1.1 @B1 @documented @conflict-response-content-type
    Scenario: A success answer carries Content-Type application/x-amz-json-1.0, as the documented sample response shows
      Given a confirmed user
      When the client sends a signed AdminSetUserMFAPreference request:
        """
        { "UserPoolId": "${UserPoolId}", "Username": "${Username}",
          "SoftwareTokenMfaSettings": { "Enabled": false, "PreferredMfa": false } }
        """
      Then the response status is 200
      And the response header "Content-Type" is "application/x-amz-json-1.0" (fidelity)

    @S1.1 @B1 @aws-verified @conflict-response-content-type
    Scenario: A success answer carries Content-Type application/x-amz-json-1.1, as real responses show
      Given a confirmed user
      When the client sends a signed AdminSetUserMFAPreference request:
        """
        { "UserPoolId": "${UserPoolId}", "Username": "${Username}",
          "SoftwareTokenMfaSettings": { "Enabled": false, "PreferredMfa": false } }
        """
      Then the response status is 200
      And the response header "Content-Type" is "application/x-amz-json-1.1" (fidelity)

    @S1.1 @aws-verified
    Scenario: An error answer is HTTP 400 with a lower-case "message" member and an x-amzn-RequestId
      When the client sends a signed AdminSetUserMFAPreference request:
        """
        { "UserPoolId": "${UnknownUserPoolId}", "Username": "someone" }
        """
      Then the response status is 400
      And the error code is "ResourceNotFoundException"
      And the error carries a message
      And the response at "__type" is "ResourceNotFoundException" (fidelity)
      And the response at "message" is present (fidelity)
      And the response header "x-amzn-RequestId" is present (fidelity)
