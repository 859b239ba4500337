import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IV_BYTES, TAG_BYTES, open, seal } from '../../../lambdas/crypto/field-cipher.js';

const key = randomBytes(32);
const aad = Buffer.from('context', 'utf8');

describe('field cipher (AES-256-GCM)', () => {
  it('opens what it sealed, for any bytes and associated data', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 512 }), fc.uint8Array(), (plaintext, context) => {
        const iv = randomBytes(IV_BYTES);

        const sealed = seal(key, iv, plaintext, context);

        expect(sealed.length).toBe(plaintext.length + TAG_BYTES);
        expect(open(key, iv, sealed, context).equals(Buffer.from(plaintext))).toBe(true);
      }),
    );
  });

  it('rejects a ciphertext with any single bit flipped', () => {
    const iv = randomBytes(IV_BYTES);
    const sealed = seal(key, iv, Buffer.from('Ada Lovelace'), aad);
    fc.assert(
      fc.property(fc.nat({ max: sealed.length * 8 - 1 }), (bit) => {
        const flipped = Buffer.from(sealed);
        flipped[bit >> 3] = (flipped[bit >> 3] ?? 0) ^ (1 << (bit & 7));

        expect(() => open(key, iv, flipped, aad)).toThrow();
      }),
    );
  });

  it('rejects other associated data, another IV or another key', () => {
    const iv = randomBytes(IV_BYTES);
    const sealed = seal(key, iv, Buffer.from('Ada Lovelace'), aad);

    expect(() => open(key, iv, sealed, Buffer.from('contexu'))).toThrow();
    expect(() => open(key, randomBytes(IV_BYTES), sealed, aad)).toThrow();
    expect(() => open(randomBytes(32), iv, sealed, aad)).toThrow();
  });

  it('rejects a truncated tag instead of accepting a shorter one', () => {
    const iv = randomBytes(IV_BYTES);
    const sealed = seal(key, iv, Buffer.from('Ada'), aad);

    expect(() => open(key, iv, sealed.subarray(0, sealed.length - 4), aad)).toThrow();
    expect(() => open(key, iv, sealed.subarray(0, TAG_BYTES - 1), aad)).toThrow(RangeError);
  });

  it('rejects keys that are not 256 bits and IVs that are not 96 bits', () => {
    expect(() => seal(randomBytes(16), randomBytes(IV_BYTES), Buffer.from('x'), aad)).toThrow(
      RangeError,
    );
    expect(() => seal(key, randomBytes(16), Buffer.from('x'), aad)).toThrow(RangeError);
  });

  it('produces different ciphertexts for the same plaintext under different IVs', () => {
    const plaintext = Buffer.from('Ada Lovelace');

    const first = seal(key, randomBytes(IV_BYTES), plaintext, aad);
    const second = seal(key, randomBytes(IV_BYTES), plaintext, aad);

    expect(first.equals(second)).toBe(false);
  });
});
