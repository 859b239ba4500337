import { quietLocalEnvironment } from './runtime-environment.js';

// Imported first by bin/local.ts: Powertools Metrics and the AWS SDK read these when they load.
quietLocalEnvironment(process.env);
