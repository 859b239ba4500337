import { App } from 'aws-cdk-lib';
import { LedgerStack } from '../lib/ledger-stack.js';
import { addNagChecks } from '../lib/nag.js';
import { stackNameOf } from '../lib/settings.js';

const app = new App();
addNagChecks(app);
new LedgerStack(app, stackNameOf(app.node), {
  description: 'Ledger: event-sourced bank accounts (DynamoDB, Lambda, HTTP API)',
});
