@AdminSetUserMFAPreference
Feature: AdminSetUserMFAPreference sets a user's MFA factors as an administrator
  An administrator, authorised by IAM (SigV4), activates or deactivates SMS, TOTP and email MFA
  for a user and picks at most one preferred factor. Success is HTTP 200 with the body {}.

  Rule: B1 — documented sample request of AdminSetUserMFAPreference answers 200 {}

    @B1 @documented @needs-sms
    Scenario: The documented sample request prefers SMS with TOTP also active and answers 200 {}
      Given a user pool with MFA OPTIONAL and TOTP and SMS available
      And a confirmed user with a phone number
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
      And the response body is exactly "{}" (fidelity)
      And the response header "x-amzn-RequestId" is present (fidelity)

  Rule: B26 — unknown user is UserNotFoundException, unknown pool ResourceNotFoundException

    Background:
      Given a user pool with MFA OPTIONAL and TOTP available

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

  Rule: S1.2 — AdminSetUserMFAPreference: SigV4/IAM, members and constraints

    Background:
      Given a user pool with MFA OPTIONAL and TOTP available

    # AWS was seen answering constraint violations like this on sibling operations only (catalogue 1.1,
    # "Constraint violations": INFERRED for these three operations), so these scenarios are @inferred.
    # features/constraints_*.feature check every modelled constraint, generated from the table.
    @S1.2 @inferred
    Scenario: A request without UserPoolId is InvalidParameterException with HTTP 400
      Given a confirmed user
      When the client sends a signed AdminSetUserMFAPreference request:
        """
        { "Username": "${Username}",
          "SoftwareTokenMfaSettings": { "Enabled": false, "PreferredMfa": false } }
        """
      Then the response status is 400
      And the error code is "InvalidParameterException"
      And the error carries a message

    @S1.2 @inferred
    Scenario: A request without Username is InvalidParameterException with HTTP 400
      When the client sends a signed AdminSetUserMFAPreference request:
        """
        { "UserPoolId": "${UserPoolId}",
          "SoftwareTokenMfaSettings": { "Enabled": false, "PreferredMfa": false } }
        """
      Then the response status is 400
      And the error code is "InvalidParameterException"
      And the error carries a message

    @S1.2 @inferred
    Scenario: A UserPoolId that breaks its pattern is rejected with the AWS validation message
      When the client sends a signed AdminSetUserMFAPreference request:
        """
        { "UserPoolId": "not-a-pool-id", "Username": "someone",
          "SoftwareTokenMfaSettings": { "Enabled": false, "PreferredMfa": false } }
        """
      Then the response status is 400
      And the error code is "InvalidParameterException"
      And the error message is "1 validation error detected: Value 'not-a-pool-id' at 'userPoolId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\w-]+_[0-9a-zA-Z]+"

    @S1.2 @inferred
    Scenario Outline: A <member> that breaks its constraint (<constraint>) is InvalidParameterException with HTTP 400
      When the client sends a signed AdminSetUserMFAPreference request:
        """
        { "UserPoolId": "<pool>", "Username": "<user>",
          "SoftwareTokenMfaSettings": { "Enabled": false, "PreferredMfa": false } }
        """
      Then the response status is 400
      And the error code is "InvalidParameterException"
      And the error carries a message

      Examples:
        | member     | constraint                      | pool                 | user               |
        | UserPoolId | at most 55 characters           | ${TooLongUserPoolId} | someone            |
        | UserPoolId | at least 1 character            |                      | someone            |
        | Username   | at most 128 characters          | ${UserPoolId}        | ${TooLongUsername} |
        | Username   | at least 1 character            | ${UserPoolId}        |                    |
        | Username   | letters, marks, symbols, digits | ${UserPoolId}        | two words          |

  Rule: B11 — SetUserMFAPreference is token-authorised and works unsigned; token failures are NotAuthorizedException

    @B11 @S1.2 @documented
    Scenario: An unsigned request is rejected: the operation needs IAM credentials
      Given a user pool with MFA OPTIONAL and TOTP available
      And a confirmed user
      When the client sends an unsigned AdminSetUserMFAPreference request:
        """
        { "UserPoolId": "${UserPoolId}", "Username": "${Username}",
          "SoftwareTokenMfaSettings": { "Enabled": false, "PreferredMfa": false } }
        """
      Then the request is rejected with a client error

  Rule: S1.1 — wire contract common to the three operations: content type, error body and headers, status codes, unknown credentials

    @S1.1 @aws-verified
    Scenario: A request signed with unknown credentials is UnrecognizedClientException with HTTP 400
      Given a user pool with MFA OPTIONAL and TOTP available
      And a confirmed user
      When the client sends an AdminSetUserMFAPreference request signed with unknown credentials:
        """
        { "UserPoolId": "${UserPoolId}", "Username": "${Username}",
          "SoftwareTokenMfaSettings": { "Enabled": false, "PreferredMfa": false } }
        """
      Then the response status is 400
      And the error code is "UnrecognizedClientException"
      And the error message is "The security token included in the request is invalid."

  Rule: B27 — PasswordResetRequired/UserNotConfirmed for the preference operations only

    Background:
      Given a user pool with MFA OPTIONAL and TOTP available

    @B27 @inferred
    Scenario: An unconfirmed user is UserNotConfirmedException with HTTP 400
      Given an unconfirmed user
      When the client sends a signed AdminSetUserMFAPreference request:
        """
        { "UserPoolId": "${UserPoolId}", "Username": "${Username}",
          "SoftwareTokenMfaSettings": { "Enabled": false, "PreferredMfa": false } }
        """
      Then the response status is 400
      And the error code is "UserNotConfirmedException"
      And the error carries a message

    @B27 @inferred
    Scenario: A user whose password an administrator reset is PasswordResetRequiredException with HTTP 400
      Given a confirmed user with a verified email address
      And the administrator has reset the user's password
      When the client sends a signed AdminSetUserMFAPreference request:
        """
        { "UserPoolId": "${UserPoolId}", "Username": "${Username}",
          "SoftwareTokenMfaSettings": { "Enabled": false, "PreferredMfa": false } }
        """
      Then the response status is 400
      And the error code is "PasswordResetRequiredException"
      And the error carries a message

  Rule: B3 — only one factor can be preferred

    Background:
      Given a user pool with MFA OPTIONAL and TOTP and SMS available
      And a confirmed user with a phone number
      And the user has registered a TOTP authenticator

    @B3 @aws-verified @needs-sms
    Scenario: A request that marks two factors preferred is rejected and changes nothing
      When the client sends a signed AdminSetUserMFAPreference request:
        """
        { "UserPoolId": "${UserPoolId}", "Username": "${Username}",
          "SMSMfaSettings": { "Enabled": true, "PreferredMfa": true },
          "SoftwareTokenMfaSettings": { "Enabled": true, "PreferredMfa": true } }
        """
      Then the request is rejected with a client error
      When the administrator reads the user back
      Then the response at "UserMFASettingList" is absent or an empty list
      And the response at "PreferredMfaSetting" is absent or an empty string

    # That AWS rejects the request is AWS-verified and judged above; which code it answers is only
    # inferred, so this scenario judges the code of a rejection and does not apply to a target
    # that accepts the request (one deviation, one red scenario).
    @B3 @inferred @needs-sms
    Scenario: Two preferred factors are InvalidParameterException with HTTP 400
      When the client sends a signed AdminSetUserMFAPreference request:
        """
        { "UserPoolId": "${UserPoolId}", "Username": "${Username}",
          "SMSMfaSettings": { "Enabled": true, "PreferredMfa": true },
          "SoftwareTokenMfaSettings": { "Enabled": true, "PreferredMfa": true } }
        """
      Then the request is not accepted, or this scenario does not apply
      And the response status is 400
      And the error code is "InvalidParameterException"
      And the error carries a message

  Rule: B4 — a factor preferred but not enabled is rejected

    @B4 @aws-verified
    Scenario: A factor marked preferred but not enabled is InvalidParameterException
      Given a user pool with MFA OPTIONAL and TOTP available
      And a confirmed user
      And the user has registered a TOTP authenticator
      When the client sends a signed AdminSetUserMFAPreference request:
        """
        { "UserPoolId": "${UserPoolId}", "Username": "${Username}",
          "SoftwareTokenMfaSettings": { "Enabled": false, "PreferredMfa": true } }
        """
      Then the response status is 400
      And the error code is "InvalidParameterException"
      And the error carries a message

  Rule: B7 — TOTP cannot be enabled before an authenticator is registered (admin page says it can)

    Background:
      Given a user pool with MFA OPTIONAL and TOTP available
      And a confirmed user

    @B7 @documented @conflict-totp-before-registration
    Scenario: The admin page says an administrator can make TOTP preferred before the user registers an authenticator
      When the client sends a signed AdminSetUserMFAPreference request:
        """
        { "UserPoolId": "${UserPoolId}", "Username": "${Username}",
          "SoftwareTokenMfaSettings": { "Enabled": true, "PreferredMfa": true } }
        """
      Then the response status is 200
      And the response body is exactly "{}" (fidelity)
      When the administrator reads the user back
      Then the response at "PreferredMfaSetting" is "SOFTWARE_TOKEN_MFA"

    @B7 @aws-verified @conflict-totp-before-registration
    Scenario: AWS rejects TOTP for a user with no registered authenticator and keeps the user's settings
      When the client sends a signed AdminSetUserMFAPreference request:
        """
        { "UserPoolId": "${UserPoolId}", "Username": "${Username}",
          "SoftwareTokenMfaSettings": { "Enabled": true, "PreferredMfa": true } }
        """
      Then the response status is 400
      And the error code is "InvalidParameterException"
      And the error message is "User does not have delivery config set to turn on SOFTWARE_TOKEN_MFA" (fidelity)
      When the administrator reads the user back
      Then the response at "UserMFASettingList" is absent or an empty list
      And the response at "PreferredMfaSetting" is absent or an empty string

  Rule: B8 — the preference operations don't reset an existing TOTP

    @B8 @documented
    Scenario: TOTP turned off and on again works without a new AssociateSoftwareToken, and the old authenticator still signs in
      Given a user pool with MFA OPTIONAL and TOTP available
      And a confirmed user
      And the user has registered a TOTP authenticator
      And the administrator has set the user's MFA preference:
        """
        { "UserPoolId": "${UserPoolId}", "Username": "${Username}",
          "SoftwareTokenMfaSettings": { "Enabled": true, "PreferredMfa": true } }
        """
      And the administrator has set the user's MFA preference:
        """
        { "UserPoolId": "${UserPoolId}", "Username": "${Username}",
          "SoftwareTokenMfaSettings": { "Enabled": false, "PreferredMfa": false } }
        """
      When the client sends a signed AdminSetUserMFAPreference request:
        """
        { "UserPoolId": "${UserPoolId}", "Username": "${Username}",
          "SoftwareTokenMfaSettings": { "Enabled": true, "PreferredMfa": true } }
        """
      Then the response status is 200
      When the user signs in with their password
      Then the sign-in returns the challenge "SOFTWARE_TOKEN_MFA"
      When the user answers the challenge with a fresh TOTP code
      Then the sign-in succeeds without a challenge

  Rule: B9 — email MFA needs the Essentials tier or higher

    @B9 @documented
    Scenario: Email MFA cannot be turned on for a user in a Lite-tier pool
      Given a user pool with MFA OPTIONAL and TOTP available on the LITE tier
      And a confirmed user with an email address
      When the client sends a signed AdminSetUserMFAPreference request:
        """
        { "UserPoolId": "${UserPoolId}", "Username": "${Username}",
          "EmailMfaSettings": { "Enabled": true, "PreferredMfa": true } }
        """
      Then the request is rejected with a client error
      When the administrator reads the user back
      Then the response at "UserMFASettingList" is absent or an empty list

    @B9 @documented @needs-email
    Scenario: Email MFA can be turned on and preferred for a user with an email address in an Essentials pool
      Given a user pool with MFA OPTIONAL and TOTP and email available on the ESSENTIALS tier
      And a confirmed user with an email address
      When the client sends a signed AdminSetUserMFAPreference request:
        """
        { "UserPoolId": "${UserPoolId}", "Username": "${Username}",
          "EmailMfaSettings": { "Enabled": true, "PreferredMfa": true } }
        """
      Then the response status is 200
      When the administrator reads the user back
      Then the response at "UserMFASettingList" lists exactly "EMAIL_OTP"
      And the response at "PreferredMfaSetting" is "EMAIL_OTP"

  Rule: B12 — enabling SMS needs a phone_number

    @B12 @aws-verified @needs-sms
    Scenario: SMS MFA cannot be turned on for a user without a phone_number
      Given a user pool with MFA OPTIONAL and TOTP and SMS available
      And a confirmed user
      When the client sends a signed AdminSetUserMFAPreference request:
        """
        { "UserPoolId": "${UserPoolId}", "Username": "${Username}",
          "SMSMfaSettings": { "Enabled": true, "PreferredMfa": true } }
        """
      Then the response status is 400
      And the error code is "InvalidParameterException"
      And the error carries a message

  Rule: B17 — every factor disabled: 200, no preferred factor, no challenge

    Background:
      Given a user pool with MFA OPTIONAL and TOTP available
      And a confirmed user

    @B17 @aws-verified
    Scenario: TOTP turned off for a user who never registered one answers 200 and sign-in asks for no MFA
      When the client sends a signed AdminSetUserMFAPreference request:
        """
        { "UserPoolId": "${UserPoolId}", "Username": "${Username}",
          "SoftwareTokenMfaSettings": { "Enabled": false, "PreferredMfa": false } }
        """
      Then the response status is 200
      And the response body is exactly "{}" (fidelity)
      When the user signs in with their password
      Then the sign-in succeeds without a challenge

    @B17 @aws-verified
    Scenario: Every factor turned off answers 200 and leaves no preferred factor
      Given the user has registered a TOTP authenticator
      And the administrator has set the user's MFA preference:
        """
        { "UserPoolId": "${UserPoolId}", "Username": "${Username}",
          "SoftwareTokenMfaSettings": { "Enabled": true, "PreferredMfa": true } }
        """
      When the client sends a signed AdminSetUserMFAPreference request:
        """
        { "UserPoolId": "${UserPoolId}", "Username": "${Username}",
          "SMSMfaSettings": { "Enabled": false, "PreferredMfa": false },
          "SoftwareTokenMfaSettings": { "Enabled": false, "PreferredMfa": false } }
        """
      Then the response status is 200
      When the administrator reads the user back
      Then the response at "UserMFASettingList" is absent or an empty list
      And the response at "PreferredMfaSetting" is absent or an empty string

  Rule: B18 — a preference call with no settings members is a no-op

    @B18 @inferred
    Scenario: A request with no settings members answers 200 and changes nothing
      Given a user pool with MFA OPTIONAL and TOTP available
      And a confirmed user
      And the user has registered a TOTP authenticator
      And the administrator has set the user's MFA preference:
        """
        { "UserPoolId": "${UserPoolId}", "Username": "${Username}",
          "SoftwareTokenMfaSettings": { "Enabled": true, "PreferredMfa": true } }
        """
      When the client sends a signed AdminSetUserMFAPreference request:
        """
        { "UserPoolId": "${UserPoolId}", "Username": "${Username}" }
        """
      Then the response status is 200
      And the response body is exactly "{}" (fidelity)
      When the administrator reads the user back
      Then the response at "UserMFASettingList" lists exactly "SOFTWARE_TOKEN_MFA"
      And the response at "PreferredMfaSetting" is "SOFTWARE_TOKEN_MFA"

  Rule: B19 — updates are per factor

    @B19 @documented
    Scenario: A request that names only SMS leaves TOTP enabled and preferred
      Given a user pool with MFA OPTIONAL and TOTP available
      And a confirmed user
      And the user has registered a TOTP authenticator
      And the administrator has set the user's MFA preference:
        """
        { "UserPoolId": "${UserPoolId}", "Username": "${Username}",
          "SoftwareTokenMfaSettings": { "Enabled": true, "PreferredMfa": true } }
        """
      When the client sends a signed AdminSetUserMFAPreference request:
        """
        { "UserPoolId": "${UserPoolId}", "Username": "${Username}",
          "SMSMfaSettings": { "Enabled": false, "PreferredMfa": false } }
        """
      Then the response status is 200
      When the administrator reads the user back
      Then the response at "UserMFASettingList" lists exactly "SOFTWARE_TOKEN_MFA"
      And the response at "PreferredMfaSetting" is "SOFTWARE_TOKEN_MFA"

    @B19 @documented @needs-sms
    Scenario: Enabling TOTP without a preference keeps SMS enabled and preferred
      Given a user pool with MFA OPTIONAL and TOTP and SMS available
      And a confirmed user with a phone number
      And the user has registered a TOTP authenticator
      And the administrator has set the user's MFA preference:
        """
        { "UserPoolId": "${UserPoolId}", "Username": "${Username}",
          "SMSMfaSettings": { "Enabled": true, "PreferredMfa": true } }
        """
      When the client sends a signed AdminSetUserMFAPreference request:
        """
        { "UserPoolId": "${UserPoolId}", "Username": "${Username}",
          "SoftwareTokenMfaSettings": { "Enabled": true, "PreferredMfa": false } }
        """
      Then the response status is 200
      When the administrator reads the user back
      Then the response at "UserMFASettingList" lists exactly "SMS_MFA, SOFTWARE_TOKEN_MFA"
      And the response at "PreferredMfaSetting" is "SMS_MFA"

    @B19 @inferred
    Scenario: PreferredMfa false on the preferred factor clears the preference but keeps the factor enabled
      Given a user pool with MFA OPTIONAL and TOTP available
      And a confirmed user
      And the user has registered a TOTP authenticator
      And the administrator has set the user's MFA preference:
        """
        { "UserPoolId": "${UserPoolId}", "Username": "${Username}",
          "SoftwareTokenMfaSettings": { "Enabled": true, "PreferredMfa": true } }
        """
      When the client sends a signed AdminSetUserMFAPreference request:
        """
        { "UserPoolId": "${UserPoolId}", "Username": "${Username}",
          "SoftwareTokenMfaSettings": { "Enabled": true, "PreferredMfa": false } }
        """
      Then the response status is 200
      When the administrator reads the user back
      Then the response at "UserMFASettingList" lists exactly "SOFTWARE_TOKEN_MFA"
      And the response at "PreferredMfaSetting" is absent or an empty string

  Rule: B20 — MFA-required pool: docs forbid turning factors off; the service accepts it

    Background:
      Given a user pool with MFA ON and TOTP available
      And a confirmed user
      And the user signs in with their password
      And the user completes MFA setup with a new TOTP authenticator

    @B20 @documented @conflict-required-pool-disable
    Scenario: The docs say a factor cannot be turned off while the pool requires MFA
      Given the administrator has set the user's MFA preference:
        """
        { "UserPoolId": "${UserPoolId}", "Username": "${Username}",
          "SoftwareTokenMfaSettings": { "Enabled": true, "PreferredMfa": true } }
        """
      When the client sends a signed AdminSetUserMFAPreference request:
        """
        { "UserPoolId": "${UserPoolId}", "Username": "${Username}",
          "SoftwareTokenMfaSettings": { "Enabled": false, "PreferredMfa": false } }
        """
      Then the request is rejected with a client error

    @B20 @aws-verified @conflict-required-pool-disable
    Scenario: AWS accepts turning a factor off while the pool requires MFA, and sign-in still asks for MFA
      Given the administrator has set the user's MFA preference:
        """
        { "UserPoolId": "${UserPoolId}", "Username": "${Username}",
          "SoftwareTokenMfaSettings": { "Enabled": true, "PreferredMfa": true } }
        """
      When the client sends a signed AdminSetUserMFAPreference request:
        """
        { "UserPoolId": "${UserPoolId}", "Username": "${Username}",
          "SoftwareTokenMfaSettings": { "Enabled": false, "PreferredMfa": false } }
        """
      Then the response status is 200
      When the administrator reads the user back
      Then the response at "UserMFASettingList" is absent or an empty list
      And the response at "PreferredMfaSetting" is absent or an empty string
      When the user signs in with their password
      Then the sign-in returns the challenge "SOFTWARE_TOKEN_MFA"
