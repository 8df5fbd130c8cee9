Feature: Each client's serializer form of the same request
  AWS's SDKs do not all write a request the same way. aws-sdk-go-v2 leaves out a boolean member
  whose value is false (its MFA settings types have plain bool fields, serialised only when
  true), so Enabled:false, PreferredMfa:false goes on the wire as {}. boto3 and the AWS CLI write
  "Enabled": false. The model gives both booleans the default false (catalogue 1.2: [SM]
  smithy.api#default), so the two forms are one request and a target must treat them alike.
  Each outline runs the forms side by side, one Examples row per client (@form-omits-false,

  Rule: S1.2 — AdminSetUserMFAPreference: SigV4/IAM, members and constraints

    @form-writes-false).
    @S1.2 @documented @AdminSetUserMFAPreference
    Scenario Outline: Turning TOTP off as <client> serialises it leaves no factor enabled
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
          "SoftwareTokenMfaSettings": <settings> }
        """
      Then the response status is 200
      When the administrator reads the user back
      Then the response at "UserMFASettingList" is absent or an empty list

      @form-omits-false
      Examples: aws-sdk-go-v2 leaves false booleans out
        | client        | settings |
        | aws-sdk-go-v2 | {}       |

      @form-writes-false
      Examples: boto3 and the AWS CLI write false
        | client            | settings                                   |
        | boto3 and the CLI | { "Enabled": false, "PreferredMfa": false } |

    @S1.2 @documented @AdminSetUserMFAPreference @needs-sms
    Scenario Outline: Turning SMS off as <client> serialises it leaves no factor enabled
      Given a user pool with MFA OPTIONAL and TOTP and SMS available
      And a confirmed user with a phone number
      And the administrator has set the user's MFA preference:
        """
        { "UserPoolId": "${UserPoolId}", "Username": "${Username}",
          "SMSMfaSettings": { "Enabled": true, "PreferredMfa": true } }
        """
      When the client sends a signed AdminSetUserMFAPreference request:
        """
        { "UserPoolId": "${UserPoolId}", "Username": "${Username}",
          "SMSMfaSettings": <settings> }
        """
      Then the response status is 200
      When the administrator reads the user back
      Then the response at "UserMFASettingList" is absent or an empty list

      @form-omits-false
      Examples: aws-sdk-go-v2 leaves false booleans out
        | client        | settings |
        | aws-sdk-go-v2 | {}       |

      @form-writes-false
      Examples: boto3 and the AWS CLI write false
        | client            | settings                                   |
        | boto3 and the CLI | { "Enabled": false, "PreferredMfa": false } |

  Rule: S1.3 — SetUserMFAPreference: token auth, members and constraints

    @S1.3 @documented @SetUserMFAPreference @needs-sms
    Scenario Outline: A user turning SMS off as <client> serialises it leaves no factor enabled
      Given a user pool with MFA OPTIONAL and TOTP and SMS available
      And a confirmed user with a phone number
      And the user has signed in
      And the administrator has set the user's MFA preference:
        """
        { "UserPoolId": "${UserPoolId}", "Username": "${Username}",
          "SMSMfaSettings": { "Enabled": true, "PreferredMfa": true } }
        """
      When the client sends an unsigned SetUserMFAPreference request:
        """
        { "AccessToken": "${AccessToken}", "SMSMfaSettings": <settings> }
        """
      Then the response status is 200
      When the administrator reads the user back
      Then the response at "UserMFASettingList" is absent or an empty list

      @form-omits-false
      Examples: aws-sdk-go-v2 leaves false booleans out
        | client        | settings |
        | aws-sdk-go-v2 | {}       |

      @form-writes-false
      Examples: boto3 and the AWS CLI write false
        | client            | settings                                   |
        | boto3 and the CLI | { "Enabled": false, "PreferredMfa": false } |
