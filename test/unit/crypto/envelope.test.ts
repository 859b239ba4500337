import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CipherBinding } from '../../../lambdas/application/ports.js';
import { isEncryptedField, openField, sealField } from '../../../lambdas/crypto/envelope.js';
import { EnvelopeAuthenticationError } from '../../../lambdas/crypto/errors.js';

const dataKey = { keyId: 'k1', key: randomBytes(32) };
const context: CipherBinding = {
  streamId: 'acc-1',
  eventId: 'evt-1',
  type: 'AccountOpened',
  schema: 1,
  field: 'holderName',
};
const sealed = (plaintext = 'Ada Lovelace', where = context) =>
  sealField(dataKey, randomBytes(12), plaintext, where);

const authFailure = (fn: () => unknown): EnvelopeAuthenticationError => {
  try {
    fn();
  } catch (error) {
    if (error instanceof EnvelopeAuthenticationError) {
      return error;
    }
    throw error;
  }
  throw new Error('expected an EnvelopeAuthenticationError');
};

describe('field envelope', () => {
  it('round-trips any Unicode text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (name) => {
        expect(openField(dataKey, sealed(name), context)).toBe(name);
      }),
    );
  });

  it('is small, versioned and holds no readable trace of the plaintext', () => {
    const envelope = sealed('Ada Lovelace');

    expect(Object.keys(envelope).sort()).toEqual(['ct', 'iv', 'kid', 'v']);
    expect(envelope.v).toBe(1);
    expect(envelope.kid).toBe('k1');
    expect(Buffer.from(envelope.iv, 'base64url')).toHaveLength(12);
    expect(JSON.stringify(envelope)).not.toMatch(/Ada|Lovelace/);
    expect(isEncryptedField(envelope)).toBe(true);
  });

  it.each([
    ['stream', { streamId: 'acc-2' }],
    ['event', { eventId: 'evt-2' }],
    ['type', { type: 'AccountRenamed' }],
    ['schema', { schema: 2 }],
    ['field', { field: 'ownerId' }],
  ])('rejects an envelope moved to another %s', (_what, change) => {
    const envelope = sealed();

    const error = authFailure(() => openField(dataKey, envelope, { ...context, ...change }));

    expect(error.reason).toBe('tag-mismatch');
    expect(error.message).not.toMatch(/Ada|Lovelace/);
  });

  it('rejects an envelope whose key id was swapped, or opened under another key', () => {
    const envelope = sealed();

    expect(authFailure(() => openField(dataKey, { ...envelope, kid: 'k2' }, context)).reason).toBe(
      'key-mismatch',
    );
    const otherKey = { keyId: 'k1', key: randomBytes(32) };
    expect(authFailure(() => openField(otherKey, envelope, context)).reason).toBe('tag-mismatch');
  });

  it('rejects envelopes whose nonce or ciphertext were altered', () => {
    const envelope = sealed();
    const otherIv = randomBytes(12).toString('base64url');
    const ct = Buffer.from(envelope.ct, 'base64url');
    ct[0] = (ct[0] ?? 0) ^ 1;

    expect(() => openField(dataKey, { ...envelope, iv: otherIv }, context)).toThrow(
      EnvelopeAuthenticationError,
    );
    expect(() =>
      openField(dataKey, { ...envelope, ct: ct.toString('base64url') }, context),
    ).toThrow(EnvelopeAuthenticationError);
  });

  it.each([
    ['a string', 'Ada'],
    ['null', null],
    ['an array', []],
    ['another version', { v: 2, kid: 'k', iv: 'AAAAAAAAAAAAAAAA', ct: 'A'.repeat(24) }],
    ['a short nonce', { v: 1, kid: 'k', iv: 'AAAA', ct: 'A'.repeat(24) }],
    ['a missing tag', { v: 1, kid: 'k', iv: 'AAAAAAAAAAAAAAAA', ct: 'AAAA' }],
    ['non-base64url text', { v: 1, kid: 'k', iv: 'AAAAAAAAAAAAAAA=', ct: 'A'.repeat(24) }],
    ['an extra field', { ...sealField(dataKey, randomBytes(12), 'x', context), name: 'Ada' }],
  ])('does not take %s for an envelope', (_what, value) => {
    expect(isEncryptedField(value)).toBe(false);
  });
});
