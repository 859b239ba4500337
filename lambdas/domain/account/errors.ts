/** Why the Account decider refused a command. Plain data: no HTTP knowledge here. */
export type AccountError =
  | { readonly code: 'account-not-found' }
  | { readonly code: 'account-already-exists' }
  | { readonly code: 'account-closed' }
  | { readonly code: 'personal-data-erased' }
  | { readonly code: 'insufficient-funds'; readonly balance: number; readonly requested: number }
  | { readonly code: 'balance-not-zero'; readonly balance: number }
  | { readonly code: 'invalid-amount'; readonly amount: number }
  | { readonly code: 'unsupported-currency'; readonly currency: string }
  | { readonly code: 'currency-mismatch'; readonly expected: string; readonly actual: string }
  | {
      readonly code: 'balance-limit-exceeded';
      readonly balance: number;
      readonly requested: number;
    }
  | { readonly code: 'same-account' };

export type AccountErrorCode = AccountError['code'];
