import { createHmac, createSecretKey, type KeyObject, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** Field-encryption keys (AES-256, by id) and the HMAC key for exact-match lookup. */
export interface KeyRing {
  activeKeyId: string;
  /** Key objects, not buffers: Node sets a key up once instead of at every call (3× faster). */
  keys: Map<string, KeyObject>;
  hmacKey: KeyObject;
  /** Where the ring came from, for messages; never the keys themselves. */
  source: 'environment' | 'file' | 'memory';
  file?: string;
}

interface KeyFile {
  activeKeyId: string;
  keys: Record<string, string>;
  hmacKey: string;
}

const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;

function decodeKey(name: string, base64: string): KeyObject {
  const key = Buffer.from(base64, 'base64');
  if (key.length !== 32) throw new Error(`${name} must be 32 bytes, base64-encoded`);
  return createSecretKey(key);
}

/**
 * Loads keys from PII_KEYS ("id:base64,id:base64"), PII_ACTIVE_KEY and PII_HMAC_KEY when set;
 * otherwise from DATA_DIR/keys.json, which is generated once (mode 0600) for the embedded default.
 */
export function loadKeyRing(
  env: { PII_KEYS?: string; PII_ACTIVE_KEY?: string; PII_HMAC_KEY?: string; PII_KEYS_FILE?: string },
  dataDir: string,
): { ring: KeyRing; generated: boolean } {
  if (env.PII_KEYS) {
    const keys = new Map<string, KeyObject>();
    for (const part of env.PII_KEYS.split(',')) {
      const [id, value] = part.split(':');
      if (!id || !value || !KEY_ID.test(id)) throw new Error('PII_KEYS must be "id:base64key,..."');
      keys.set(id, decodeKey(`PII_KEYS ${id}`, value));
    }
    const activeKeyId = env.PII_ACTIVE_KEY ?? [...keys.keys()][0] ?? '';
    if (!keys.has(activeKeyId)) throw new Error('PII_ACTIVE_KEY names no key in PII_KEYS');
    if (!env.PII_HMAC_KEY) throw new Error('PII_HMAC_KEY is required with PII_KEYS');
    return { ring: { activeKeyId, keys, hmacKey: decodeKey('PII_HMAC_KEY', env.PII_HMAC_KEY), source: 'environment' }, generated: false };
  }
  // PII_KEYS_FILE keeps the keys apart from the data, so that a backup of DATA_DIR does not hold them.
  const file = env.PII_KEYS_FILE ? resolve(env.PII_KEYS_FILE) : join(dataDir, 'keys.json');
  let generated = false;
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    const content: KeyFile = {
      activeKeyId: 'k1',
      keys: { k1: randomBytes(32).toString('base64') },
      hmacKey: randomBytes(32).toString('base64'),
    };
    writeFileSync(file, `${JSON.stringify(content, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
    generated = true;
  }
  chmodSync(file, 0o600);
  return { ring: readKeyFile(file), generated };
}

function readKeyFile(file: string): KeyRing {
  const content = JSON.parse(readFileSync(file, 'utf8')) as KeyFile;
  const keys = new Map(Object.entries(content.keys).map(([id, v]) => [id, decodeKey(`key ${id}`, v)]));
  if (!keys.has(content.activeKeyId)) throw new Error(`${file}: activeKeyId names no key`);
  return { activeKeyId: content.activeKeyId, keys, hmacKey: decodeKey('hmacKey', content.hmacKey), source: 'file', file };
}

/** Adds a new key to the key file and makes it the active one; old keys stay to decrypt. */
export function addKeyToFile(ring: KeyRing): KeyRing {
  if (ring.source !== 'file' || !ring.file)
    throw new Error('Keys come from the environment: add the new key to PII_KEYS and set PII_ACTIVE_KEY');
  const content = JSON.parse(readFileSync(ring.file, 'utf8')) as KeyFile;
  const next = `k${Object.keys(content.keys).length + 1}`;
  content.keys[next] = randomBytes(32).toString('base64');
  content.activeKeyId = next;
  writeFileSync(ring.file, `${JSON.stringify(content, null, 2)}\n`, { mode: 0o600 });
  return readKeyFile(ring.file);
}

/** Fresh random keys held in memory only (tests). */
export function createMemoryKeyRing(): KeyRing {
  return { activeKeyId: 'k1', keys: new Map([['k1', createRandomKey()]]), hmacKey: createRandomKey(), source: 'memory' };
}

export function createRandomKey(): KeyObject {
  return createSecretKey(randomBytes(32));
}

/** The audit chain's HMAC key, derived from the lookup key so that one secret protects both. */
export function deriveAuditKey(ring: KeyRing): KeyObject {
  return createSecretKey(createHmac('sha256', ring.hmacKey).update('shouhu audit chain v1').digest());
}
