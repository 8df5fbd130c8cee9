@SetUserMFAPreference
Feature: SetUserMFAPreference sets the signed-in user's own MFA factors
  The user, authorised by an access token with the aws.cognito.signin.user.admin scope (not by
  IAM), activates or deactivates SMS, TOTP and email MFA and picks at most one preferred factor.
  The request needs no SigV4 signature. Success is HTTP 200 with the body {}.

  Rule: B2 — documented sample request of SetUserMFAPreference answers 200 {}

    @B2 @documented @needs-email @needs-sms
    Scenario: The documented sample request activates TOTP, SMS and email with TOTP preferred and answers 200 {}
      Given a user pool with MFA OPTIONAL and TOTP, SMS and email available on the ESSENTIALS tier
      And a confirmed user with a phone number and an email address
      And the user has registered a TOTP authenticator
      And the sample's values stand for this scenario's fixtures:
        | eyJra456defEXAMPLE | AccessToken |
      When the client sends an unsigned SetUserMFAPreference request:
        """
        {
          "AccessToken": "eyJra456defEXAMPLE",
          "SMSMfaSettings": {
            "Enabled": true,
            "PreferredMfa": false
          },
          "EmailMfaSettings": {
            "Enabled": true,
            "PreferredMfa": false
          },
          "SoftwareTokenMfaSettings": {
            "Enabled": true,
            "PreferredMfa": true
          }
        }
        """
      Then the response status is 200
      And the response body is exactly "{}" (fidelity)
      When the user reads their own profile back
      Then the response at "UserMFASettingList" lists exactly "SMS_MFA, EMAIL_OTP, SOFTWARE_TOKEN_MFA"
      And the response at "PreferredMfaSetting" is "SOFTWARE_TOKEN_MFA"

  Rule: S1.3 — SetUserMFAPreference: token auth, members and constraints

    Background:
      Given a user pool with MFA OPTIONAL and TOTP available

    @S1.3 @documented
    Scenario: The AWS CLI example prefers the software token, turns SMS off and produces no output
      Given a confirmed user
      And the user has registered a TOTP authenticator
      And the sample's values stand for this scenario's fixtures:
        | eyJra12345EXAMPLE | AccessToken |
      When the client sends an unsigned SetUserMFAPreference request:
        """
        {
          "AccessToken": "eyJra12345EXAMPLE",
          "SoftwareTokenMfaSettings": { "Enabled": true, "PreferredMfa": true },
          "SMSMfaSettings": { "Enabled": false, "PreferredMfa": false }
        }
        """
      Then the response status is 200
      And the response body is exactly "{}" (fidelity)
      When the user reads their own profile back
      Then the response at "UserMFASettingList" lists exactly "SOFTWARE_TOKEN_MFA"
      And the response at "PreferredMfaSetting" is "SOFTWARE_TOKEN_MFA"

    # AWS was seen answering constraint violations like this on sibling operations only (catalogue 1.1,
    # "Constraint violations": INFERRED for these three operations), so these scenarios are @inferred.
    # features/constraints_*.feature check every modelled constraint, generated from the table.
    @S1.3 @inferred
    Scenario: A request without AccessToken is InvalidParameterException with HTTP 400
      When the client sends an unsigned SetUserMFAPreference request:
        """
        { "SoftwareTokenMfaSettings": { "Enabled": false, "PreferredMfa": false } }
        """
      Then the response status is 400
      And the error code is "InvalidParameterException"
      And the error carries a message

    @S1.3 @inferred
    Scenario: An AccessToken that breaks its pattern is InvalidParameterException with HTTP 400
      When the client sends an unsigned SetUserMFAPreference request:
        """
        { "AccessToken": "not a token!",
          "SoftwareTokenMfaSettings": { "Enabled": false, "PreferredMfa": false } }
        """
      Then the response status is 400
      And the error code is "InvalidParameterException"
      And the error carries a message

    @S1.3 @B11 @documented
    Scenario: A long AccessToken is not a validation error: AccessToken has no length constraint
      When the client sends an unsigned SetUserMFAPreference request:
        """
        { "AccessToken": "${VeryLongAccessToken}",
          "SoftwareTokenMfaSettings": { "Enabled": false, "PreferredMfa": false } }
        """
      Then the response status is 400
      And the error code is "NotAuthorizedException"

  Rule: B11 — SetUserMFAPreference is token-authorised and works unsigned; token failures are NotAuthorizedException

    Background:
      Given a user pool with MFA OPTIONAL and TOTP available

    @B11 @documented
    Scenario: An unsigned request with a valid access token succeeds
      Given a confirmed user
      And the user has signed in
      When the client sends an unsigned SetUserMFAPreference request:
        """
        { "AccessToken": "${AccessToken}",
          "SoftwareTokenMfaSettings": { "Enabled": false, "PreferredMfa": false } }
        """
      Then the response status is 200
      And the response body is exactly "{}" (fidelity)

    @B11 @aws-verified
    Scenario: A token that is not a JWT is NotAuthorizedException "Invalid Access Token"
      When the client sends an unsigned SetUserMFAPreference request:
        """
        { "AccessToken": "not-a-real-token",
          "SoftwareTokenMfaSettings": { "Enabled": false, "PreferredMfa": false } }
        """
      Then the response status is 400
      And the error code is "NotAuthorizedException"
      And the error message is "Invalid Access Token"

    @B11 @aws-verified
    Scenario: A token revoked by GlobalSignOut is NotAuthorizedException "Access Token has been revoked"
      Given a confirmed user
      And the user has signed in
      And the user has signed out of all devices
      When the client sends an unsigned SetUserMFAPreference request:
        """
        { "AccessToken": "${AccessToken}",
          "SoftwareTokenMfaSettings": { "Enabled": false, "PreferredMfa": false } }
        """
      Then the response status is 400
      And the error code is "NotAuthorizedException"
      And the error message is "Access Token has been revoked"

    @B11 @aws-verified
    Scenario: A well-formed token signed by someone else is NotAuthorizedException
      Given a confirmed user
      And the user has signed in
      When the client sends an unsigned SetUserMFAPreference request:
        """
        { "AccessToken": "${ForgedAccessToken}",
          "SoftwareTokenMfaSettings": { "Enabled": false, "PreferredMfa": false } }
        """
      Then the response status is 400
      And the error code is "NotAuthorizedException"
      And the error carries a message

  Rule: B26 — unknown user is UserNotFoundException, unknown pool ResourceNotFoundException

    @B26 @aws-verified
    Scenario: The token of a deleted user is UserNotFoundException "User does not exist."
      Given a user pool with MFA OPTIONAL and TOTP available
      And a confirmed user
      And the user has signed in
      And the user has been deleted
      When the client sends an unsigned SetUserMFAPreference request:
        """
        { "AccessToken": "${AccessToken}",
          "SoftwareTokenMfaSettings": { "Enabled": false, "PreferredMfa": false } }
        """
      Then the response status is 400
      And the error code is "UserNotFoundException"
      And the error message is "User does not exist."

  Rule: B27 — PasswordResetRequired/UserNotConfirmed for the preference operations only

    @B27 @inferred
    Scenario: A signed-in user whose password an administrator reset is PasswordResetRequiredException
      Given a user pool with MFA OPTIONAL and TOTP available
      And a confirmed user with a verified email address
      And the user has signed in
      And the administrator has reset the user's password
      When the client sends an unsigned SetUserMFAPreference request:
        """
        { "AccessToken": "${AccessToken}",
          "SoftwareTokenMfaSettings": { "Enabled": false, "PreferredMfa": false } }
        """
      Then the response status is 400
      And the error code is "PasswordResetRequiredException"
      And the error carries a message

  Rule: B3 — only one factor can be preferred

    @B3 @aws-verified @needs-sms
    Scenario: A user who marks two factors preferred is rejected and nothing changes
      Given a user pool with MFA OPTIONAL and TOTP and SMS available
      And a confirmed user with a phone number
      And the user has registered a TOTP authenticator
      When the client sends an unsigned SetUserMFAPreference request:
        """
        { "AccessToken": "${AccessToken}",
          "SMSMfaSettings": { "Enabled": true, "PreferredMfa": true },
          "SoftwareTokenMfaSettings": { "Enabled": true, "PreferredMfa": true } }
        """
      Then the request is rejected with a client error
      When the user reads their own profile back
      Then the response at "UserMFASettingList" is absent or an empty list
      And the response at "PreferredMfaSetting" is absent or an empty string

  Rule: B4 — a factor preferred but not enabled is rejected

    @B4 @aws-verified
    Scenario: A user who marks a factor preferred but not enabled gets InvalidParameterException
      Given a user pool with MFA OPTIONAL and TOTP available
      And a confirmed user
      And the user has registered a TOTP authenticator
      When the client sends an unsigned SetUserMFAPreference request:
        """
        { "AccessToken": "${AccessToken}",
          "SoftwareTokenMfaSettings": { "Enabled": false, "PreferredMfa": true } }
        """
      Then the response status is 400
      And the error code is "InvalidParameterException"
      And the error carries a message

  Rule: B7 — TOTP cannot be enabled before an authenticator is registered (admin page says it can)

    Background:
      Given a user pool with MFA OPTIONAL and TOTP available
      And a confirmed user

    @B7 @documented
    Scenario: TOTP cannot be made preferred before the user registers an authenticator
      Given the user has signed in
      When the client sends an unsigned SetUserMFAPreference request:
        """
        { "AccessToken": "${AccessToken}",
          "SoftwareTokenMfaSettings": { "Enabled": true, "PreferredMfa": true } }
        """
      Then the response status is 400
      And the error code is "InvalidParameterException"
      And the error carries a message

    @B7 @inferred
    Scenario: An associated but unverified authenticator does not count as registered
      Given the user has associated a TOTP authenticator without verifying it
      When the client sends an unsigned SetUserMFAPreference request:
        """
        { "AccessToken": "${AccessToken}",
          "SoftwareTokenMfaSettings": { "Enabled": true, "PreferredMfa": false } }
        """
      Then the response status is 400
      And the error code is "InvalidParameterException"
      And the error carries a message

  Rule: B12 — enabling SMS needs a phone_number

    @B12 @aws-verified @needs-sms
    Scenario: A user without a phone_number cannot turn SMS MFA on
      Given a user pool with MFA OPTIONAL and TOTP and SMS available
      And a confirmed user
      And the user has signed in
      When the client sends an unsigned SetUserMFAPreference request:
        """
        { "AccessToken": "${AccessToken}",
          "SMSMfaSettings": { "Enabled": true, "PreferredMfa": true } }
        """
      Then the response status is 400
      And the error code is "InvalidParameterException"
      And the error carries a message

  Rule: B9 — email MFA needs the Essentials tier or higher

    @B9 @documented
    Scenario: Email MFA cannot be turned on by a user of a Lite-tier pool
      Given a user pool with MFA OPTIONAL and TOTP available on the LITE tier
      And a confirmed user with an email address
      And the user has signed in
      When the client sends an unsigned SetUserMFAPreference request:
        """
        { "AccessToken": "${AccessToken}",
          "EmailMfaSettings": { "Enabled": true, "PreferredMfa": true } }
        """
      Then the request is rejected with a client error

  Rule: B17 — every factor disabled: 200, no preferred factor, no challenge

    @B17 @aws-verified
    Scenario: Turning TOTP off again answers 200 and leaves no preferred factor
      Given a user pool with MFA OPTIONAL and TOTP available
      And a confirmed user
      And the user has registered a TOTP authenticator
      And the administrator has set the user's MFA preference:
        """
        { "UserPoolId": "${UserPoolId}", "Username": "${Username}",
          "SoftwareTokenMfaSettings": { "Enabled": true, "PreferredMfa": true } }
        """
      When the client sends an unsigned SetUserMFAPreference request:
        """
        { "AccessToken": "${AccessToken}",
          "SMSMfaSettings": { "Enabled": false, "PreferredMfa": false },
          "SoftwareTokenMfaSettings": { "Enabled": false, "PreferredMfa": false } }
        """
      Then the response status is 200
      When the user reads their own profile back
      Then the response at "UserMFASettingList" is absent or an empty list
      And the response at "PreferredMfaSetting" is absent or an empty string

  Rule: B18 — a preference call with no settings members is a no-op

    @B18 @inferred
    Scenario: A request with only the access token answers 200 and changes nothing
      Given a user pool with MFA OPTIONAL and TOTP available
      And a confirmed user
      And the user has registered a TOTP authenticator
      And the administrator has set the user's MFA preference:
        """
        { "UserPoolId": "${UserPoolId}", "Username": "${Username}",
          "SoftwareTokenMfaSettings": { "Enabled": true, "PreferredMfa": true } }
        """
      When the client sends an unsigned SetUserMFAPreference request:
        """
        { "AccessToken": "${AccessToken}" }
        """
      Then the response status is 200
      And the response body is exactly "{}" (fidelity)
      When the user reads their own profile back
      Then the response at "UserMFASettingList" lists exactly "SOFTWARE_TOKEN_MFA"
      And the response at "PreferredMfaSetting" is "SOFTWARE_TOKEN_MFA"

  Rule: B19 — updates are per factor

    @B19 @documented
    Scenario: A user's request that names only SMS leaves their TOTP enabled and preferred
      Given a user pool with MFA OPTIONAL and TOTP available
      And a confirmed user
      And the user has registered a TOTP authenticator
      And the administrator has set the user's MFA preference:
        """
        { "UserPoolId": "${UserPoolId}", "Username": "${Username}",
          "SoftwareTokenMfaSettings": { "Enabled": true, "PreferredMfa": true } }
        """
      When the client sends an unsigned SetUserMFAPreference request:
        """
        { "AccessToken": "${AccessToken}",
          "SMSMfaSettings": { "Enabled": false, "PreferredMfa": false } }
        """
      Then the response status is 200
      When the user reads their own profile back
      Then the response at "UserMFASettingList" lists exactly "SOFTWARE_TOKEN_MFA"
      And the response at "PreferredMfaSetting" is "SOFTWARE_TOKEN_MFA"

  Rule: B8 — the preference operations don't reset an existing TOTP

    @B8 @documented
    Scenario: The user turns TOTP off and on again without registering a new authenticator
      Given a user pool with MFA OPTIONAL and TOTP available
      And a confirmed user
      And the user has registered a TOTP authenticator
      And the administrator has set the user's MFA preference:
        """
        { "UserPoolId": "${UserPoolId}", "Username": "${Username}",
          "SoftwareTokenMfaSettings": { "Enabled": false, "PreferredMfa": false } }
        """
      When the client sends an unsigned SetUserMFAPreference request:
        """
        { "AccessToken": "${AccessToken}",
          "SoftwareTokenMfaSettings": { "Enabled": true, "PreferredMfa": true } }
        """
      Then the response status is 200
      When the user reads their own profile back
      Then the response at "PreferredMfaSetting" is "SOFTWARE_TOKEN_MFA"
