import type { CipherBinding } from '../application/ports.js';
import { isEncryptedField } from './envelope.js';
import { EnvelopeAuthenticationError } from './errors.js';
import type { PersonalData } from './personal-data.js';

/** Which fields of which event type hold personal data (encrypted at rest, shredded on erasure). */
export const personalFields: Readonly<Record<string, readonly string[]>> = {
  AccountOpened: ['holderName'],
  // A free-text payment reference may name people.
  TransferSent: ['reference'],
  // The receiver's own copy of it, under the receiver's key (ADR 0150).
  TransferReceived: ['reference'],
};

/** An event's data as read back: personal fields in plaintext, or null once the subject is erased. */
export interface RevealedData {
  readonly data: Record<string, unknown>;
  /** True when at least one personal field could not be revealed because the subject was erased. */
  readonly personalDataErased: boolean;
}

const fieldsOf = (type: string): readonly string[] => personalFields[type] ?? [];

/**
 * Replaces each personal field of an event's data with its encrypted envelope. Null or absent
 * fields stay as they are; an envelope is kept as it is.
 * @throws SubjectErasedError when the subject was erased.
 * @throws TypeError when a personal field is neither a string, null nor an envelope.
 */
export const protectEventData = async (
  pd: PersonalData,
  subjectId: string,
  event: Omit<CipherBinding, 'field'>,
  data: Readonly<Record<string, unknown>>,
): Promise<Record<string, unknown>> => {
  const protectedData: Record<string, unknown> = { ...data };
  for (const field of fieldsOf(event.type)) {
    const value = data[field];
    if (value === undefined || value === null || isEncryptedField(value)) {
      continue;
    }
    if (typeof value !== 'string') {
      // The message names the field, never its value.
      throw new TypeError(`Personal field ${event.type}.${field} must be a string or null`);
    }
    protectedData[field] = await pd.encrypt(subjectId, value, { ...event, field });
  }
  return protectedData;
};

/**
 * Decrypts each personal field of an event's data; an erased subject's fields become null.
 * @throws EnvelopeAuthenticationError when an envelope was tampered with or moved, or a personal
 * field holds something other than null or an envelope.
 */
export const revealEventData = async (
  pd: PersonalData,
  subjectId: string,
  event: Omit<CipherBinding, 'field'>,
  data: Readonly<Record<string, unknown>>,
): Promise<RevealedData> => {
  const revealed: Record<string, unknown> = { ...data };
  let personalDataErased = false;
  for (const field of fieldsOf(event.type)) {
    const value: unknown = data[field];
    if (value === undefined || value === null) {
      continue;
    }
    // Anything else in a personal field is either plaintext at rest or a damaged envelope.
    if (!isEncryptedField(value)) {
      throw new EnvelopeAuthenticationError('malformed');
    }
    const plaintext = await pd.decrypt(subjectId, value, { ...event, field });
    revealed[field] = plaintext;
    personalDataErased ||= plaintext === null;
  }
  return { data: revealed, personalDataErased };
};
