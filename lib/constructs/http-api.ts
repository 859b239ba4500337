import { RemovalPolicy } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  HttpApi,
  HttpMethod,
  LogGroupLogDestination,
  type HttpStage,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { RouteSpec } from '../../lambdas/http/routes.js';
import type { ExternalIssuer } from '../settings.js';
import { logRetention } from './ledger-function.js';

/** Stage-wide limits: requests per second (steady) and burst; above them clients get 429. */
const throttle = { rateLimit: 100, burstLimit: 200 } as const;

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
}

/**
 * The HTTP API (API Gateway v2): one route per route-table entry, every route behind the JWT
 * authorizer, so handlers see the same `requestContext.authorizer.jwt.claims` as locally.
 */
export class LedgerHttpApi extends Construct {
  readonly api: HttpApi;
  readonly stage: HttpStage;

  constructor(scope: Construct, id: string, props: LedgerHttpApiProps) {
    super(scope, id);
    const authorizer = new HttpJwtAuthorizer('JwtAuthorizer', props.trust.issuer, {
      jwtAudience: [...props.trust.audience],
    });
    this.api = new HttpApi(this, 'Api', {
      createDefaultStage: false,
      defaultAuthorizer: authorizer,
    });
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
    for (const route of props.routes) {
      this.api.addRoutes({
        path: route.spec.path,
        methods: [HttpMethod[route.spec.method]],
        integration: new HttpLambdaIntegration(route.spec.id, route.function),
      });
    }
  }
}
