import type * as KmsModule from '@aws-sdk/client-kms';
import type { KMSClient, KMSClientConfig } from '@aws-sdk/client-kms';

/** The `@aws-sdk/client-kms` module: the client class, the commands and the error classes. */
export type KmsSdk = typeof KmsModule;

/** A KMS client and the SDK module it comes from (its commands, its error classes). */
export interface KmsAccess {
  readonly client: KMSClient;
  readonly sdk: KmsSdk;
}

/**
 * KMS, loaded on the first call: `@aws-sdk/client-kms` is imported and the client built only when a
 * KMS call is about to be made, never at module scope (issue 16 item 4, ADR 0175). Importing the SDK
 * module costs tens of milliseconds, and a command function makes a KMS call only on a subject's
 * first use or a data key cache miss, so a cold start with no KMS call does not pay for it.
 */
export type Kms = () => Promise<KmsAccess>;

let sdk: Promise<KmsSdk> | undefined;

/** The KMS SDK module, imported once per process on first use. */
export const loadKmsSdk = (): Promise<KmsSdk> => {
  sdk ??= import('@aws-sdk/client-kms');
  return sdk;
};

/**
 * A {@link Kms} that builds one client from `config` on its first call and answers it ever after.
 * @example
 * const kms = lazyKms({ region: 'eu-west-1' });
 * const { client, sdk } = await kms();
 * await client.send(new sdk.DescribeKeyCommand({ KeyId: keyArn }));
 */
export const lazyKms = (config: KMSClientConfig = {}): Kms => {
  let access: Promise<KmsAccess> | undefined;
  return () => {
    access ??= loadKmsSdk().then((module) => ({
      client: new module.KMSClient(config),
      sdk: module,
    }));
    return access;
  };
};
