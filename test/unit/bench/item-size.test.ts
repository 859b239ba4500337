import { describe, expect, it } from 'vitest';
import { benchEvent } from '../../../bench/contenders/contender.js';
import { floorItem } from '../../../bench/contenders/floor.js';
import { itemSize } from '../../../bench/figures/item-size.js';
import { toEventItem } from '../../../lambdas/event-store/event-item.js';

describe('itemSize (DynamoDB item sizes and formats)', () => {
  it('counts names, UTF-8 string bytes and one byte per two significant digits plus one', () => {
    expect(itemSize({ ab: { S: 'héllo' } })).toBe(2 + 6);
    expect(itemSize({ n: { N: '12345' } })).toBe(1 + 3 + 1);
    expect(itemSize({ n: { N: '-0.00500' } })).toBe(1 + 1 + 1);
  });

  it('adds 3 bytes per map or list and 1 byte per element', () => {
    expect(itemSize({ m: { M: { a: { NULL: true }, b: { BOOL: false } } } })).toBe(
      1 + 3 + 2 + 2 + 2,
    );
    expect(itemSize({ l: { L: [{ S: 'x' }, { S: 'yz' }] } })).toBe(1 + 3 + 2 + 3);
  });
});

describe('the floor contender', () => {
  it('writes byte for byte the item Ledger writes for the same event', () => {
    const event = benchEvent(5);
    const accountId = 'acc';

    expect(floorItem(accountId, 5, event)).toEqual(
      toEventItem({ ...event, streamId: accountId, version: 5 }),
    );
  });
});
