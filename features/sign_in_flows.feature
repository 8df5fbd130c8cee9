Feature: The sign-in flows themselves: USER_SRP_AUTH's password proof and unknown users
  What the MFA consequences of features/sign_in.feature rest on. USER_SRP_AUTH proves the password
  without sending it (SRP-6a over RFC 5054's 3072-bit group, as AWS's own clients compute it): a proof
  made from any other password must be refused exactly as a wrong password is. App clients created
  through the API default to PreventUserExistenceErrors LEGACY, under which a sign-in naming nobody
  says so.

  @B33 @inferred @RespondToAuthChallenge
  Scenario: USER_SRP_AUTH: a password claim signed with a wrong password is NotAuthorizedException "Incorrect username or password."
    Given a user pool with MFA OFF
    And a confirmed user
    When the user signs in with USER_SRP_AUTH proving a wrong password
    Then the response status is 400
    And the error code is "NotAuthorizedException"
    And the error message is "Incorrect username or password."

  @B34 @documented @InitiateAuth
  Scenario: A client created through the API (PreventUserExistenceErrors LEGACY by default) says UserNotFoundException for an unknown user
    Given a user pool with MFA OFF
    When the client sends an unsigned InitiateAuth request:
      """
      { "ClientId": "${ClientId}", "AuthFlow": "USER_PASSWORD_AUTH",
        "AuthParameters": { "USERNAME": "${UnknownUsername}", "PASSWORD": "Cc-0123456789ab-Aa1" } }
      """
    Then the response status is 400
    And the error code is "UserNotFoundException"
