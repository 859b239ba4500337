import { createCipheriv, createDecipheriv } from 'node:crypto';

/** AES-256 key length in bytes. */
export const KEY_BYTES = 32;
/** GCM nonce length in bytes (96 bits: the size GCM is specified for). */
export const IV_BYTES = 12;
/** GCM authentication tag length in bytes (the full 128 bits, never truncated). */
export const TAG_BYTES = 16;

const ALGORITHM = 'aes-256-gcm';

const checkSizes = (key: Uint8Array, iv: Uint8Array): void => {
  if (key.length !== KEY_BYTES || iv.length !== IV_BYTES) {
    throw new RangeError('AES-256-GCM needs a 32-byte key and a 12-byte IV');
  }
};

/**
 * Encrypts with AES-256-GCM and returns ciphertext followed by the 16-byte tag. Pure: the caller
 * supplies the key and a fresh random IV (never reused under one key).
 */
export const seal = (
  key: Uint8Array,
  iv: Uint8Array,
  plaintext: Uint8Array,
  aad: Uint8Array,
): Buffer => {
  checkSizes(key, iv);
  const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad);
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([body, cipher.getAuthTag()]);
};

/**
 * Decrypts what {@link seal} produced. Throws when the key, IV, associated data, ciphertext or tag
 * differ in any bit (the error names no input).
 */
export const open = (
  key: Uint8Array,
  iv: Uint8Array,
  sealed: Uint8Array,
  aad: Uint8Array,
): Buffer => {
  checkSizes(key, iv);
  if (sealed.length < TAG_BYTES) {
    throw new RangeError('Sealed data is shorter than its tag');
  }
  const bodyEnd = sealed.length - TAG_BYTES;
  // authTagLength pins the tag size, so a truncated (weaker) tag can never be accepted.
  const decipher = createDecipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(aad);
  decipher.setAuthTag(sealed.subarray(bodyEnd));
  return Buffer.concat([decipher.update(sealed.subarray(0, bodyEnd)), decipher.final()]);
};
