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
