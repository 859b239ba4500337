import { readFileSync } from 'node:fs';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import {
  erasureResumer,
  keySweeper,
  rebuildFunction,
  routes,
  streamConsumer,
  type FunctionSpec,
} from '../../lib/function-specs.js';
import { LedgerStack } from '../../lib/ledger-stack.js';
import { nagPacks } from '../../lib/nag.js';

/**
 * Every function the default stack builds: one per route, the stream consumer, the rebuild
 * function, the erasure resumer and (per-subject keys only) the orphan-key sweeper.
 */
export const functionSpecs: readonly FunctionSpec[] = [
  ...routes,
  streamConsumer,
  rebuildFunction,
  keySweeper,
  erasureResumer,
];

const cdkJson = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as {
  context: Record<string, unknown>;
};

/**
 * Synthesizes the stack as `cdk synth` would (cdk.json's context, so the same feature flags), but
 * fast: no asset bundling and no CloudFormation validation (`.ci/run` does one full synth).
 */
export const synthesize = (context: Record<string, unknown> = {}): Template =>
  Template.fromStack(buildStack(context).stack);

/** The app and stack `synthesize` renders, as constructs (for rule packs that walk the tree). */
export const buildStack = (
  context: Record<string, unknown> = {},
): { readonly app: App; readonly stack: LedgerStack } => {
  const app = new App({
    context: {
      ...cdkJson.context,
      // As the CLI does: construct paths in resource metadata, which these tests look ids up by.
      'aws:cdk:enable-path-metadata': true,
      'aws:cdk:bundling-stacks': [],
      ...context,
    },
    builtinCloudFormationValidation: false,
  });
  return { app, stack: new LedgerStack(app, 'Ledger') };
};

export interface Resource {
  readonly Type: string;
  readonly Properties: Record<string, unknown>;
  readonly Metadata?: { readonly 'aws:cdk:path'?: string };
  readonly DeletionPolicy?: string;
  readonly UpdateReplacePolicy?: string;
}

export const resources = (template: Template, type?: string): [string, Resource][] =>
  Object.entries(template.toJSON()['Resources'] as Record<string, Resource>).filter(
    ([, resource]) => type === undefined || resource.Type === type,
  );

export const resourceById = (template: Template, logicalId: string): Resource | undefined =>
  resources(template).find(([id]) => id === logicalId)?.[1];

/** The logical id of the resource at a construct path, e.g. `Ledger/OpenAccount/Function/Resource`. */
export const logicalIdAt = (template: Template, path: string): string => {
  const found = resources(template).find(([, r]) => r.Metadata?.['aws:cdk:path'] === path);
  if (!found) {
    throw new Error(`No resource at ${path}`);
  }
  return found[0];
};

export const functionLogicalId = (template: Template, functionId: string): string =>
  logicalIdAt(template, `Ledger/${functionId}/Function/Resource`);

/** Renders an IAM resource or intrinsic readably: `{EventsTable.Arn}/index/byOwner`. */
export const render = (value: unknown): string => {
  if (typeof value === 'string') {
    return value;
  }
  const intrinsic = value as Record<string, unknown>;
  if ('Ref' in intrinsic) {
    return `{${String(intrinsic['Ref'])}}`;
  }
  if ('Fn::GetAtt' in intrinsic) {
    return `{${(intrinsic['Fn::GetAtt'] as string[]).join('.')}}`;
  }
  if ('Fn::Join' in intrinsic) {
    const [separator, parts] = intrinsic['Fn::Join'] as [string, unknown[]];
    return parts.map(render).join(separator);
  }
  return JSON.stringify(value);
};

export interface Permission {
  readonly action: string;
  readonly resource: string;
  readonly condition: Record<string, Record<string, unknown>> | undefined;
}

interface Statement {
  readonly Effect: string;
  readonly Action: string | string[];
  readonly Resource: unknown;
  readonly Condition?: Record<string, Record<string, unknown>>;
}

const list = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);

/** Every (action, resource) pair an IAM policy allows (or denies), with the statement's condition. */
export const permissionsOf = (policy: Resource, effect: 'Allow' | 'Deny' = 'Allow'): Permission[] =>
  (policy.Properties['PolicyDocument'] as { Statement: Statement[] }).Statement.flatMap(
    (statement) => {
      if (statement.Effect !== effect) {
        return [];
      }
      return list(statement.Action).flatMap((action) =>
        list(statement.Resource).map((resource) => ({
          action,
          resource: render(resource),
          condition: statement.Condition,
        })),
      );
    },
  );

/** The permissions of one Lambda's execution role (its default policy). */
export const functionPermissions = (template: Template, functionId: string): Permission[] => {
  const policyId = logicalIdAt(template, `Ledger/${functionId}/Role/DefaultPolicy/Resource`);
  const policy = resourceById(template, policyId);
  return policy ? permissionsOf(policy) : [];
};

/** What one Lambda's execution role is explicitly denied (its default policy). */
export const functionDenials = (template: Template, functionId: string): Permission[] => {
  const policyId = logicalIdAt(template, `Ledger/${functionId}/Role/DefaultPolicy/Resource`);
  const policy = resourceById(template, policyId);
  return policy ? permissionsOf(policy, 'Deny') : [];
};

/** The environment variables of one Lambda. */
export const environmentOf = (template: Template, functionId: string): Record<string, unknown> => {
  const fn = resourceById(template, functionLogicalId(template, functionId));
  if (!fn) {
    throw new Error(`No function ${functionId}`);
  }
  return (fn.Properties['Environment'] as { Variables: Record<string, unknown> }).Variables;
};

/**
 * The unacknowledged cdk-nag findings (AWS Solutions and Serverless packs, errors and warnings
 * alike) of the stack synthesized with a context, as `rule construct-path` lines. CI's
 * `npx cdk synth` runs the same packs as validation plugins (bin/app.ts).
 */
export const nagFindings = (context: Record<string, unknown> = {}): string[] => {
  const { app } = buildStack(context);
  return nagPacks(app).flatMap((pack) =>
    pack
      .validateScope(app)
      .violations.flatMap((violation) =>
        violation.violatingResources.map(
          (resource) => `${violation.ruleName} ${String(resource.constructPath)}`,
        ),
      ),
  );
};
