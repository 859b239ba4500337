import { Validations, type App } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks, type NagPack } from 'cdk-nag';

/** The cdk-nag rule packs every validating synth runs: AWS Solutions and Serverless. */
export const nagPacks = (app: App): NagPack[] => [
  new AwsSolutionsChecks(app),
  new ServerlessChecks(app),
];

/**
 * Runs the rule packs as validation plugins (cdk-nag 3 is one, not an aspect): a finding that is
 * not acknowledged fails `cdk synth`. Only `bin/app.ts` adds them; unit tests call the packs'
 * `validateScope` directly (ADR 0115). Constructs acknowledge findings with `lib/acknowledge.ts`.
 */
export const addNagChecks = (app: App): void => {
  Validations.of(app).addPlugins(...nagPacks(app));
};
