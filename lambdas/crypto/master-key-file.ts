import { randomBytes } from 'node:crypto';
import { link, mkdir, open, readFile, stat, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { KeyStoreIntegrityError } from './errors.js';
import { KEY_BYTES } from './field-cipher.js';

const isErrorCode = (error: unknown, code: string): boolean =>
  error instanceof Error && 'code' in error && error.code === code;

/**
 * Writes a new master key to a private temporary file, then links it into place. The file is born
 * with mode 0600 (never chmod-ed later), and link() is atomic and refuses to replace an existing
 * file, so concurrent first starts agree on one key and no reader ever sees a half-written file.
 */
const createMasterKeyFile = async (path: string): Promise<void> => {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const temporary = `${path}.${randomBytes(8).toString('hex')}.tmp`;
  const handle = await open(temporary, 'wx', 0o600);
  try {
    await handle.writeFile(`${randomBytes(KEY_BYTES).toString('base64')}\n`, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await link(temporary, path);
  } catch (error) {
    if (!isErrorCode(error, 'EEXIST')) {
      throw error;
    }
  } finally {
    await unlink(temporary);
  }
};

export const readMasterKeyFile = async (path: string): Promise<Buffer> => {
  const { mode } = await stat(path);
  // A key file others can read is no secret: refuse it instead of silently using it.
  if ((mode & 0o077) !== 0) {
    throw new KeyStoreIntegrityError('The local master key file is readable by group or others');
  }
  const key = Buffer.from((await readFile(path, 'utf8')).trim(), 'base64');
  if (key.length !== KEY_BYTES) {
    throw new KeyStoreIntegrityError('The local master key file does not hold a 32-byte key');
  }
  return key;
};

/** Reads the local master key, creating the file (32 random bytes, base64, mode 0600) if missing. */
export const loadOrCreateMasterKey = async (path: string): Promise<Buffer> => {
  try {
    return await readMasterKeyFile(path);
  } catch (error) {
    if (!isErrorCode(error, 'ENOENT')) {
      throw error;
    }
  }
  await createMasterKeyFile(path);
  return readMasterKeyFile(path);
};
