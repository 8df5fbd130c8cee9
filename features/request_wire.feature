Feature: Requests AWS refuses before reading them: malformed bodies, wrong types, another region
  An AWS JSON 1.1 endpoint parses the body against the model and checks the signature's scope
  before any business rule. A body that is not JSON, or a member of the wrong JSON type, is a
  SerializationException; a request signed for another region is refused as a signature error.
  Error answers are typed like success answers.

  @S1.1 @aws-verified @AdminSetUserMFAPreference
  Scenario: A body that is not JSON is SerializationException, not an empty request
    Given a user pool with MFA OPTIONAL and TOTP available
    And a confirmed user
    When the client sends a signed AdminSetUserMFAPreference request:
      """
      { "UserPoolId": "${UserPoolId}", "Username": "${Username}",
      """
    Then the response status is 400
    And the error code is "SerializationException"

  @S1.1 @aws-verified @AdminSetUserMFAPreference
  Scenario: A settings member that is a string instead of a structure is SerializationException
    Given a user pool with MFA OPTIONAL and TOTP available
    And a confirmed user
    When the client sends a signed AdminSetUserMFAPreference request:
      """
      { "UserPoolId": "${UserPoolId}", "Username": "${Username}",
        "SoftwareTokenMfaSettings": "off" }
      """
    Then the response status is 400
    And the error code is "SerializationException"

  @S1.1 @aws-verified @AdminSetUserMFAPreference
  Scenario: A Username that is a structure instead of a string is SerializationException
    Given a user pool with MFA OPTIONAL and TOTP available
    And a confirmed user
    When the client sends a signed AdminSetUserMFAPreference request:
      """
      { "UserPoolId": "${UserPoolId}", "Username": { "name": "${Username}" } }
      """
    Then the response status is 400
    And the error code is "SerializationException"

  @S1.1 @aws-verified @AdminSetUserMFAPreference
  Scenario: An error answer carries Content-Type application/x-amz-json-1.1, as real error answers do (aws/aws-cli#3348)
    Given a user pool with MFA OPTIONAL and TOTP available
    When the client sends a signed AdminSetUserMFAPreference request:
      """
      { "UserPoolId": "${UserPoolId}", "Username": "${UnknownUsername}" }
      """
    Then the response status is 400
    And the response header "Content-Type" is "application/x-amz-json-1.1" (fidelity)

  @S1.1 @inferred @AdminSetUserMFAPreference
  Scenario: A request signed for another region than the endpoint's is InvalidSignatureException
    Given a user pool with MFA OPTIONAL and TOTP available
    And a confirmed user
    When the client sends an AdminSetUserMFAPreference request signed for another region than the endpoint's:
      """
      { "UserPoolId": "${UserPoolId}", "Username": "${Username}",
        "SoftwareTokenMfaSettings": { "Enabled": false, "PreferredMfa": false } }
      """
    Then the response status is 400
    And the error code is "InvalidSignatureException"
