import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  CorsHttpMethod,
  HttpApi,
  HttpMethod,
  LogGroupLogDestination,
  type CfnStage,
  type CorsPreflightOptions,
  type HttpStage,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { RouteSpec } from '../function-specs.js';
import type { ExternalIssuer } from '../settings.js';
import { logRetention } from './ledger-function.js';

/** Stage-wide limits: requests per second (steady) and burst; above them clients get 429. */
const throttle = { rateLimit: 100, burstLimit: 200 } as const;

/**
 * Tighter limits on the routes that cost the most per request, shared by all their callers (HTTP
 * APIs have no usage plans, so nothing here limits one client): opening an account may create a
 * KMS key (CreateKey allows 5 per second), erasure writes to every account of the caller, history
 * and time travel replay events, and a transfer starts a two-account process.
 */
const routeThrottles: Readonly<Record<string, { rateLimit: number; burstLimit: number }>> = {
  'POST /accounts': { rateLimit: 5, burstLimit: 10 },
  'DELETE /me/personal-data': { rateLimit: 2, burstLimit: 5 },
  'GET /accounts/{id}/events': { rateLimit: 20, burstLimit: 40 },
  'GET /accounts/{id}/state': { rateLimit: 20, burstLimit: 40 },
  'POST /transfers': { rateLimit: 20, burstLimit: 40 },
};

/** What a browser on an allowed origin may send and read; no cookies, so no credentials. */
const corsFor = (origins: readonly string[]): CorsPreflightOptions => ({
  allowOrigins: [...origins],
  allowMethods: [CorsHttpMethod.GET, CorsHttpMethod.POST, CorsHttpMethod.DELETE],
  allowHeaders: ['authorization', 'content-type', 'idempotency-key', 'if-match'],
  exposeHeaders: ['etag', 'location', 'idempotent-replayed', 'retry-after'],
  allowCredentials: false,
  maxAge: Duration.hours(1),
});

// No source IP or user agent: both are personal data, and access logs keep only opaque ids.
const accessLogFormat = AccessLogFormat.custom(
  JSON.stringify({
    requestId: '$context.requestId',
    requestTime: '$context.requestTimeEpoch',
    routeKey: '$context.routeKey',
    status: '$context.status',
    responseLength: '$context.responseLength',
    latency: '$context.responseLatency',
    integrationLatency: '$context.integrationLatency',
    integrationError: '$context.integrationErrorMessage',
    authorizerError: '$context.authorizer.error',
  }),
);

export interface LedgerHttpApiProps {
  readonly trust: ExternalIssuer;
  readonly routes: readonly { readonly spec: RouteSpec; readonly function: IFunction }[];
  /** Browser origins allowed by CORS; empty: none. */
  readonly corsOrigins: readonly string[];
}

/**
 * The HTTP API (API Gateway v2): one route per route-table entry, every route behind the JWT
 * authorizer, so handlers see the same `requestContext.authorizer.jwt.claims` as locally.
 */
export class LedgerHttpApi extends Construct {
  readonly api: HttpApi;
  readonly stage: HttpStage;
  /** The API's base URL, without a trailing slash: `$ApiUrl/accounts`. */
  readonly url: string;

  constructor(scope: Construct, id: string, props: LedgerHttpApiProps) {
    super(scope, id);
    const { trust } = props;
    const authorizer = new HttpJwtAuthorizer('JwtAuthorizer', trust.issuer, {
      jwtAudience: [...trust.audience],
    });
    this.api = new HttpApi(this, 'Api', {
      createDefaultStage: false,
      defaultAuthorizer: authorizer,
      ...(trust.scopes.length > 0 ? { defaultAuthorizationScopes: [...trust.scopes] } : {}),
      ...(props.corsOrigins.length > 0 ? { corsPreflight: corsFor(props.corsOrigins) } : {}),
    });
    this.url = this.api.apiEndpoint;
    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: logRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.stage = this.api.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle,
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: accessLogFormat,
      },
    });
    // RouteSettings is untyped JSON in CloudFormation, so its keys are written as the template has them.
    (this.stage.node.defaultChild as CfnStage).routeSettings = Object.fromEntries(
      Object.entries(routeThrottles).map(([routeKey, limit]) => [
        routeKey,
        { ThrottlingRateLimit: limit.rateLimit, ThrottlingBurstLimit: limit.burstLimit },
      ]),
    );
    for (const route of props.routes) {
      this.api.addRoutes({
        path: route.spec.path,
        methods: [HttpMethod[route.spec.method]],
        integration: new HttpLambdaIntegration(route.spec.id, route.function),
      });
    }
  }
}
