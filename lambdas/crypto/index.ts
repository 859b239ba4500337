export { createEpochRotation, createKeyStore, type KeyStoreDeps } from './create-key-store.js';
export type { RotationSummary } from './epoch-rotation.js';
export { MAX_CACHE_TTL_MS } from './data-key-cache.js';
export type { CipherBinding } from '../application/ports.js';
export { isEncryptedField, type EncryptedField } from './envelope.js';
export {
  EnvelopeAuthenticationError,
  KeyServiceBusyError,
  KeyServiceError,
  KeyStoreIntegrityError,
  SubjectErasedError,
  type EnvelopeFailure,
} from './errors.js';
export type {
  DataKeyLookup,
  BackupReceipt,
  ErasureResult,
  KeyStore,
  SubjectDataKey,
  SubjectKeyStatus,
} from './key-store.js';
export { lazyKms, type Kms } from './kms-client.js';
export { subjectKeyPolicy } from './kms-subject-key-policy.js';
export { DELETION_WINDOW_DAYS } from './kms-key-retirement.js';
export { sweepOrphanKeys, SWEEP_GRACE_MS, type SweepReport } from './kms-key-sweeper.js';
export {
  createPersonalData,
  type PersonalData,
  type PersonalDataOptions,
} from './personal-data.js';
export {
  personalFields,
  protectEventData,
  revealEventData,
  type RevealedData,
} from './personal-fields.js';
