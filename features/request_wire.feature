Feature: Requests AWS refuses before reading them: malformed bodies, wrong types, another region
  An AWS JSON 1.1 endpoint parses the body against the model and checks the signature's scope
  before any business rule. A body that is not JSON, or a member of the wrong JSON type, is a
  SerializationException; a request signed for another region is refused as a signature error.
  Error answers are typed like success answers.

  Rule: S1.1 — wire contract common to the three operations: content type, error body and headers, status codes, unknown credentials

    Background:
      Given a user pool with MFA OPTIONAL and TOTP available

    # A body that is not JSON and a settings block sent as a string are rows of the generated
    # constraint features (constraints_<operation>.feature, "the body cut short", "sent as the JSON
    # string"), one per operation: not repeated here, so one deviation makes one scenario red.
    @S1.1 @aws-verified @AdminSetUserMFAPreference
    Scenario: A Username that is a structure instead of a string is SerializationException
      Given a confirmed user
      When the client sends a signed AdminSetUserMFAPreference request:
        """
        { "UserPoolId": "${UserPoolId}", "Username": { "name": "${Username}" } }
        """
      Then the response status is 400
      And the error code is "SerializationException"

    @S1.1 @aws-verified @AdminSetUserMFAPreference
    Scenario: An error answer carries Content-Type application/x-amz-json-1.1, as real error answers do (aws/aws-cli#3348)
      When the client sends a signed AdminSetUserMFAPreference request:
        """
        { "UserPoolId": "${UserPoolId}", "Username": "${UnknownUsername}" }
        """
      Then the response status is 400
      And the response header "Content-Type" is "application/x-amz-json-1.1" (fidelity)

    @S1.1 @inferred @AdminSetUserMFAPreference
    Scenario: A request signed for another region than the endpoint's is InvalidSignatureException
      Given a confirmed user
      When the client sends an AdminSetUserMFAPreference request signed for another region than the endpoint's:
        """
        { "UserPoolId": "${UserPoolId}", "Username": "${Username}",
          "SoftwareTokenMfaSettings": { "Enabled": false, "PreferredMfa": false } }
        """
      Then the response status is 400
      And the error code is "InvalidSignatureException"
