import type { CipherBinding } from '../application/ports.js';
import { EnvelopeAuthenticationError } from './errors.js';
import { IV_BYTES, TAG_BYTES, open, seal } from './field-cipher.js';

/**
 * A personal field as stored: version, the subject data key's id, the nonce and the ciphertext with
 * its tag (both base64url). Holds nothing readable about the person.
 */
export interface EncryptedField {
  readonly v: 1;
  readonly kid: string;
  readonly iv: string;
  readonly ct: string;
}

const BASE64URL = /^[A-Za-z0-9_-]+$/;
const IV_CHARS = Math.ceil((IV_BYTES * 4) / 3);
const MIN_CT_CHARS = Math.ceil((TAG_BYTES * 4) / 3);
const ENVELOPE_KEYS = ['ct', 'iv', 'kid', 'v'];

const isBase64Url = (value: unknown, minLength: number, maxLength = Infinity): boolean =>
  typeof value === 'string' &&
  value.length >= minLength &&
  value.length <= maxLength &&
  BASE64URL.test(value);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Whether a stored value is an {@link EncryptedField} (exact shape, sizes and encoding). */
export const isEncryptedField = (value: unknown): value is EncryptedField =>
  isRecord(value) &&
  Object.keys(value).sort().join() === ENVELOPE_KEYS.join() &&
  value['v'] === 1 &&
  isBase64Url(value['kid'], 1) &&
  isBase64Url(value['iv'], IV_CHARS, IV_CHARS) &&
  isBase64Url(value['ct'], MIN_CT_CHARS);

/**
 * The associated data: a JSON array is unambiguous (no field can bleed into the next), and it
 * carries the envelope version and key id so neither can be swapped either.
 */
export const fieldAad = (kid: string, context: CipherBinding): Buffer =>
  Buffer.from(
    JSON.stringify([
      'ledger/field',
      1,
      kid,
      context.streamId,
      context.eventId,
      context.type,
      context.schema,
      context.field,
    ]),
    'utf8',
  );

/** Encrypts one field (pure: key, key id and IV come from the caller). */
export const sealField = (
  dataKey: { readonly keyId: string; readonly key: Uint8Array },
  iv: Uint8Array,
  plaintext: string,
  context: CipherBinding,
): EncryptedField => ({
  v: 1,
  kid: dataKey.keyId,
  iv: Buffer.from(iv).toString('base64url'),
  ct: seal(
    dataKey.key,
    iv,
    Buffer.from(plaintext, 'utf8'),
    fieldAad(dataKey.keyId, context),
  ).toString('base64url'),
});

/**
 * Decrypts one field.
 * @throws EnvelopeAuthenticationError when the envelope was altered, moved or keyed otherwise.
 */
export const openField = (
  dataKey: { readonly keyId: string; readonly key: Uint8Array },
  envelope: EncryptedField,
  context: CipherBinding,
): string => {
  if (!isEncryptedField(envelope)) {
    throw new EnvelopeAuthenticationError('malformed');
  }
  if (envelope.kid !== dataKey.keyId) {
    throw new EnvelopeAuthenticationError('key-mismatch');
  }
  try {
    const iv = Buffer.from(envelope.iv, 'base64url');
    const sealed = Buffer.from(envelope.ct, 'base64url');
    return open(dataKey.key, iv, sealed, fieldAad(envelope.kid, context)).toString('utf8');
  } catch (error) {
    throw new EnvelopeAuthenticationError('tag-mismatch', { cause: error });
  }
};
