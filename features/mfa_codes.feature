Feature: MFA codes: wrong codes are refused, and a challenge says where its code went
  What RespondToAuthChallenge and VerifySoftwareToken answer to a code that is wrong, what an SMS_MFA
  challenge tells the client, when a pool's TOTP setting refuses a new authenticator, and the lockout
  after repeated wrong codes. The harness never reads an SMS, so a wrong SMS code is a fixed one.

  Rule: B22 — sign-in challenge consequences (SOFTWARE_TOKEN_MFA, MFA_SETUP, SMS_MFA, EMAIL_OTP, code reuse)

    @B22 @documented @RespondToAuthChallenge
    Scenario: A wrong TOTP code at sign-in is CodeMismatchException
      Given a user pool with MFA OPTIONAL and TOTP available
      And a confirmed user
      And the user has registered a TOTP authenticator
      And the administrator has set the user's MFA preference:
        """
        { "UserPoolId": "${UserPoolId}", "Username": "${Username}",
          "SoftwareTokenMfaSettings": { "Enabled": true, "PreferredMfa": true } }
        """
      And the user signs in with their password
      And the sign-in returns the challenge "SOFTWARE_TOKEN_MFA"
      When the user answers the challenge with a wrong TOTP code
      Then the response status is 400
      And the error code is "CodeMismatchException"

    @B22 @aws-verified @RespondToAuthChallenge @needs-sms
    Scenario: A wrong SMS code at sign-in is CodeMismatchException
      Given a user pool with MFA OPTIONAL and TOTP and SMS available
      And a confirmed user with a phone number
      And the administrator has set the user's MFA preference:
        """
        { "UserPoolId": "${UserPoolId}", "Username": "${Username}",
          "SMSMfaSettings": { "Enabled": true, "PreferredMfa": true } }
        """
      And the user signs in with their password
      And the sign-in returns the challenge "SMS_MFA"
      When the user answers the challenge with a wrong SMS code
      Then the response status is 400
      And the error code is "CodeMismatchException"

    @B22 @aws-verified @InitiateAuth @needs-sms
    Scenario: The SMS_MFA challenge says the code went by SMS and to which masked number
      Given a user pool with MFA OPTIONAL and TOTP and SMS available
      And a confirmed user with a phone number
      And the administrator has set the user's MFA preference:
        """
        { "UserPoolId": "${UserPoolId}", "Username": "${Username}",
          "SMSMfaSettings": { "Enabled": true, "PreferredMfa": true } }
        """
      When the user signs in with their password
      Then the sign-in returns the challenge "SMS_MFA"
      And the response at "ChallengeParameters.CODE_DELIVERY_DELIVERY_MEDIUM" is "SMS"
      And the response at "ChallengeParameters.CODE_DELIVERY_DESTINATION" is present

    @B22 @aws-verified @VerifySoftwareToken
    Scenario: VerifySoftwareToken with a code the authenticator never produced is EnableSoftwareTokenMFAException
      Given a user pool with MFA OPTIONAL and TOTP available
      And a confirmed user
      And the user has signed in
      When the user verifies a new TOTP authenticator with a wrong code
      Then the response status is 400
      And the error code is "EnableSoftwareTokenMFAException"

  Rule: B23 — disabling TOTP at the pool keeps existing tokens

    @B23 @documented @AssociateSoftwareToken
    Scenario: In a pool that never enabled TOTP, AssociateSoftwareToken is SoftwareTokenMFANotFoundException
      Given a user pool with MFA OFF
      And a confirmed user
      When the client sends an unsigned AssociateSoftwareToken request:
        """
        { "AccessToken": "${AccessToken}" }
        """
      Then the response status is 400
      And the error code is "SoftwareTokenMFANotFoundException"

    # The pool keeps SMS so that MFA can stay OPTIONAL: a pool with MFA on must offer a factor
    # (catalogue M20), and the page speaks of users who go on using TOTP "for MFA".
    @B23 @documented @InitiateAuth @RespondToAuthChallenge @needs-sms
    Scenario: After the pool turns TOTP off, a user's verified authenticator is still asked for and still signs in
      Given a user pool of its own with MFA OPTIONAL and TOTP and SMS available
      And a confirmed user
      And the user has registered a TOTP authenticator
      And the administrator has set the user's MFA preference:
        """
        { "UserPoolId": "${UserPoolId}", "Username": "${Username}",
          "SoftwareTokenMfaSettings": { "Enabled": true, "PreferredMfa": true } }
        """
      And the administrator turns TOTP off for the pool
      When the user signs in with their password
      Then the sign-in returns the challenge "SOFTWARE_TOKEN_MFA"
      When the user answers the challenge with a fresh TOTP code
      Then the sign-in succeeds without a challenge

  Rule: B30 — lockout after five failed MFA codes

    @B30 @documented @RespondToAuthChallenge
    Scenario: After five wrong TOTP codes in a row the next sign-in is refused, even with a right code
      Given a user pool with MFA OPTIONAL and TOTP available
      And a confirmed user
      And the user has registered a TOTP authenticator
      And the administrator has set the user's MFA preference:
        """
        { "UserPoolId": "${UserPoolId}", "Username": "${Username}",
          "SoftwareTokenMfaSettings": { "Enabled": true, "PreferredMfa": true } }
        """
      When the user fails the TOTP challenge 5 times in a row
      And the user signs in and answers the challenge with a fresh TOTP code
      Then the request is rejected with a client error
