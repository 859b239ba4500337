import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, send, type TestApp } from '../../support/app.js';
import { allEvents } from '../../support/stream.js';

// Issue 11 item 7. Before the fix unknown field names were echoed in the 400 detail (a field name
// can be personal data), and names and references accepted lone surrogates (stored as U+FFFD),
// bidi overrides and zero-width characters, unnormalised.
let app: TestApp;
let own: string;
let target: string;
beforeAll(async () => {
  app = await createTestApp();
  own = await openAs('texter', 'Ada Lovelace', 10_000);
  target = await openAs('texter', 'Grace Hopper', 0);
});

async function openAs(sub: string, holderName: string, initialDeposit = 0) {
  const response = await send(app.deps, {
    method: 'POST',
    path: '/accounts',
    sub,
    body: { holderName, currency: 'EUR', initialDeposit },
  });
  return String(response.body['accountId']);
}

const openRaw = (rawBody: string) =>
  send(app.deps, { method: 'POST', path: '/accounts', sub: 'texter', rawBody });

const stateName = async (id: string) => {
  const state = await send(app.deps, {
    method: 'GET',
    path: `/accounts/${id}/state`,
    sub: 'texter',
  });
  return (state.body['state'] as Record<string, unknown>)['holderName'];
};

describe('unknown fields', () => {
  it('are counted in the problem, never named', async () => {
    const response = await send(app.deps, {
      method: 'POST',
      path: '/accounts',
      sub: 'texter',
      body: { holderName: 'Ada', currency: 'EUR', 'Jane Doe 1970-01-01': 1, 'jane@example.com': 2 },
    });

    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).not.toMatch(/Jane|jane|1970/);
    expect(response.body['detail']).toContain('2 unknown fields');
  });
});

describe('names and references', () => {
  it.each([
    ['an unpaired high surrogate', '"Ada \\ud800 Lovelace"', 'unpaired surrogate'],
    ['an unpaired low surrogate', '"Ada \\udc00"', 'unpaired surrogate'],
    ['a right-to-left override', '"Ada \\u202e ecalevoL"', 'format characters'],
    ['a bidi isolate', '"Ada \\u2066x\\u2069"', 'format characters'],
    ['a zero-width space', '"Ada\\u200bLovelace"', 'format characters'],
    ['a zero-width joiner', '"Ada\\u200dLovelace"', 'format characters'],
    ['a byte-order mark', '"\\ufeffAda"', 'format characters'],
    ['a soft hyphen', '"Ada\\u00adLovelace"', 'format characters'],
  ])(
    'refuse a holder name with %s, naming the field, writing nothing',
    async (_case, json, why) => {
      const before = (await allEvents(app.deps)).length;

      const response = await openRaw(`{"holderName":${json},"currency":"EUR"}`);

      expect(response.status).toBe(400);
      expect(String(response.body['detail'])).toContain('holderName');
      expect(String(response.body['detail'])).toContain(why);
      expect(JSON.stringify(response.body)).not.toMatch(/Ada|Lovelace|ecalevoL/);
      expect((await allEvents(app.deps)).length).toBe(before);
    },
  );

  it('refuse a transfer reference with a bidi override, naming the field', async () => {
    const response = await send(app.deps, {
      method: 'POST',
      path: '/transfers',
      sub: 'texter',
      body: { fromAccountId: own, toAccountId: target, amount: 1, reference: 'rent \u202e1000' },
    });

    expect(response.status).toBe(400);
    expect(String(response.body['detail'])).toContain('reference');
    expect(JSON.stringify(response.body)).not.toContain('rent');
  });

  it('are stored in NFC', async () => {
    const id = await openAs('texter', 'Rene\u0301 Lovelace');

    expect(await stateName(id)).toBe('René Lovelace'.normalize('NFC'));
  });
});

/** Any string of UTF-16 code units: lone surrogates, format and control characters included. */
const anyText = fc
  .array(
    fc.oneof(
      fc.integer({ min: 0, max: 0xffff }),
      fc.constantFrom(0xd800, 0xdfff, 0x202e, 0x2066, 0x200b, 0x0301, 0x00ad, 0x0041),
    ),
    { maxLength: 40 },
  )
  .map((units) => String.fromCharCode(...units));

describe('arbitrary text in a holder name or a reference', () => {
  it('never answers 5xx; a refusal writes nothing; an accepted name round-trips in NFC', async () => {
    await fc.assert(
      fc.asyncProperty(anyText, async (name) => {
        const before = (await allEvents(app.deps)).length;

        const response = await send(app.deps, {
          method: 'POST',
          path: '/accounts',
          sub: 'texter',
          body: { holderName: name, currency: 'EUR' },
        });

        expect(response.status).toBeLessThan(500);
        if (response.status !== 201) {
          expect(response.status).toBe(400);
          expect((await allEvents(app.deps)).length).toBe(before);
          return;
        }
        const stored = await stateName(String(response.body['accountId']));
        expect(stored).toBe(name.trim().normalize('NFC'));
        expect(/\p{Cs}|\p{Cf}|\p{Cc}/u.test(String(stored))).toBe(false);
      }),
      { numRuns: 60 },
    );
  });

  it('never answers 5xx for a reference, and a refusal writes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(anyText, async (reference) => {
        const before = (await allEvents(app.deps)).length;

        const response = await send(app.deps, {
          method: 'POST',
          path: '/transfers',
          sub: 'texter',
          body: { fromAccountId: own, toAccountId: target, amount: 1, reference },
        });

        expect(response.status).toBeLessThan(500);
        if (response.status !== 202) {
          expect(response.status).toBe(400);
          expect((await allEvents(app.deps)).length).toBe(before);
        }
      }),
      { numRuns: 40 },
    );
  });
});
