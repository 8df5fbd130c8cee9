Feature: Password reset and the MFA settings
  AdminResetUserPassword puts a user in RESET_REQUIRED, the state in which the preference
  operations answer PasswordResetRequiredException (B27); AWS does it only for a user with a
  verified e-mail or phone number, to which it sends the reset code. ForgotPassword says where it
  sent its code, and a user's preferred MFA factor is never that channel (B24). The fixture pools
  set no AccountRecoverySetting, so the documented legacy rule applies: "SMS is preferred over
  email" (AccountRecoverySettingType, CreateUserPool).

  Rule: B27 — PasswordResetRequired/UserNotConfirmed for the preference operations only

    # The precondition is not in the catalogue: the message below is asserted against AWS by public
    # test code (AdminResetUserPassword) and listed in apps' error tables, and ForgotPassword gives
    # it too (amazon-cognito-identity-js#678, aws-sdk-android#142). Tagged with B27's evidence for
    # its trigger, INFERRED. The API reference's "the user pool must have self-service account
    # recovery configured" points the same way.
    @B27 @inferred @AdminResetUserPassword
    Scenario: AdminResetUserPassword refuses a user with no verified e-mail or phone number
      Given a user pool with MFA OPTIONAL and TOTP available
      And a confirmed user
      When the client sends a signed AdminResetUserPassword request:
        """
        { "UserPoolId": "${UserPoolId}", "Username": "${Username}" }
        """
      Then the response status is 400
      And the error code is "InvalidParameterException"
      And the error message is "Cannot reset password for the user as there is no registered/verified email or phone_number"

  Rule: B24 — the preferred MFA factor affects password recovery

    Background:
      Given a user pool with MFA OPTIONAL and TOTP and SMS available
      And a confirmed user with a verified phone number and a verified email address

    @B24 @documented @ForgotPassword @needs-sms
    Scenario: With no MFA preferred, the reset code goes by SMS, as the legacy recovery rule prefers
      When the user asks for a password-reset code
      Then the response status is 200
      And the response at "CodeDeliveryDetails.DeliveryMedium" is "SMS"

    @B24 @documented @ForgotPassword @needs-sms
    Scenario: A user whose preferred MFA is SMS gets the reset code by e-mail, never by SMS
      Given the administrator has set the user's MFA preference:
        """
        { "UserPoolId": "${UserPoolId}", "Username": "${Username}",
          "SMSMfaSettings": { "Enabled": true, "PreferredMfa": true } }
        """
      When the user asks for a password-reset code
      Then the response status is 200
      And the response at "CodeDeliveryDetails.DeliveryMedium" is "EMAIL"
