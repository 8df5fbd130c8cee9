@AdminSetUserSettings
Feature: AdminSetUserSettings, the legacy switch for SMS MFA
  "This action is no longer supported. You can use it to configure only SMS MFA." An administrator,
  authorised by IAM (SigV4), sends MFAOptions: a list of {DeliveryMedium, AttributeName}. All three
  members are required; the list has no length limit, so an empty list is valid and turns legacy SMS
  MFA off. The effect shows in AdminGetUser/GetUser as MFAOptions.

  Rule: B13 — AdminSetUserSettings configures SMS only

    @B13 @documented @needs-sms
    Scenario: SMS to phone_number turns legacy SMS MFA on and answers 200 {}
      Given a user pool with MFA OPTIONAL and TOTP and SMS available
      And a confirmed user with a phone number
      When the client sends a signed AdminSetUserSettings request:
        """
        { "UserPoolId": "${UserPoolId}", "Username": "${Username}",
          "MFAOptions": [ { "DeliveryMedium": "SMS", "AttributeName": "phone_number" } ] }
        """
      Then the response status is 200
      And the response body is exactly "{}" (fidelity)

  Rule: B15 — MFAOptions reflects only legacy SMS MFA

    @B15 @aws-verified @needs-sms
    Scenario: Legacy SMS MFA reads back as MFAOptions, not as UserMFASettingList
      Given a user pool with MFA OPTIONAL and TOTP and SMS available
      And a confirmed user with a phone number
      When the client sends a signed AdminSetUserSettings request:
        """
        { "UserPoolId": "${UserPoolId}", "Username": "${Username}",
          "MFAOptions": [ { "DeliveryMedium": "SMS", "AttributeName": "phone_number" } ] }
        """
      Then the response status is 200
      When the administrator reads the user back
      Then the response at "MFAOptions" equals:
        """
        [ { "DeliveryMedium": "SMS", "AttributeName": "phone_number" } ]
        """
      And the response at "UserMFASettingList" is absent or an empty list
      And the response at "PreferredMfaSetting" is absent or an empty string

  Rule: B14 — AdminSetUserSettings with an empty MFAOptions list turns legacy SMS off; the list is required

    @B14 @aws-verified @needs-sms
    Scenario: An empty MFAOptions list is valid and turns legacy SMS MFA off
      Given a user pool with MFA OPTIONAL and TOTP and SMS available
      And a confirmed user with a phone number
      And the administrator has set the user's legacy MFA options:
        """
        { "UserPoolId": "${UserPoolId}", "Username": "${Username}",
          "MFAOptions": [ { "DeliveryMedium": "SMS", "AttributeName": "phone_number" } ] }
        """
      When the client sends a signed AdminSetUserSettings request:
        """
        { "UserPoolId": "${UserPoolId}", "Username": "${Username}", "MFAOptions": [] }
        """
      Then the response status is 200
      And the response body is exactly "{}" (fidelity)
      When the administrator reads the user back
      Then the response at "MFAOptions" is absent or an empty list

    @B14 @S1.4 @documented
    Scenario: A request without MFAOptions is InvalidParameterException: the member is required
      Given a user pool with MFA OPTIONAL and TOTP available
      And a confirmed user
      When the client sends a signed AdminSetUserSettings request:
        """
        { "UserPoolId": "${UserPoolId}", "Username": "${Username}" }
        """
      Then the response status is 400
      And the error code is "InvalidParameterException"
      And the error carries a message

  Rule: B13 — AdminSetUserSettings configures SMS only

    Background:
      Given a user pool with MFA OPTIONAL and TOTP available
      And a confirmed user with an email address

    @B13 @aws-verified
    Scenario: EMAIL delivery is InvalidParameterException: only SMS to phone_number is supported
      When the client sends a signed AdminSetUserSettings request:
        """
        { "UserPoolId": "${UserPoolId}", "Username": "${Username}",
          "MFAOptions": [ { "DeliveryMedium": "EMAIL", "AttributeName": "email" } ] }
        """
      Then the response status is 400
      And the error code is "InvalidParameterException"
      And the error carries a message
      When the administrator reads the user back
      Then the response at "MFAOptions" is absent or an empty list

    @B13 @aws-verified
    Scenario: An attribute other than phone_number is InvalidParameterException
      When the client sends a signed AdminSetUserSettings request:
        """
        { "UserPoolId": "${UserPoolId}", "Username": "${Username}",
          "MFAOptions": [ { "DeliveryMedium": "SMS", "AttributeName": "email" } ] }
        """
      Then the response status is 400
      And the error code is "InvalidParameterException"
      And the error carries a message

  Rule: S1.4 — AdminSetUserSettings: SigV4/IAM, members and constraints

    Background:
      Given a user pool with MFA OPTIONAL and TOTP available

    # AWS was seen answering constraint violations like this on sibling operations only (catalogue 1.1,
    # "Constraint violations": INFERRED for these three operations), so these scenarios are @inferred.
    # features/constraints_*.feature check every modelled constraint, generated from the table.
    @S1.4 @inferred
    Scenario: An AdminSetUserSettings request without UserPoolId is InvalidParameterException with HTTP 400
      Given a confirmed user
      When the client sends a signed AdminSetUserSettings request:
        """
        { "Username": "${Username}", "MFAOptions": [] }
        """
      Then the response status is 400
      And the error code is "InvalidParameterException"
      And the error carries a message

    @S1.4 @inferred
    Scenario: An AdminSetUserSettings request without Username is InvalidParameterException with HTTP 400
      When the client sends a signed AdminSetUserSettings request:
        """
        { "UserPoolId": "${UserPoolId}", "MFAOptions": [] }
        """
      Then the response status is 400
      And the error code is "InvalidParameterException"
      And the error carries a message

    @S1.4 @inferred
    Scenario: An AdminSetUserSettings UserPoolId that breaks its pattern is rejected with the AWS validation message
      When the client sends a signed AdminSetUserSettings request:
        """
        { "UserPoolId": "not-a-pool-id", "Username": "someone", "MFAOptions": [] }
        """
      Then the response status is 400
      And the error code is "InvalidParameterException"
      And the error message is "1 validation error detected: Value 'not-a-pool-id' at 'userPoolId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\w-]+_[0-9a-zA-Z]+"

    @S1.4 @inferred
    Scenario Outline: An MFAOptions entry whose <member> breaks its constraint (<constraint>) is InvalidParameterException
      Given a confirmed user with a phone number
      When the client sends a signed AdminSetUserSettings request:
        """
        { "UserPoolId": "${UserPoolId}", "Username": "${Username}",
          "MFAOptions": [ { "DeliveryMedium": <medium>, "AttributeName": <attribute> } ] }
        """
      Then the response status is 400
      And the error code is "InvalidParameterException"
      And the error carries a message

      Examples:
        | member         | constraint                        | medium  | attribute                           |
        | DeliveryMedium | one of SMS, EMAIL                 | "VOICE" | "phone_number"                      |
        | AttributeName  | at most 32 characters             | "SMS"   | "phone_number_phone_number_phone_n" |
        | AttributeName  | at least 1 character              | "SMS"   | ""                                  |
        | AttributeName  | no control characters             | "SMS"   | "phone\u0007number"                 |

    @S1.4 @inferred
    Scenario: A UserPoolId longer than 55 characters is InvalidParameterException
      When the client sends a signed AdminSetUserSettings request:
        """
        { "UserPoolId": "${TooLongUserPoolId}", "Username": "someone", "MFAOptions": [] }
        """
      Then the response status is 400
      And the error code is "InvalidParameterException"
      And the error carries a message

    @S1.4 @inferred
    Scenario: A Username longer than 128 characters is InvalidParameterException
      When the client sends a signed AdminSetUserSettings request:
        """
        { "UserPoolId": "${UserPoolId}", "Username": "${TooLongUsername}", "MFAOptions": [] }
        """
      Then the response status is 400
      And the error code is "InvalidParameterException"
      And the error carries a message

  Rule: B11 — SetUserMFAPreference is token-authorised and works unsigned; token failures are NotAuthorizedException

    @B11 @S1.4 @documented
    Scenario: An unsigned AdminSetUserSettings request is rejected: the operation needs IAM credentials
      Given a user pool with MFA OPTIONAL and TOTP available
      And a confirmed user
      When the client sends an unsigned AdminSetUserSettings request:
        """
        { "UserPoolId": "${UserPoolId}", "Username": "${Username}", "MFAOptions": [] }
        """
      Then the request is rejected with a client error

  Rule: B26 — unknown user is UserNotFoundException, unknown pool ResourceNotFoundException

    Background:
      Given a user pool with MFA OPTIONAL and TOTP available

    @B26 @aws-verified
    Scenario: An unknown user is UserNotFoundException "User does not exist."
      When the client sends a signed AdminSetUserSettings request:
        """
        { "UserPoolId": "${UserPoolId}", "Username": "${UnknownUsername}", "MFAOptions": [] }
        """
      Then the response status is 400
      And the error code is "UserNotFoundException"
      And the error message is "User does not exist."

    @B26 @aws-verified
    Scenario: AdminSetUserSettings on an unknown user pool is ResourceNotFoundException with HTTP 400
      When the client sends a signed AdminSetUserSettings request:
        """
        { "UserPoolId": "${UnknownUserPoolId}", "Username": "someone", "MFAOptions": [] }
        """
      Then the response status is 400
      And the error code is "ResourceNotFoundException"
      And the error carries a message
