import { Logger } from '@aws-lambda-powertools/logger';

/**
 * The one structured logger. Log lines carry ids, codes, statuses and timings only: never request
 * bodies, names, tokens or decrypted values.
 */
export const logger = new Logger({ serviceName: 'ledger' });
