import type { KeyUsers } from '../config.js';

export interface SubjectKeyPolicyOptions {
  readonly accountId: string;
  readonly partition?: string;
  readonly users: KeyUsers;
}

interface Statement {
  readonly Sid: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Principal: { readonly AWS: string | readonly string[] };
  readonly Action: string | readonly string[];
  readonly Resource: '*';
}

const allow = (Sid: string, roles: readonly string[], Action: readonly string[]): Statement[] =>
  // KMS refuses a statement without principals (MalformedPolicyDocumentException).
  roles.length === 0
    ? []
    : [{ Sid, Effect: 'Allow', Principal: { AWS: roles }, Action, Resource: '*' }];

/**
 * The key policy of a subject key. The function roles are named in it, so a key can be used the
 * moment it exists: no IAM statement scoped by tag is needed (tags take up to five minutes to count,
 * and a tag-scoped grant lets anyone who can tag a key use it). The account root keeps IAM
 * administration possible; nobody may cancel a scheduled deletion, so an erasure cannot be undone;
 * and no function may replace this policy.
 */
export const subjectKeyPolicy = ({
  accountId,
  partition = 'aws',
  users,
}: SubjectKeyPolicyOptions): string => {
  const everyRole = [...new Set([...users.decrypt, ...users.encrypt, ...users.retire])];
  const statements: Statement[] = [
    {
      Sid: 'EnableIamPolicies',
      Effect: 'Allow',
      Principal: { AWS: `arn:${partition}:iam::${accountId}:root` },
      Action: 'kms:*',
      Resource: '*',
    },
    ...allow('FunctionsUnwrapDataKeys', users.decrypt, ['kms:Decrypt']),
    ...allow('FunctionsCreateDataKeys', users.encrypt, ['kms:GenerateDataKey', 'kms:CreateAlias']),
    // DescribeKey: a retried erasure confirms the key is pending deletion; ListResourceTags: the
    // sweeper confirms a key is this stack's before it retires it.
    ...allow('FunctionsRetireKey', users.retire, [
      'kms:DisableKey',
      'kms:ScheduleKeyDeletion',
      'kms:DescribeKey',
      'kms:ListResourceTags',
    ]),
    {
      Sid: 'ErasureIsFinal',
      Effect: 'Deny',
      Principal: { AWS: '*' },
      Action: 'kms:CancelKeyDeletion',
      Resource: '*',
    },
  ];
  if (everyRole.length > 0) {
    statements.push({
      Sid: 'FunctionsCannotChangeThisPolicy',
      Effect: 'Deny',
      Principal: { AWS: everyRole },
      Action: 'kms:PutKeyPolicy',
      Resource: '*',
    });
  }
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
};
