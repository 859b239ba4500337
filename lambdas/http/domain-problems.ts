import type { AccountError } from '../domain/account/index.js';
import type { ServiceError } from '../application/account-service.js';
import { problem, type Problem } from './problem.js';

const formatMinor = (minor: number): string => String(minor);

/** A clear sentence per refusal; amounts in minor units, never any personal data. */
const details = (error: AccountError | ServiceError): string => {
  switch (error.code) {
    case 'insufficient-funds':
      return `The balance is ${formatMinor(error.balance)}; ${formatMinor(error.requested)} was requested.`;
    case 'balance-not-zero':
      return `Only an account with a zero balance can be closed; the balance is ${formatMinor(error.balance)}.`;
    case 'invalid-amount':
      return `Amounts are whole numbers of minor units from 1 to 10^12; got ${error.amount}.`;
    case 'unsupported-currency':
      return 'The currency is not a supported ISO-4217 code.';
    case 'currency-mismatch':
      return `The account holds ${error.expected}, not ${error.actual}.`;
    case 'balance-limit-exceeded':
      return 'The resulting balance would exceed the largest balance an account may hold.';
    case 'version-mismatch':
      return `If-Match does not match; the current version is ${error.currentVersion}.`;
    case 'concurrent-modification':
      return 'The account kept changing while the command was retried; try again.';
    default:
      return defaultDetails[error.code];
  }
};

const defaultDetails = {
  'account-not-found': 'No such account.',
  'account-already-exists': 'An account with this id already exists.',
  'account-closed': 'The account is closed.',
  'personal-data-erased': "The owner's personal data was erased; the account accepts no commands.",
  'same-account': 'A transfer needs two different accounts.',
} as const;

/** Renders a domain or service refusal as a problem document (with its data as extensions). */
export const refusalProblem = (error: AccountError | ServiceError): Problem => {
  const { code, ...extensions } = error;
  return problem(code, details(error), extensions);
};
