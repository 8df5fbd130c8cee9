@AdminSetUserMFAPreference
Feature: The AWS JSON 1.1 wire contract of the MFA-preference operations
  Error responses carry the code in x-amzn-ErrorType and in the body's __type, and a message.

  @B26 @aws-verified
  Scenario: An error answer names its code in the x-amzn-ErrorType header and the __type member
    Given a user pool with MFA OPTIONAL and TOTP available
    When the client sends a signed AdminSetUserMFAPreference request:
      """
      { "UserPoolId": "${UserPoolId}", "Username": "${UnknownUsername}" }
      """
    Then the response status is 400
    And the response header "x-amzn-ErrorType" is "UserNotFoundException:"
    And the response at "__type" is "UserNotFoundException"
    And the response at "message" is present

  @S1.1 @B1 @documented @conflict-response-content-type
  Scenario: A success answer carries Content-Type application/x-amz-json-1.0, as the documented sample response shows
    Given a user pool with MFA OPTIONAL and TOTP available
    And a confirmed user
    When the client sends a signed AdminSetUserMFAPreference request:
      """
      { "UserPoolId": "${UserPoolId}", "Username": "${Username}",
        "SoftwareTokenMfaSettings": { "Enabled": false, "PreferredMfa": false } }
      """
    Then the response status is 200
    And the response header "Content-Type" is "application/x-amz-json-1.0"

  @S1.1 @B1 @aws-verified @conflict-response-content-type
  Scenario: A success answer carries Content-Type application/x-amz-json-1.1, as real responses show
    Given a user pool with MFA OPTIONAL and TOTP available
    And a confirmed user
    When the client sends a signed AdminSetUserMFAPreference request:
      """
      { "UserPoolId": "${UserPoolId}", "Username": "${Username}",
        "SoftwareTokenMfaSettings": { "Enabled": false, "PreferredMfa": false } }
      """
    Then the response status is 200
    And the response header "Content-Type" is "application/x-amz-json-1.1"

  @S1.1 @aws-verified
  Scenario: An error answer is HTTP 400 with a lower-case "message" member and an x-amzn-RequestId
    Given a user pool with MFA OPTIONAL and TOTP available
    When the client sends a signed AdminSetUserMFAPreference request:
      """
      { "UserPoolId": "${UnknownUserPoolId}", "Username": "someone" }
      """
    Then the response status is 400
    And the response at "__type" is "ResourceNotFoundException"
    And the response at "message" is present
    And the response header "x-amzn-RequestId" is present
