/** Formats minor units as a decimal with two places: 15000 -> "150.00" (no floating point). */
export const formatMinor = (minor: number): string => {
  const sign = minor < 0 ? '-' : '';
  const digits = String(Math.abs(minor)).padStart(3, '0');
  return `${sign}${digits.slice(0, -2)}.${digits.slice(-2)}`;
};

/** Formats an amount with its currency: "150.00 EUR". */
export const formatMoney = (minor: number, currency?: string): string =>
  currency === undefined ? formatMinor(minor) : `${formatMinor(minor)} ${currency}`;

/**
 * Parses what a person types ("100", "100.5", "100.50") into minor units, or undefined when it is
 * not an amount; the text is split, never multiplied as a float.
 */
export const parseAmount = (text: string): number | undefined => {
  const match = /^(\d{1,13})(?:[.,](\d{1,2}))?$/.exec(text.trim());
  if (!match?.[1]) {
    return undefined;
  }
  const cents = (match[2] ?? '').padEnd(2, '0');
  return Number(match[1]) * 100 + Number(cents);
};
