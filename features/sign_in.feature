Feature: Sign-in challenges that follow from the MFA settings
  What a sign-in answers for pools with MFA OFF, OPTIONAL and ON once the preference operations have
  run, and how RespondToAuthChallenge completes the challenge. Each scenario runs once per auth flow a
  client uses: USER_SRP_AUTH (what AWS's own SDKs and Amplify sign in with; the step library does the
  client side of SRP and answers PASSWORD_VERIFIER, after which the MFA consequence must be the same),
  USER_PASSWORD_AUTH, and ADMIN_USER_PASSWORD_AUTH (AdminInitiateAuth, answered with
  AdminRespondToAuthChallenge). A target whose SRP path treats MFA differently fails that row alone.
  The two sides of the SELECT_MFA_TYPE key conflict (B5) stay single USER_PASSWORD_AUTH scenarios: the
  side a target follows is decided per scenario, and the key is not a question of the flow; so do the
  scenario that owns "SELECT_MFA_TYPE is asked" beside them and B6's factor enabled but not preferred.

  # ---- OPTIONAL pools (B5, B6, B17, B22) --------------------------------------------------------

  @B6 @documented @InitiateAuth
  Scenario: A factor that is enabled but not preferred is still asked at sign-in
    Given a user pool with MFA OPTIONAL and TOTP available
    And a confirmed user
    And the user has registered a TOTP authenticator
    And the administrator has set the user's MFA preference:
      """
      { "UserPoolId": "${UserPoolId}", "Username": "${Username}",
        "SoftwareTokenMfaSettings": { "Enabled": true, "PreferredMfa": false } }
      """
    When the user signs in with their password
    Then the sign-in returns the challenge "SOFTWARE_TOKEN_MFA"

  @B22 @aws-verified @InitiateAuth
  Scenario Outline: TOTP preferred in an OPTIONAL pool: SOFTWARE_TOKEN_MFA, answered with a fresh code, gives tokens (<flow>)
    Given a user pool with MFA OPTIONAL and TOTP available
    And a confirmed user
    And the user has registered a TOTP authenticator
    And the administrator has set the user's MFA preference:
      """
      { "UserPoolId": "${UserPoolId}", "Username": "${Username}",
        "SoftwareTokenMfaSettings": { "Enabled": true, "PreferredMfa": true } }
      """
    When the user signs in with <flow>
    Then the sign-in returns the challenge "SOFTWARE_TOKEN_MFA"
    When the user answers the challenge with a fresh TOTP code
    Then the sign-in succeeds without a challenge

    Examples:
      | flow                     |
      | USER_SRP_AUTH            |
      | USER_PASSWORD_AUTH       |
      | ADMIN_USER_PASSWORD_AUTH |

  @B22 @aws-verified @RespondToAuthChallenge
  Scenario Outline: A TOTP code used twice is ExpiredCodeException "Your software token has already been used once." (<flow>)
    Given a user pool with MFA OPTIONAL and TOTP available
    And a confirmed user
    And the user has registered a TOTP authenticator
    And the administrator has set the user's MFA preference:
      """
      { "UserPoolId": "${UserPoolId}", "Username": "${Username}",
        "SoftwareTokenMfaSettings": { "Enabled": true, "PreferredMfa": true } }
      """
    And the user signs in with <flow>
    And the user answers the challenge with a fresh TOTP code
    And the sign-in succeeds without a challenge
    When the user signs in with <flow>
    Then the sign-in returns the challenge "SOFTWARE_TOKEN_MFA"
    When the user answers the challenge with the TOTP code they used before
    Then the response status is 400
    And the error code is "ExpiredCodeException"
    And the error message is "Your software token has already been used once."

    Examples:
      | flow                     |
      | USER_SRP_AUTH            |
      | USER_PASSWORD_AUTH       |
      | ADMIN_USER_PASSWORD_AUTH |

  @B22 @documented @InitiateAuth @needs-sms
  Scenario Outline: SMS preferred in an OPTIONAL pool: the sign-in asks SMS_MFA (<flow>)
    Given a user pool with MFA OPTIONAL and TOTP and SMS available
    And a confirmed user with a phone number
    And the administrator has set the user's MFA preference:
      """
      { "UserPoolId": "${UserPoolId}", "Username": "${Username}",
        "SMSMfaSettings": { "Enabled": true, "PreferredMfa": true } }
      """
    When the user signs in with <flow>
    Then the sign-in returns the challenge "SMS_MFA"
    And the response at "Session" is present

    Examples:
      | flow                     |
      | USER_SRP_AUTH            |
      | USER_PASSWORD_AUTH       |
      | ADMIN_USER_PASSWORD_AUTH |

  @B22 @documented @InitiateAuth @needs-email
  Scenario Outline: Email preferred in an OPTIONAL pool: the sign-in asks EMAIL_OTP (<flow>)
    Given a user pool with MFA OPTIONAL and TOTP and email available on the ESSENTIALS tier
    And a confirmed user with an email address
    And the administrator has set the user's MFA preference:
      """
      { "UserPoolId": "${UserPoolId}", "Username": "${Username}",
        "EmailMfaSettings": { "Enabled": true, "PreferredMfa": true } }
      """
    When the user signs in with <flow>
    Then the sign-in returns the challenge "EMAIL_OTP"
    And the response at "Session" is present

    Examples:
      | flow                     |
      | USER_SRP_AUTH            |
      | USER_PASSWORD_AUTH       |
      | ADMIN_USER_PASSWORD_AUTH |

  # Both sides agree that the choice is asked; they differ only on the parameter's name. The
  # scenario below owns "SELECT_MFA_TYPE is asked"; the two sides of the conflict judge the name
  # given that challenge, so a target that never asks it fails once, not on both sides.
  @B5 @aws-verified @InitiateAuth @needs-sms
  Scenario: Two factors enabled and none preferred: the sign-in asks SELECT_MFA_TYPE
    Given a user pool with MFA OPTIONAL and TOTP and SMS available
    And a confirmed user with a phone number
    And the user has registered a TOTP authenticator
    And the administrator has set the user's MFA preference:
      """
      { "UserPoolId": "${UserPoolId}", "Username": "${Username}",
        "SMSMfaSettings": { "Enabled": true, "PreferredMfa": false },
        "SoftwareTokenMfaSettings": { "Enabled": true, "PreferredMfa": false } }
      """
    When the user signs in with their password
    Then the sign-in returns the challenge "SELECT_MFA_TYPE"

  @B5 @documented @InitiateAuth @needs-sms @conflict-select-mfa-key
  Scenario: Two factors enabled and none preferred: SELECT_MFA_TYPE offers both under MFAS_CAN_SELECT, as the guide names it
    Given a user pool with MFA OPTIONAL and TOTP and SMS available
    And a confirmed user with a phone number
    And the user has registered a TOTP authenticator
    And the administrator has set the user's MFA preference:
      """
      { "UserPoolId": "${UserPoolId}", "Username": "${Username}",
        "SMSMfaSettings": { "Enabled": true, "PreferredMfa": false },
        "SoftwareTokenMfaSettings": { "Enabled": true, "PreferredMfa": false } }
      """
    When the user signs in with their password
    Then the sign-in returns the challenge "SELECT_MFA_TYPE", or this scenario does not apply
    And the response at "ChallengeParameters.MFAS_CAN_SELECT" is a JSON string that lists exactly "SMS_MFA, SOFTWARE_TOKEN_MFA"

  @B5 @aws-verified @InitiateAuth @needs-sms @conflict-select-mfa-key
  Scenario: Two factors enabled and none preferred: SELECT_MFA_TYPE offers both under MFAS_CAN_CHOOSE, as AWS's clients read it
    Given a user pool with MFA OPTIONAL and TOTP and SMS available
    And a confirmed user with a phone number
    And the user has registered a TOTP authenticator
    And the administrator has set the user's MFA preference:
      """
      { "UserPoolId": "${UserPoolId}", "Username": "${Username}",
        "SMSMfaSettings": { "Enabled": true, "PreferredMfa": false },
        "SoftwareTokenMfaSettings": { "Enabled": true, "PreferredMfa": false } }
      """
    When the user signs in with their password
    Then the sign-in returns the challenge "SELECT_MFA_TYPE", or this scenario does not apply
    And the response at "ChallengeParameters.MFAS_CAN_CHOOSE" is a JSON string that lists exactly "SMS_MFA, SOFTWARE_TOKEN_MFA"

  @B5 @documented @RespondToAuthChallenge @needs-sms
  Scenario Outline: Choosing SOFTWARE_TOKEN_MFA in SELECT_MFA_TYPE leads to the SOFTWARE_TOKEN_MFA challenge and then tokens (<flow>)
    Given a user pool with MFA OPTIONAL and TOTP and SMS available
    And a confirmed user with a phone number
    And the user has registered a TOTP authenticator
    And the administrator has set the user's MFA preference:
      """
      { "UserPoolId": "${UserPoolId}", "Username": "${Username}",
        "SMSMfaSettings": { "Enabled": true, "PreferredMfa": false },
        "SoftwareTokenMfaSettings": { "Enabled": true, "PreferredMfa": false } }
      """
    And the user signs in with <flow>
    And the sign-in returns the challenge "SELECT_MFA_TYPE"
    When the user chooses SOFTWARE_TOKEN_MFA
    Then the sign-in returns the challenge "SOFTWARE_TOKEN_MFA"
    When the user answers the challenge with a fresh TOTP code
    Then the sign-in succeeds without a challenge

    Examples:
      | flow                     |
      | USER_SRP_AUTH            |
      | USER_PASSWORD_AUTH       |
      | ADMIN_USER_PASSWORD_AUTH |

  @B5 @documented @InitiateAuth @needs-sms
  Scenario Outline: Once a factor is preferred, the sign-in no longer offers a choice (<flow>)
    Given a user pool with MFA OPTIONAL and TOTP and SMS available
    And a confirmed user with a phone number
    And the user has registered a TOTP authenticator
    And the administrator has set the user's MFA preference:
      """
      { "UserPoolId": "${UserPoolId}", "Username": "${Username}",
        "SMSMfaSettings": { "Enabled": true, "PreferredMfa": false },
        "SoftwareTokenMfaSettings": { "Enabled": true, "PreferredMfa": true } }
      """
    When the user signs in with <flow>
    Then the sign-in returns the challenge "SOFTWARE_TOKEN_MFA"

    Examples:
      | flow                     |
      | USER_SRP_AUTH            |
      | USER_PASSWORD_AUTH       |
      | ADMIN_USER_PASSWORD_AUTH |

  @B17 @inferred @InitiateAuth
  Scenario Outline: After the user's only factor is turned off again, sign-in in an OPTIONAL pool asks for no MFA (<flow>)
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
    When the user signs in with <flow>
    Then the sign-in succeeds without a challenge

    Examples:
      | flow                     |
      | USER_SRP_AUTH            |
      | USER_PASSWORD_AUTH       |
      | ADMIN_USER_PASSWORD_AUTH |

  # ---- ON pools (B21, B22b, B31) ----------------------------------------------------------------

  @B22 @B31 @aws-verified @InitiateAuth
  Scenario Outline: MFA required and no factor: the first sign-in asks MFA_SETUP offering SOFTWARE_TOKEN_MFA (<flow>)
    Given a user pool with MFA ON and TOTP available
    And a confirmed user
    When the user signs in with <flow>
    Then the sign-in returns the challenge "MFA_SETUP"
    And the response at "ChallengeParameters.MFAS_CAN_SETUP" is a JSON string that lists exactly "SOFTWARE_TOKEN_MFA"

    Examples:
      | flow                     |
      | USER_SRP_AUTH            |
      | USER_PASSWORD_AUTH       |
      | ADMIN_USER_PASSWORD_AUTH |

  @B22 @aws-verified @RespondToAuthChallenge
  Scenario Outline: MFA_SETUP completed with a new authenticator gives tokens, and later sign-ins ask SOFTWARE_TOKEN_MFA with no preference call (<flow>)
    Given a user pool with MFA ON and TOTP available
    And a confirmed user
    And the user signs in with <flow>
    And the sign-in returns the challenge "MFA_SETUP"
    When the user completes MFA setup with a new TOTP authenticator
    Then the sign-in succeeds without a challenge
    When the user signs in with <flow>
    Then the sign-in returns the challenge "SOFTWARE_TOKEN_MFA"
    When the user answers the challenge with a fresh TOTP code
    Then the sign-in succeeds without a challenge

    Examples:
      | flow                     |
      | USER_SRP_AUTH            |
      | USER_PASSWORD_AUTH       |
      | ADMIN_USER_PASSWORD_AUTH |

  @B21 @aws-verified @InitiateAuth @needs-sms
  Scenario Outline: MFA required and a phone number: SMS_MFA is asked although UserMFASettingList does not list it (<flow>)
    Given a user pool with MFA ON and TOTP and SMS available
    And a confirmed user with a phone number
    When the user signs in with <flow>
    Then the sign-in returns the challenge "SMS_MFA"
    When the administrator reads the user back
    Then the response at "UserMFASettingList" is absent or an empty list

    Examples:
      | flow                     |
      | USER_SRP_AUTH            |
      | USER_PASSWORD_AUTH       |
      | ADMIN_USER_PASSWORD_AUTH |

  # ---- OFF pools --------------------------------------------------------------------------------

  @B22 @inferred @InitiateAuth
  Scenario Outline: MFA OFF at the pool: a user signs in with a password alone (<flow>)
    Given a user pool with MFA OFF
    And a confirmed user
    When the user signs in with <flow>
    Then the sign-in succeeds without a challenge

    Examples:
      | flow                     |
      | USER_SRP_AUTH            |
      | USER_PASSWORD_AUTH       |
      | ADMIN_USER_PASSWORD_AUTH |

  @B22 @inferred @InitiateAuth @needs-sms
  Scenario Outline: MFA OFF at the pool: a user who turned SMS MFA on is still not challenged (<flow>)
    Given a user pool with MFA OFF
    And a confirmed user with a phone number
    And the administrator has set the user's MFA preference:
      """
      { "UserPoolId": "${UserPoolId}", "Username": "${Username}",
        "SMSMfaSettings": { "Enabled": true, "PreferredMfa": true } }
      """
    When the user signs in with <flow>
    Then the sign-in succeeds without a challenge

    Examples:
      | flow                     |
      | USER_SRP_AUTH            |
      | USER_PASSWORD_AUTH       |
      | ADMIN_USER_PASSWORD_AUTH |