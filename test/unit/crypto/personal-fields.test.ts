import { describe, expect, it } from 'vitest';
import { isEncryptedField } from '../../../lambdas/crypto/envelope.js';
import { EnvelopeAuthenticationError, SubjectErasedError } from '../../../lambdas/crypto/errors.js';
import { createPersonalData } from '../../../lambdas/crypto/personal-data.js';
import {
  personalFields,
  protectEventData,
  revealEventData,
} from '../../../lambdas/crypto/personal-fields.js';
import { FakeKeyStore } from './fake-key-store.js';

const opened = { streamId: 'acc-1', eventId: 'evt-1', type: 'AccountOpened', schema: 1 };
const data = { ownerId: 'alice', holderName: 'Alice Liddell', currency: 'EUR' };

describe('personal fields', () => {
  it('declares the holder name of AccountOpened as personal', () => {
    expect(personalFields['AccountOpened']).toEqual(['holderName']);
  });

  it('encrypts only the personal fields and reveals them again', async () => {
    const pd = createPersonalData(new FakeKeyStore());

    const stored = await protectEventData(pd, 'alice', opened, data);
    const read = await revealEventData(pd, 'alice', opened, stored);

    expect(stored['ownerId']).toBe('alice');
    expect(stored['currency']).toBe('EUR');
    expect(isEncryptedField(stored['holderName'])).toBe(true);
    expect(JSON.stringify(stored)).not.toContain('Liddell');
    expect(read).toEqual({ data, personalDataErased: false });
  });

  it('leaves events without personal fields untouched', async () => {
    const pd = createPersonalData(new FakeKeyStore());
    const deposited = { ...opened, type: 'MoneyDeposited' };

    const stored = await protectEventData(pd, 'alice', deposited, { amount: 5 });

    expect(stored).toEqual({ amount: 5 });
    expect(await revealEventData(pd, 'alice', deposited, stored)).toEqual({
      data: { amount: 5 },
      personalDataErased: false,
    });
  });

  it('keeps a null holder name null', async () => {
    const pd = createPersonalData(new FakeKeyStore());

    const stored = await protectEventData(pd, 'alice', opened, { ...data, holderName: null });

    expect(stored['holderName']).toBeNull();
    expect((await revealEventData(pd, 'alice', opened, stored)).data['holderName']).toBeNull();
  });

  it('answers erased fields as null with personalDataErased', async () => {
    const pd = createPersonalData(new FakeKeyStore());
    const stored = await protectEventData(pd, 'alice', opened, data);

    await pd.erase('alice');

    expect(await revealEventData(pd, 'alice', opened, stored)).toEqual({
      data: { ...data, holderName: null },
      personalDataErased: true,
    });
    await expect(protectEventData(pd, 'alice', opened, data)).rejects.toBeInstanceOf(
      SubjectErasedError,
    );
  });

  it('rejects an envelope copied into another event', async () => {
    const pd = createPersonalData(new FakeKeyStore());
    const stored = await protectEventData(pd, 'alice', opened, data);

    await expect(
      revealEventData(pd, 'alice', { ...opened, eventId: 'evt-2' }, stored),
    ).rejects.toBeInstanceOf(EnvelopeAuthenticationError);
  });

  it('rejects plaintext found in a personal field instead of serving it', async () => {
    const pd = createPersonalData(new FakeKeyStore());

    await expect(revealEventData(pd, 'alice', opened, data)).rejects.toMatchObject({
      reason: 'malformed',
    });
  });

  it('rejects a personal field that is not text, without echoing its value', async () => {
    const pd = createPersonalData(new FakeKeyStore());

    const attempt = protectEventData(pd, 'alice', opened, { ...data, holderName: { x: 'Ada' } });

    await expect(attempt).rejects.toThrow(TypeError);
    await expect(attempt).rejects.not.toThrow(/Ada/);
  });
});
