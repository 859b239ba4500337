import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { Function as LambdaFn } from 'aws-cdk-lib/aws-lambda';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import {
  erasureResumer,
  rebuildFunction,
  routes,
  streamConsumer,
  type FunctionSpec,
} from './function-specs.js';
import { acknowledge } from './acknowledge.js';
import { ConsoleFiles, type ConsoleSignIn } from './constructs/console-files.js';
import { ConsoleSite } from './constructs/console-site.js';
import { LedgerHttpApi, type LedgerHttpApiProps } from './constructs/http-api.js';
import { LedgerFunction } from './constructs/ledger-function.js';
import { IntegrationEvents } from './constructs/integration-events.js';
import { LedgerTables } from './constructs/ledger-tables.js';
import { Operations } from './constructs/operations.js';
import { StreamConsumer } from './constructs/stream-consumer.js';
import { UserPoolIdentity } from './constructs/user-pool-identity.js';
import { keyFunctions, keyOutputs, keysFor, type Sizing } from './key-functions.js';
import { readSettings, type ExternalIssuer, type LedgerSettings } from './settings.js';

const routeSizing: Sizing = { timeout: Duration.seconds(10) };
const consumerSizing: Sizing = { timeout: Duration.minutes(1) };
const resumerSizing: Sizing = { timeout: Duration.minutes(5), scan: ['Erasures'] };
const rebuildSizing: Sizing = { timeout: Duration.minutes(15), memorySize: 1024, scan: ['Events'] };

/**
 * Ledger on AWS: tables from `lib/table-specs.ts`, one function per entry of the route table plus
 * the stream consumer and the rebuild function, the HTTP API, KMS per `keyStrategy`, and alarms.
 * Environment-agnostic, so `cdk synth` needs no credentials. Settings come from context
 * (see `lib/settings.ts`).
 */
export class LedgerStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    const settings = readSettings(this.node);
    const tables = new LedgerTables(this, 'Tables', { keyStrategy: settings.keyStrategy });
    const keys = keysFor(this, settings);
    const lambda = (spec: FunctionSpec, sizing: Sizing) =>
      new LedgerFunction(this, spec.id, { spec, tables, keys, ...sizing }).function;

    const routeFunctions = routes.map((spec) => ({ spec, function: lambda(spec, routeSizing) }));
    const consumer = lambda(streamConsumer, consumerSizing);
    const rebuild = lambda(rebuildFunction, rebuildSizing);
    const keyJobs = keyFunctions(keys, settings.keyStrategy, lambda);
    const resumer = lambda(erasureResumer, resumerSizing);
    this.scheduleResumer(resumer);

    const erase = routeFunctions.filter(({ spec }) => spec.id === 'ErasePersonalData');
    const { identity, trust, http, site, consoleUrl } = this.edge(settings, routeFunctions);
    this.letEraseUsers(identity, [...erase.map((route) => route.function), resumer]);
    const stream = new StreamConsumer(this, 'Stream', { events: tables.byId.Events, consumer });
    const integration = new IntegrationEvents(this, 'IntegrationEvents', {
      publishers: [consumer, rebuild],
      exampleSubscriber: settings.exampleSubscriber,
    });
    const operations = new Operations(this, 'Operations', {
      api: http.api,
      functions: [
        ...routeFunctions.map(({ spec, function: fn }) => ({ id: spec.id, function: fn })),
        { id: streamConsumer.id, function: consumer },
        { id: rebuildFunction.id, function: rebuild },
        ...keyJobs,
        { id: erasureResumer.id, function: resumer },
      ],
      consumer,
      deadLetterQueue: stream.deadLetterQueue,
      alarmEmail: settings.alarmEmail,
    });

    this.outputs({
      ApiUrl: http.url,
      ConsoleUrl: consoleUrl,
      OpenApiUrl: `${site.url}/openapi.json`,
      JwtIssuer: trust.issuer,
      UserPoolId: identity?.userPool.userPoolId,
      UserPoolClientId: identity?.client.userPoolClientId,
      UserPoolWebClientId: identity?.webClient?.userPoolClientId,
      KeyStrategy: settings.keyStrategy,
      ...keyOutputs(keys),
      EventsTableName: tables.byId.Events.tableName,
      StreamConsumerFunctionName: consumer.functionName,
      RebuildFunctionName: rebuild.functionName,
      DeadLetterQueueUrl: stream.deadLetterQueue.queueUrl,
      ...integration.outputs(),
      DashboardName: operations.dashboard.dashboardName,
      AlarmTopicArn: operations.alarmTopic.topicArn,
    });
  }

  /** Finishes started erasures without the person calling again (ADR 0095). */
  private scheduleResumer(resumer: LambdaFn): void {
    const schedule = new Rule(this, 'ResumeErasuresSchedule', {
      schedule: Schedule.rate(Duration.minutes(15)),
      targets: [new LambdaFunction(resumer)],
    });
    acknowledge(
      schedule,
      'Serverless-EventBusDLQ',
      'A missed tick loses nothing: the next run, 15 minutes later, scans every unfinished erasure again.',
    );
  }

  /** Erasure deletes the subject's user from the stack's own pool (ADR 0098), and only there. */
  private letEraseUsers(
    identity: UserPoolIdentity | undefined,
    functions: readonly LambdaFn[],
  ): void {
    if (!identity) {
      return;
    }
    for (const fn of functions) {
      fn.addEnvironment('COGNITO_USER_POOL_ID', identity.userPool.userPoolId);
      fn.addToRolePolicy(
        new PolicyStatement({
          actions: ['cognito-idp:AdminDeleteUser'],
          resources: [identity.userPool.userPoolArn],
        }),
      );
    }
  }

  /** Sign-in, the HTTP API and the console site, whose origin the API's CORS and sign-in admit. */
  private edge(settings: LedgerSettings, routes: LedgerHttpApiProps['routes']) {
    const site = new ConsoleSite(this, 'Console', { authDomain: this.authDomain(settings) });
    const { identity, trust } = this.identity(settings, site.url);
    const http = new LedgerHttpApi(this, 'Http', {
      trust,
      routes,
      // The deployed console calls the API from its own origin.
      corsOrigins: [...settings.corsOrigins, ...(identity?.webClient ? [site.url] : [])],
    });
    const signIn = this.consoleSignIn(identity, settings);
    new ConsoleFiles(this, 'ConsoleFiles', { bucket: site.bucket, apiUrl: http.url, signIn });
    return { identity, trust, http, site, consoleUrl: signIn && `${site.url}/` };
  }

  /** The console signs in on the hosted UI of the browser client, when context asks for one. */
  private consoleSignIn(
    identity: UserPoolIdentity | undefined,
    settings: LedgerSettings,
  ): ConsoleSignIn | undefined {
    const authDomain = this.authDomain(settings);
    const client = identity?.webClient;
    return authDomain && client ? { authDomain, clientId: client.userPoolClientId } : undefined;
  }

  /** The hosted sign-in domain of the browser client, when context asks for one. */
  private authDomain(settings: LedgerSettings): string | undefined {
    const web = settings.externalIssuer ? undefined : settings.userPool.webClient;
    return web && `https://${web.domainPrefix}.auth.${this.region}.amazoncognito.com`;
  }

  /** Stack outputs for docs/deploy.md; those that do not apply (undefined) are left out. */
  private outputs(values: Record<string, string | undefined>): void {
    for (const [name, value] of Object.entries(values)) {
      if (value !== undefined) {
        new CfnOutput(this, name, { value });
      }
    }
  }

  /** The stack's own user pool, unless context names an issuer the stack does not own. */
  private identity(
    settings: LedgerSettings,
    consoleUrl: string,
  ): {
    identity: UserPoolIdentity | undefined;
    trust: ExternalIssuer;
  } {
    if (settings.externalIssuer) {
      return { identity: undefined, trust: settings.externalIssuer };
    }
    const identity = new UserPoolIdentity(this, 'Identity', settings.userPool, consoleUrl);
    return { identity, trust: identity.trust };
  }
}
