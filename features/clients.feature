Feature: The documentation's clients (AWS CLI, boto3) against the target
  The AWS CLI set-user-mfa-preference example and boto3's admin_set_user_mfa_preference, run as real
  processes against the target with this run's pools, users, tokens and credentials. The harness adds
  --endpoint-url and --region, passes the credentials in the environment (no profile, retries off) and
  puts a loopback recording proxy between the client and the target: "the response" in these scenarios
  is the HTTP exchange the client itself made. Both clients drop response members their model does not
  know, so only that exchange shows whether the success body is the documented {}.
  A client that is not installed makes its scenarios not applicable, with the reason
  (scripts/install-clients.sh installs both). The JavaScript client, amazon-cognito-identity-js (what
  Amplify and most browser apps sign in with), runs in Node.js and signs in with its own USER_SRP_AUTH:
  it is the independent check of the target's SRP (scripts/install-js-client.sh installs it).

  @B2 @documented @SetUserMFAPreference @client-cli @needs-aws-cli
  Scenario: AWS CLI: the documented set-user-mfa-preference example exits 0 and prints nothing
    Given the AWS CLI is installed
    And a user pool with MFA OPTIONAL and TOTP available
    And a confirmed user
    And the user has registered a TOTP authenticator
    And the sample's values stand for this scenario's fixtures:
      | eyJra12345EXAMPLE | AccessToken |
    When the client runs the AWS CLI command:
      """
      aws cognito-idp set-user-mfa-preference \
          --access-token "eyJra12345EXAMPLE" \
          --software-token-mfa-settings Enabled=true,PreferredMfa=true \
          --sms-mfa-settings Enabled=false,PreferredMfa=false
      """
    Then the command exits with status 0
    And the command prints nothing
    And the response status is 200
    And the response body is exactly "{}" (fidelity)

  @B1 @documented @AdminSetUserMFAPreference @client-cli @needs-aws-cli
  Scenario: AWS CLI: admin-set-user-mfa-preference signed with the run's credentials exits 0 and prints nothing
    Given the AWS CLI is installed
    And a user pool with MFA OPTIONAL and TOTP available
    And a confirmed user
    And the user has registered a TOTP authenticator
    When the client runs the AWS CLI command:
      """
      aws cognito-idp admin-set-user-mfa-preference \
          --user-pool-id ${UserPoolId} \
          --username ${Username} \
          --software-token-mfa-settings Enabled=true,PreferredMfa=true
      """
    Then the command exits with status 0
    And the command prints nothing
    And the response status is 200
    And the response body is exactly "{}" (fidelity)

  @B26 @aws-verified @AdminSetUserMFAPreference @client-cli @needs-aws-cli
  Scenario: AWS CLI: admin-set-user-mfa-preference for an unknown user exits non-zero naming UserNotFoundException
    Given the AWS CLI is installed
    And a user pool with MFA OPTIONAL and TOTP available
    When the client runs the AWS CLI command:
      """
      aws cognito-idp admin-set-user-mfa-preference \
          --user-pool-id ${UserPoolId} \
          --username ${UnknownUsername} \
          --sms-mfa-settings Enabled=false,PreferredMfa=false
      """
    Then the command exits with a non-zero status
    And the command's error output names "UserNotFoundException"
    And the response status is 400
    And the error code is "UserNotFoundException"

  @B1 @documented @AdminSetUserMFAPreference @client-boto3 @needs-boto3
  Scenario: boto3: admin_set_user_mfa_preference returns a dict with nothing but ResponseMetadata
    Given boto3 is installed
    And a user pool with MFA OPTIONAL and TOTP available
    And a confirmed user
    And the user has registered a TOTP authenticator
    And the sample's values stand for this scenario's fixtures:
      | us-west-2_EXAMPLE | UserPoolId |
      | testuser          | Username   |
    When the client calls boto3 admin_set_user_mfa_preference with:
      """
      {
        "SMSMfaSettings": { "Enabled": false, "PreferredMfa": false },
        "SoftwareTokenMfaSettings": { "Enabled": true, "PreferredMfa": true },
        "Username": "testuser",
        "UserPoolId": "us-west-2_EXAMPLE"
      }
      """
    Then the call returns a dict with nothing but ResponseMetadata
    And the response status is 200
    And the response body is exactly "{}" (fidelity)

  @B26 @aws-verified @AdminSetUserMFAPreference @client-boto3 @needs-boto3
  Scenario: boto3: admin_set_user_mfa_preference for an unknown user raises client.exceptions.UserNotFoundException
    Given boto3 is installed
    And a user pool with MFA OPTIONAL and TOTP available
    When the client calls boto3 admin_set_user_mfa_preference with:
      """
      {
        "SMSMfaSettings": { "Enabled": false, "PreferredMfa": false },
        "Username": "${UnknownUsername}",
        "UserPoolId": "${UserPoolId}"
      }
      """
    Then the call raises client.exceptions.UserNotFoundException
    And the response status is 400
    And the error code is "UserNotFoundException"

  @B22 @B33 @aws-verified @InitiateAuth @RespondToAuthChallenge @client-js @needs-node
  Scenario: amazon-cognito-identity-js: an SRP sign-in of a user who prefers TOTP answers SOFTWARE_TOKEN_MFA and gets a session
    Given the JavaScript client amazon-cognito-identity-js is installed
    And a user pool with MFA OPTIONAL and TOTP available
    And a confirmed user
    And the user has registered a TOTP authenticator
    And the administrator has set the user's MFA preference:
      """
      { "UserPoolId": "${UserPoolId}", "Username": "${Username}",
        "SoftwareTokenMfaSettings": { "Enabled": true, "PreferredMfa": true } }
      """
    When the client signs in with amazon-cognito-identity-js using USER_SRP_AUTH
    Then the JavaScript client answered "SOFTWARE_TOKEN_MFA" and signed in
    And the response status is 200
