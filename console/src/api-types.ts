// Generated from docs/openapi.json by `npm run openapi`; do not edit.
export type paths = {
  '/accounts': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The caller's accounts (read model) */
    get: operations['listAccounts'];
    put?: never;
    /** Open an account for the caller */
    post: operations['openAccount'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/accounts/{id}/deposits': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Deposit money */
    post: operations['depositMoney'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/accounts/{id}/withdrawals': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Withdraw money (refused above the balance) */
    post: operations['withdrawMoney'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/accounts/{id}/close': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Close an account whose balance is zero */
    post: operations['closeAccount'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/accounts/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** An account's summary (read model) */
    get: operations['getAccount'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/accounts/{id}/transactions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** An account's money movements, newest first */
    get: operations['listTransactions'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/accounts/{id}/events': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** An account's events, personal fields decrypted or marked erased */
    get: operations['listEvents'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/accounts/{id}/state': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The account folded up to a version or a time (time travel) */
    get: operations['getState'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/me/personal-data': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /** Erase the caller's personal data (crypto-shredding); answers the receipt */
    delete: operations['erasePersonalData'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/transfers': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Transfer money from one of the caller's accounts; the credit follows */
    post: operations['startTransfer'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/transfers/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A transfer's status, for its sender */
    get: operations['getTransfer'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
};
export type webhooks = Record<string, never>;
export type components = {
  schemas: {
    /** Format: uuid */
    Id: string;
    Problem: {
      type: string;
      /** @enum {string} */
      code:
        | 'insufficient-funds'
        | 'account-closed'
        | 'account-not-found'
        | 'account-already-exists'
        | 'personal-data-erased'
        | 'balance-not-zero'
        | 'invalid-amount'
        | 'unsupported-currency'
        | 'currency-mismatch'
        | 'balance-limit-exceeded'
        | 'same-account'
        | 'version-mismatch'
        | 'concurrent-modification'
        | 'invalid-request'
        | 'unauthorized'
        | 'not-found'
        | 'method-not-allowed'
        | 'payload-too-large'
        | 'request-header-fields-too-large'
        | 'unsupported-media-type'
        | 'idempotency-key-reused'
        | 'request-in-progress'
        | 'transfer-not-found'
        | 'accounts-hold-money'
        | 'service-unavailable'
        | 'not-implemented'
        | 'internal-error';
      title: string;
      status: number;
      detail: string;
    };
    AccountCommandResult: {
      accountId: string;
      version: number;
      balance: number;
      currency?: string;
      /** @enum {string} */
      status?: 'open' | 'closed';
    };
    AccountList: {
      accounts: {
        accountId: string;
        holderName: string | null;
        personalDataErased: boolean;
        currency: string;
        balance: number;
        /** @enum {string} */
        status: 'open' | 'closed';
        version: number;
        /** Format: date-time */
        openedAt: string;
        /** Format: date-time */
        updatedAt: string;
      }[];
    };
    AccountSummary: {
      accountId: string;
      holderName: string | null;
      personalDataErased: boolean;
      currency: string;
      balance: number;
      /** @enum {string} */
      status: 'open' | 'closed';
      version: number;
      /** Format: date-time */
      openedAt: string;
      /** Format: date-time */
      updatedAt: string;
    };
    TransactionsPage: {
      transactions: {
        version: number;
        type: string;
        /** @enum {string} */
        direction: 'credit' | 'debit';
        amount: number;
        balanceAfter: number;
        /** Format: date-time */
        occurredAt: string;
        transferId?: string;
        counterpartyAccountId?: string;
        reference?: string | null;
      }[];
      next?: string;
    };
    EventsPage: {
      events: {
        accountId: string;
        version: number;
        eventId: string;
        type: string;
        schema: number;
        storedSchema?: number;
        /** Format: date-time */
        occurredAt: string;
        data: {
          [key: string]: unknown;
        };
        metadata: {
          actorId: string;
          /** @enum {string} */
          actorKind?: 'user' | 'system';
          commandId: string;
          correlationId: string;
          causationId: string;
          requestId: string;
          traceparent?: string;
        };
        personalDataErased: boolean;
      }[];
      nextFromVersion?: number;
    };
    StateView: {
      accountId: string;
      version: number;
      /** Format: date-time */
      occurredAt: string;
      state:
        | {
            /** @enum {string} */
            status: 'open' | 'closed';
            ownerId: string;
            holderName: string | null;
            currency: string;
            balance: number;
            personalDataErased: boolean;
          }
        | {
            /** @constant */
            status: 'none';
          };
    };
    ErasureReceipt: {
      erasureId: string;
      /** @constant */
      status: 'completed';
      accounts: string[];
      /** Format: date-time */
      requestedAt: string;
      /** Format: date-time */
      completedAt: string;
      /** Format: date-time */
      keyDestroyedAt: string;
      /** Format: date-time */
      reachesBackupsBy: string;
      backups: {
        strategy: string;
        /** @enum {string} */
        reachedBy: 'kms-key-deletion' | 'epoch-key-deletion' | 'end-of-pitr-window';
      };
    };
    TransferAccepted: {
      transferId: string;
      /** @constant */
      status: 'pending';
      fromAccountId: string;
      toAccountId: string;
      amount: number;
      currency?: string;
    };
    TransferView: {
      transferId: string;
      /** @enum {string} */
      status: 'pending' | 'completed' | 'reversed';
      reason?: string;
      fromAccountId: string;
      toAccountId: string;
      amount: number;
      currency: string;
      reference: string | null;
      personalDataErased: boolean;
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      updatedAt: string;
    };
  };
  responses: {
    /** @description Invalid amount; Unsupported currency; Source and target are the same account; Invalid request */
    Problem400: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/problem+json': components['schemas']['Problem'] & {
          /** @constant */
          status?: 400;
          /** @enum {unknown} */
          code?: 'invalid-amount' | 'unsupported-currency' | 'same-account' | 'invalid-request';
          /** @enum {unknown} */
          type?:
            | 'urn:problem:ledger:invalid-amount'
            | 'urn:problem:ledger:unsupported-currency'
            | 'urn:problem:ledger:same-account'
            | 'urn:problem:ledger:invalid-request';
        };
      };
    };
    /** @description Unauthorized */
    Problem401: {
      headers: {
        'WWW-Authenticate': string;
        [name: string]: unknown;
      };
      content: {
        'application/problem+json': components['schemas']['Problem'] & {
          /** @constant */
          status?: 401;
          /** @enum {unknown} */
          code?: 'unauthorized';
          /** @enum {unknown} */
          type?: 'urn:problem:ledger:unauthorized';
        };
      };
    };
    /** @description Payload too large */
    Problem413: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/problem+json': components['schemas']['Problem'] & {
          /** @constant */
          status?: 413;
          /** @enum {unknown} */
          code?: 'payload-too-large';
          /** @enum {unknown} */
          type?: 'urn:problem:ledger:payload-too-large';
        };
      };
    };
    /** @description Internal server error */
    Problem500: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/problem+json': components['schemas']['Problem'] & {
          /** @constant */
          status?: 500;
          /** @enum {unknown} */
          code?: 'internal-error';
          /** @enum {unknown} */
          type?: 'urn:problem:ledger:internal-error';
        };
      };
    };
    /** @description Service temporarily unavailable */
    Problem503: {
      headers: {
        /** @description Seconds to wait before retrying */
        'Retry-After'?: string;
        [name: string]: unknown;
      };
      content: {
        'application/problem+json': components['schemas']['Problem'] & {
          /** @constant */
          status?: 503;
          /** @enum {unknown} */
          code?: 'service-unavailable';
          /** @enum {unknown} */
          type?: 'urn:problem:ledger:service-unavailable';
        };
      };
    };
    /** @description Account not found; Not found; Transfer not found */
    Problem404: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/problem+json': components['schemas']['Problem'] & {
          /** @constant */
          status?: 404;
          /** @enum {unknown} */
          code?: 'account-not-found' | 'not-found' | 'transfer-not-found';
          /** @enum {unknown} */
          type?:
            | 'urn:problem:ledger:account-not-found'
            | 'urn:problem:ledger:not-found'
            | 'urn:problem:ledger:transfer-not-found';
        };
      };
    };
    /** @description Insufficient funds; Account is closed; Account already exists; Balance is not zero; Currency does not match the account; Balance limit exceeded; Concurrent modification; A request with this Idempotency-Key is in progress; Accounts still hold money */
    Problem409: {
      headers: {
        /** @description Seconds to wait before retrying */
        'Retry-After'?: string;
        [name: string]: unknown;
      };
      content: {
        'application/problem+json': components['schemas']['Problem'] & {
          /** @constant */
          status?: 409;
          /** @enum {unknown} */
          code?:
            | 'insufficient-funds'
            | 'account-closed'
            | 'account-already-exists'
            | 'balance-not-zero'
            | 'currency-mismatch'
            | 'balance-limit-exceeded'
            | 'concurrent-modification'
            | 'request-in-progress'
            | 'accounts-hold-money';
          /** @enum {unknown} */
          type?:
            | 'urn:problem:ledger:insufficient-funds'
            | 'urn:problem:ledger:account-closed'
            | 'urn:problem:ledger:account-already-exists'
            | 'urn:problem:ledger:balance-not-zero'
            | 'urn:problem:ledger:currency-mismatch'
            | 'urn:problem:ledger:balance-limit-exceeded'
            | 'urn:problem:ledger:concurrent-modification'
            | 'urn:problem:ledger:request-in-progress'
            | 'urn:problem:ledger:accounts-hold-money';
        };
      };
    };
    /** @description The account owner's personal data was erased */
    Problem410: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/problem+json': components['schemas']['Problem'] & {
          /** @constant */
          status?: 410;
          /** @enum {unknown} */
          code?: 'personal-data-erased';
          /** @enum {unknown} */
          type?: 'urn:problem:ledger:personal-data-erased';
        };
      };
    };
    /** @description Version does not match If-Match */
    Problem412: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/problem+json': components['schemas']['Problem'] & {
          /** @constant */
          status?: 412;
          /** @enum {unknown} */
          code?: 'version-mismatch';
          /** @enum {unknown} */
          type?: 'urn:problem:ledger:version-mismatch';
        };
      };
    };
    /** @description Unsupported media type */
    Problem415: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/problem+json': components['schemas']['Problem'] & {
          /** @constant */
          status?: 415;
          /** @enum {unknown} */
          code?: 'unsupported-media-type';
          /** @enum {unknown} */
          type?: 'urn:problem:ledger:unsupported-media-type';
        };
      };
    };
    /** @description Idempotency-Key was already used with a different request */
    Problem422: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/problem+json': components['schemas']['Problem'] & {
          /** @constant */
          status?: 422;
          /** @enum {unknown} */
          code?: 'idempotency-key-reused';
          /** @enum {unknown} */
          type?: 'urn:problem:ledger:idempotency-key-reused';
        };
      };
    };
  };
  parameters: never;
  requestBodies: never;
  headers: never;
  pathItems: never;
};
export type $defs = Record<string, never>;
export interface operations {
  listAccounts: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description AccountList */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AccountList'];
        };
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      413: components['responses']['Problem413'];
      500: components['responses']['Problem500'];
      503: components['responses']['Problem503'];
    };
  };
  openAccount: {
    parameters: {
      query?: never;
      header?: {
        /** @description Replays the first response for the same key and request (24 h) */
        'Idempotency-Key'?: string;
        /** @description Refuses with 412 unless the account is at this version */
        'If-Match'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': {
          holderName: string;
          currency: string;
          initialDeposit?: number;
        };
      };
    };
    responses: {
      /** @description AccountCommandResult */
      201: {
        headers: {
          /** @description The account version as a strong ETag, e.g. "3" */
          ETag: string;
          /** @description Where the new resource is read */
          Location: string;
          /** @description "true" when this is the stored response of an earlier request */
          'Idempotent-Replayed'?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AccountCommandResult'];
        };
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      404: components['responses']['Problem404'];
      409: components['responses']['Problem409'];
      410: components['responses']['Problem410'];
      412: components['responses']['Problem412'];
      413: components['responses']['Problem413'];
      415: components['responses']['Problem415'];
      422: components['responses']['Problem422'];
      500: components['responses']['Problem500'];
      503: components['responses']['Problem503'];
    };
  };
  depositMoney: {
    parameters: {
      query?: never;
      header?: {
        /** @description Replays the first response for the same key and request (24 h) */
        'Idempotency-Key'?: string;
        /** @description Refuses with 412 unless the account is at this version */
        'If-Match'?: string;
      };
      path: {
        id: components['schemas']['Id'];
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': {
          amount: number;
          currency?: string;
        };
      };
    };
    responses: {
      /** @description AccountCommandResult */
      200: {
        headers: {
          /** @description The account version as a strong ETag, e.g. "3" */
          ETag: string;
          /** @description "true" when this is the stored response of an earlier request */
          'Idempotent-Replayed'?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AccountCommandResult'];
        };
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      404: components['responses']['Problem404'];
      409: components['responses']['Problem409'];
      410: components['responses']['Problem410'];
      412: components['responses']['Problem412'];
      413: components['responses']['Problem413'];
      415: components['responses']['Problem415'];
      422: components['responses']['Problem422'];
      500: components['responses']['Problem500'];
      503: components['responses']['Problem503'];
    };
  };
  withdrawMoney: {
    parameters: {
      query?: never;
      header?: {
        /** @description Replays the first response for the same key and request (24 h) */
        'Idempotency-Key'?: string;
        /** @description Refuses with 412 unless the account is at this version */
        'If-Match'?: string;
      };
      path: {
        id: components['schemas']['Id'];
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': {
          amount: number;
        };
      };
    };
    responses: {
      /** @description AccountCommandResult */
      200: {
        headers: {
          /** @description The account version as a strong ETag, e.g. "3" */
          ETag: string;
          /** @description "true" when this is the stored response of an earlier request */
          'Idempotent-Replayed'?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AccountCommandResult'];
        };
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      404: components['responses']['Problem404'];
      409: components['responses']['Problem409'];
      410: components['responses']['Problem410'];
      412: components['responses']['Problem412'];
      413: components['responses']['Problem413'];
      415: components['responses']['Problem415'];
      422: components['responses']['Problem422'];
      500: components['responses']['Problem500'];
      503: components['responses']['Problem503'];
    };
  };
  closeAccount: {
    parameters: {
      query?: never;
      header?: {
        /** @description Replays the first response for the same key and request (24 h) */
        'Idempotency-Key'?: string;
        /** @description Refuses with 412 unless the account is at this version */
        'If-Match'?: string;
      };
      path: {
        id: components['schemas']['Id'];
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': Record<string, never>;
      };
    };
    responses: {
      /** @description AccountCommandResult */
      200: {
        headers: {
          /** @description The account version as a strong ETag, e.g. "3" */
          ETag: string;
          /** @description "true" when this is the stored response of an earlier request */
          'Idempotent-Replayed'?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AccountCommandResult'];
        };
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      404: components['responses']['Problem404'];
      409: components['responses']['Problem409'];
      410: components['responses']['Problem410'];
      412: components['responses']['Problem412'];
      413: components['responses']['Problem413'];
      415: components['responses']['Problem415'];
      422: components['responses']['Problem422'];
      500: components['responses']['Problem500'];
      503: components['responses']['Problem503'];
    };
  };
  getAccount: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: components['schemas']['Id'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description AccountSummary */
      200: {
        headers: {
          /** @description The account version as a strong ETag, e.g. "3" */
          ETag: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AccountSummary'];
        };
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      404: components['responses']['Problem404'];
      413: components['responses']['Problem413'];
      500: components['responses']['Problem500'];
      503: components['responses']['Problem503'];
    };
  };
  listTransactions: {
    parameters: {
      query?: {
        limit?: number;
        cursor?: string;
      };
      header?: never;
      path: {
        id: components['schemas']['Id'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description TransactionsPage */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TransactionsPage'];
        };
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      404: components['responses']['Problem404'];
      413: components['responses']['Problem413'];
      500: components['responses']['Problem500'];
      503: components['responses']['Problem503'];
    };
  };
  listEvents: {
    parameters: {
      query?: {
        fromVersion?: number;
        limit?: number;
      };
      header?: never;
      path: {
        id: components['schemas']['Id'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description EventsPage */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['EventsPage'];
        };
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      404: components['responses']['Problem404'];
      413: components['responses']['Problem413'];
      500: components['responses']['Problem500'];
      503: components['responses']['Problem503'];
    };
  };
  getState: {
    parameters: {
      query?: {
        version?: number;
        at?: string;
      };
      header?: never;
      path: {
        id: components['schemas']['Id'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description StateView */
      200: {
        headers: {
          /** @description The account version as a strong ETag, e.g. "3" */
          ETag: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['StateView'];
        };
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      404: components['responses']['Problem404'];
      413: components['responses']['Problem413'];
      500: components['responses']['Problem500'];
      503: components['responses']['Problem503'];
    };
  };
  erasePersonalData: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description ErasureReceipt */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErasureReceipt'];
        };
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      409: components['responses']['Problem409'];
      413: components['responses']['Problem413'];
      415: components['responses']['Problem415'];
      500: components['responses']['Problem500'];
      503: components['responses']['Problem503'];
    };
  };
  startTransfer: {
    parameters: {
      query?: never;
      header?: {
        /** @description Replays the first response for the same key and request (24 h) */
        'Idempotency-Key'?: string;
        /** @description Refuses with 412 unless the account is at this version */
        'If-Match'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': {
          fromAccountId: string;
          toAccountId: string;
          amount: number;
          reference?: string;
        };
      };
    };
    responses: {
      /** @description TransferAccepted */
      202: {
        headers: {
          /** @description Where the new resource is read */
          Location: string;
          /** @description "true" when this is the stored response of an earlier request */
          'Idempotent-Replayed'?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TransferAccepted'];
        };
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      404: components['responses']['Problem404'];
      409: components['responses']['Problem409'];
      410: components['responses']['Problem410'];
      412: components['responses']['Problem412'];
      413: components['responses']['Problem413'];
      415: components['responses']['Problem415'];
      422: components['responses']['Problem422'];
      500: components['responses']['Problem500'];
      503: components['responses']['Problem503'];
    };
  };
  getTransfer: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: components['schemas']['Id'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description TransferView */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TransferView'];
        };
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      404: components['responses']['Problem404'];
      413: components['responses']['Problem413'];
      500: components['responses']['Problem500'];
      503: components['responses']['Problem503'];
    };
  };
}
