/** How the console signs in and where the API is: served as /config.json beside the page. */
export type ConsoleConfig =
  | {
      /** `npm start`: the local server mints a token for a user id picked at sign-in. */
      readonly mode: 'local';
      readonly apiUrl: string;
    }
  | {
      /** Deployed: Cognito hosted UI, authorization code with PKCE. */
      readonly mode: 'cognito';
      readonly apiUrl: string;
      /** The hosted UI's base URL, e.g. https://ledger-123.auth.eu-west-1.amazoncognito.com */
      readonly authDomain: string;
      readonly clientId: string;
    };
