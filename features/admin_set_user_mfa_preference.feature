@AdminSetUserMFAPreference
Feature: AdminSetUserMFAPreference sets a user's MFA factors as an administrator
  An administrator, authorised by IAM (SigV4), activates or deactivates SMS, TOTP and email MFA
  for a user and picks at most one preferred factor. Success is HTTP 200 with the body {}.

  Background:
    Given a user pool with MFA OPTIONAL and TOTP and SMS available

  @B1 @documented
  Scenario: The documented sample request prefers SMS with TOTP also active and answers 200 {}
    Given a confirmed user with a phone number
    And the user has registered a TOTP authenticator
    And the sample's values stand for this scenario's fixtures:
      | us-west-2_EXAMPLE | UserPoolId |
      | testuser          | Username   |
    When the client sends a signed AdminSetUserMFAPreference request:
      """
      {
        "UserPoolId": "us-west-2_EXAMPLE",
        "Username": "testuser",
        "SMSMfaSettings": { "Enabled": true, "PreferredMfa": true },
        "SoftwareTokenMfaSettings": { "Enabled": true, "PreferredMfa": false }
      }
      """
    Then the response status is 200
    And the response body is exactly "{}"
    And the response header "x-amzn-RequestId" is present

  @B26 @aws-verified
  Scenario: An unknown user is UserNotFoundException with HTTP 400
    When the client sends a signed AdminSetUserMFAPreference request:
      """
      { "UserPoolId": "${UserPoolId}", "Username": "${UnknownUsername}",
        "SMSMfaSettings": { "Enabled": false, "PreferredMfa": false } }
      """
    Then the response status is 400
    And the error code is "UserNotFoundException"
    And the error message is "User does not exist."

  @B26 @aws-verified
  Scenario: An unknown user pool is ResourceNotFoundException with HTTP 400
    When the client sends a signed AdminSetUserMFAPreference request:
      """
      { "UserPoolId": "${UnknownUserPoolId}", "Username": "someone",
        "SMSMfaSettings": { "Enabled": false, "PreferredMfa": false } }
      """
    Then the response status is 400
    And the error code is "ResourceNotFoundException"
    And the error carries a message
