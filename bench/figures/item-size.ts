import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { Contender } from '../contenders/contender.js';
import { figureResults, type FigureResult } from './result.js';

const utf8 = (text: string): number => Buffer.byteLength(text, 'utf8');

// Significant digits of a number as DynamoDB stores it: sign, exponent, leading and trailing zeros
// are not digits.
const significantDigits = (number: string): number => {
  const digits = (number.split(/e/i)[0] ?? '').replace(/[-+.]/g, '').replace(/^0+|0+$/g, '');
  return Math.max(1, digits.length);
};

/**
 * The size DynamoDB counts for a value, by "DynamoDB item sizes and formats"
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html,
 * read 2026-12-01): strings their UTF-8 bytes, numbers 1 byte per two significant digits + 1,
 * null and Boolean 1 byte, a list or map 3 bytes + 1 byte per element + its elements.
 */
const valueSize = (value: AttributeValue): number => {
  if (value.S !== undefined) {
    return utf8(value.S);
  }
  if (value.N !== undefined) {
    return Math.ceil(significantDigits(value.N) / 2) + 1;
  }
  if (value.M !== undefined) {
    return 3 + itemSize(value.M) + Object.keys(value.M).length;
  }
  if (value.L !== undefined) {
    return 3 + value.L.reduce((sum, element) => sum + 1 + valueSize(element), 0);
  }
  if (value.SS !== undefined) {
    return value.SS.reduce((sum, element) => sum + utf8(element), 0);
  }
  return 1;
};

/** An item's size as DynamoDB counts it for capacity (names plus values). */
export const itemSize = (item: Readonly<Record<string, AttributeValue>>): number =>
  Object.entries(item).reduce((sum, [name, value]) => sum + utf8(name) + valueSize(value), 0);

/** Bytes per stored event: the mean item size of the deposits at versions 2 to 101. */
export const measureItemSizes = (contenders: readonly Contender[]): FigureResult[] => {
  const sizes = new Map<string, number[]>();
  for (const contender of contenders) {
    const accountId = '00000000-0000-4000-8000-000000000000';
    const items = Array.from({ length: 100 }, (_, i) => contender.itemOf(accountId, i + 2));
    const mean = items.reduce((sum, item) => sum + itemSize(item), 0) / items.length;
    sizes.set(contender.name, [Math.round(mean)]);
  }
  return figureResults('bytes per event (deposit item)', 'bytes', sizes);
};
