import { Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * Acknowledges one cdk-nag finding (`lib/nag.ts`) on a construct and everything under it. The
 * reason is what a security reviewer reads: one line that says why the rule does not apply or what
 * covers it. Only aws-cdk-lib here, so constructs never load cdk-nag itself.
 */
export const acknowledge = (scope: IConstruct, id: string, reason: string): void => {
  Validations.of(scope).acknowledge({ id, reason });
};
