/** The EventBridge `source` of every integration event. */
export const INTEGRATION_SOURCE = 'ledger';
