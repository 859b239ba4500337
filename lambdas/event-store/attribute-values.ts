import type { AttributeValue } from '@aws-sdk/client-dynamodb';

/** A DynamoDB item in the wire format, as the low-level client sends and receives it. */
export type AttributeItem = Record<string, AttributeValue>;

/**
 * One JSON-like value (string, number, boolean, null, list, map) as an AttributeValue; undefined
 * map entries are left out. Event data holds only these, so this replaces util-dynamodb's generic
 * marshall on the write path (no class, set or binary checks per value).
 */
export const toAttribute = (value: unknown): AttributeValue => {
  switch (typeof value) {
    case 'string':
      return { S: value };
    case 'number':
      if (!Number.isFinite(value)) {
        throw new TypeError(`Cannot store the number ${String(value)}`);
      }
      return { N: String(value) };
    case 'boolean':
      return { BOOL: value };
    case 'object':
      if (value === null) {
        return { NULL: true };
      }
      return Array.isArray(value) ? { L: value.map(toAttribute) } : { M: toAttributeMap(value) };
    default:
      throw new TypeError(`Cannot store a value of type ${typeof value}`);
  }
};

/**
 * A plain object's defined own entries as an AttributeValue map. `Object.fromEntries` defines own
 * properties, so a field named `__proto__` stays a field rather than setting a prototype.
 */
export const toAttributeMap = (record: object): AttributeItem =>
  Object.fromEntries<AttributeValue>(
    Object.entries(record as Record<string, unknown>)
      .filter(([, value]) => value !== undefined)
      .map(([key, value]) => [key, toAttribute(value)]),
  );

/** The inverse of `toAttribute` (numbers as JS numbers, string sets as arrays). */
export const fromAttribute = (value: AttributeValue): unknown => {
  if (value.S !== undefined) {
    return value.S;
  }
  if (value.N !== undefined) {
    return Number(value.N);
  }
  if (value.M !== undefined) {
    return fromAttributeMap(value.M);
  }
  if (value.L !== undefined) {
    return value.L.map(fromAttribute);
  }
  if (value.BOOL !== undefined) {
    return value.BOOL;
  }
  if (value.NULL !== undefined) {
    return null;
  }
  if (value.SS !== undefined) {
    return [...value.SS];
  }
  throw new TypeError('Unsupported attribute type in an event item');
};

/** An AttributeValue map's own entries as a plain object (`__proto__` stays a field). */
export const fromAttributeMap = (map: AttributeItem): Record<string, unknown> =>
  Object.fromEntries(Object.entries(map).map(([key, value]) => [key, fromAttribute(value)]));
