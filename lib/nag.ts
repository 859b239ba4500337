import { Validations, type App } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks, type NagPack } from 'cdk-nag';
import type { IConstruct } from 'constructs';

/** The cdk-nag rule packs every validating synth runs: AWS Solutions and Serverless. */
export const nagPacks = (app: App): NagPack[] => [
  new AwsSolutionsChecks(app),
  new ServerlessChecks(app),
];

/**
 * Runs the rule packs as validation plugins (cdk-nag 3 is one, not an aspect): a finding that is
 * not acknowledged fails `cdk synth`. Only `bin/app.ts` adds them; unit tests call the packs'
 * `validateScope` directly (ADR 0115).
 */
export const addNagChecks = (app: App): void => {
  Validations.of(app).addPlugins(...nagPacks(app));
};

/**
 * Acknowledges one cdk-nag finding on a construct and everything under it. The reason is what a
 * security reviewer reads: one line that says why the rule does not apply or what covers it.
 */
export const acknowledge = (scope: IConstruct, id: string, reason: string): void => {
  Validations.of(scope).acknowledge({ id, reason });
};
