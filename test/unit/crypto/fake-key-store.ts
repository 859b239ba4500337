import { randomBytes, randomUUID } from 'node:crypto';
import { SubjectErasedError } from '../../../lambdas/crypto/errors.js';
import type {
  DataKeyLookup,
  ErasureResult,
  KeyStore,
  SubjectDataKey,
  SubjectKeyStatus,
} from '../../../lambdas/crypto/key-store.js';

/** An in-memory KeyStore built from the port, counting the calls made to it. */
export class FakeKeyStore implements KeyStore {
  readonly keys = new Map<string, SubjectDataKey | { erasedAt: string }>();
  readonly calls: string[] = [];

  obtainDataKey(subjectId: string): Promise<SubjectDataKey> {
    this.calls.push(`obtain:${subjectId}`);
    const entry = this.keys.get(subjectId);
    if (entry && 'erasedAt' in entry) {
      return Promise.reject(new SubjectErasedError(subjectId));
    }
    const dataKey = entry ?? { keyId: randomUUID(), key: randomBytes(32) };
    this.keys.set(subjectId, dataKey);
    return Promise.resolve(dataKey);
  }

  findDataKey(subjectId: string): Promise<DataKeyLookup> {
    this.calls.push(`find:${subjectId}`);
    const entry = this.keys.get(subjectId);
    if (!entry) {
      return Promise.resolve({ status: 'absent' });
    }
    return Promise.resolve(
      'erasedAt' in entry ? { status: 'erased' } : { status: 'active', dataKey: entry },
    );
  }

  status(subjectId: string): Promise<SubjectKeyStatus> {
    this.calls.push(`status:${subjectId}`);
    const entry = this.keys.get(subjectId);
    if (!entry) {
      return Promise.resolve('absent');
    }
    return Promise.resolve('erasedAt' in entry ? 'erased' : 'active');
  }

  erase(subjectId: string): Promise<ErasureResult> {
    this.calls.push(`erase:${subjectId}`);
    const entry = this.keys.get(subjectId);
    if (entry && 'erasedAt' in entry) {
      return Promise.resolve({ erasedNow: false, ...this.receipt(entry.erasedAt) });
    }
    const erasedAt = new Date().toISOString();
    this.keys.set(subjectId, { erasedAt });
    return Promise.resolve({ erasedNow: true, ...this.receipt(erasedAt) });
  }

  /** A shared-key strategy's receipt: the backups age out of a 7-day recovery window. */
  private receipt(erasedAt: string) {
    const reachesBackupsBy = new Date(Date.parse(erasedAt) + 7 * 86_400_000).toISOString();
    return {
      erasedAt,
      reachesBackupsBy,
      backups: { strategy: 'fake', reachedBy: 'end-of-pitr-window' as const },
    };
  }
}
