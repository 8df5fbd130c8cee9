Feature: Reading MFA settings back with AdminGetUser and GetUser
  UserMFASettingList and PreferredMfaSetting are absent, not empty, until something is set, and are
  present after a preference operation. PreferredMfaSetting is never "". MFAOptions reflects only
  legacy SMS MFA set by AdminSetUserSettings.

  Rule: B16 — UserMFASettingList/PreferredMfaSetting absent, not empty, until set

    Background:
      Given a user pool with MFA OPTIONAL and TOTP available
      And a confirmed user

    @B16 @aws-verified @AdminGetUser
    Scenario: AdminGetUser of a user who never set MFA has no UserMFASettingList or PreferredMfaSetting
      When the administrator reads the user back
      Then the response status is 200
      And the response at "UserMFASettingList" is absent
      And the response at "PreferredMfaSetting" is absent

    @B16 @aws-verified @GetUser
    Scenario: GetUser of a user who never set MFA has no UserMFASettingList or PreferredMfaSetting
      Given the user has signed in
      When the user reads their own profile back
      Then the response status is 200
      And the response at "UserMFASettingList" is absent
      And the response at "PreferredMfaSetting" is absent

    @B16 @aws-verified @AdminGetUser
    Scenario: After AdminSetUserMFAPreference, AdminGetUser lists the enabled factor and the preferred one
      Given the user has registered a TOTP authenticator
      And the administrator has set the user's MFA preference:
        """
        { "UserPoolId": "${UserPoolId}", "Username": "${Username}",
          "SoftwareTokenMfaSettings": { "Enabled": true, "PreferredMfa": true } }
        """
      When the administrator reads the user back
      Then the response status is 200
      And the response at "UserMFASettingList" lists exactly "SOFTWARE_TOKEN_MFA"
      And the response at "PreferredMfaSetting" is "SOFTWARE_TOKEN_MFA"

    @B16 @aws-verified @GetUser
    Scenario: After AdminSetUserMFAPreference, GetUser lists the enabled factor and the preferred one
      Given the user has registered a TOTP authenticator
      And the administrator has set the user's MFA preference:
        """
        { "UserPoolId": "${UserPoolId}", "Username": "${Username}",
          "SoftwareTokenMfaSettings": { "Enabled": true, "PreferredMfa": true } }
        """
      When the user reads their own profile back
      Then the response status is 200
      And the response at "UserMFASettingList" lists exactly "SOFTWARE_TOKEN_MFA"
      And the response at "PreferredMfaSetting" is "SOFTWARE_TOKEN_MFA"

    @B16 @aws-verified @AdminGetUser
    Scenario: A factor enabled without a preference leaves PreferredMfaSetting absent, never ""
      Given the user has registered a TOTP authenticator
      And the administrator has set the user's MFA preference:
        """
        { "UserPoolId": "${UserPoolId}", "Username": "${Username}",
          "SoftwareTokenMfaSettings": { "Enabled": true, "PreferredMfa": false } }
        """
      When the administrator reads the user back
      Then the response at "UserMFASettingList" lists exactly "SOFTWARE_TOKEN_MFA"
      And the response at "PreferredMfaSetting" is absent

    @B16 @aws-verified @GetUser
    Scenario: GetUser after SetUserMFAPreference enables TOTP without a preference: listed, PreferredMfaSetting absent
      Given the user has registered a TOTP authenticator
      And the client sends an unsigned SetUserMFAPreference request:
        """
        { "AccessToken": "${AccessToken}",
          "SoftwareTokenMfaSettings": { "Enabled": true, "PreferredMfa": false } }
        """
      And the response status is 200
      When the user reads their own profile back
      Then the response at "UserMFASettingList" lists exactly "SOFTWARE_TOKEN_MFA"
      And the response at "PreferredMfaSetting" is absent

  Rule: B15 — MFAOptions reflects only legacy SMS MFA

    # MFAOptions is B15's alone: the scenarios above leave it out, so a target that always sends
    # "MFAOptions": [] fails here once per operation, not in every read-back scenario.
    @B15 @aws-verified @AdminGetUser
    Scenario: AdminGetUser has no MFAOptions for a user without legacy SMS MFA, before or after a preference operation
      Given a user pool with MFA OPTIONAL and TOTP available
      And a confirmed user
      And the user has registered a TOTP authenticator
      When the administrator reads the user back
      Then the response at "MFAOptions" is absent
      Given the administrator has set the user's MFA preference:
        """
        { "UserPoolId": "${UserPoolId}", "Username": "${Username}",
          "SoftwareTokenMfaSettings": { "Enabled": true, "PreferredMfa": true } }
        """
      When the administrator reads the user back
      Then the response at "MFAOptions" is absent

    @B15 @aws-verified @GetUser
    Scenario: GetUser has no MFAOptions for a user without legacy SMS MFA, before or after a preference operation
      Given a user pool with MFA OPTIONAL and TOTP available
      And a confirmed user
      And the user has registered a TOTP authenticator
      When the user reads their own profile back
      Then the response at "MFAOptions" is absent
      Given the administrator has set the user's MFA preference:
        """
        { "UserPoolId": "${UserPoolId}", "Username": "${Username}",
          "SoftwareTokenMfaSettings": { "Enabled": true, "PreferredMfa": true } }
        """
      When the user reads their own profile back
      Then the response at "MFAOptions" is absent

    @B15 @aws-verified @GetUser @needs-sms
    Scenario: GetUser shows legacy SMS MFA as MFAOptions and not in UserMFASettingList
      Given a user pool with MFA OPTIONAL and TOTP and SMS available
      And a confirmed user with a phone number
      And the user has signed in
      And the administrator has set the user's legacy MFA options:
        """
        { "UserPoolId": "${UserPoolId}", "Username": "${Username}",
          "MFAOptions": [ { "DeliveryMedium": "SMS", "AttributeName": "phone_number" } ] }
        """
      When the user reads their own profile back
      Then the response at "MFAOptions" equals:
        """
        [ { "DeliveryMedium": "SMS", "AttributeName": "phone_number" } ]
        """
      And the response at "UserMFASettingList" is absent
