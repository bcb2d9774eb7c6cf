// Encrypted, namespaced record storage in IndexedDB, shared by the draft store and the outbox.
//
// Threat model: a shared family phone. Anyone holding the phone can open the browser's storage
// inspector, so nothing readable is ever written:
//  - every value is JSON, encrypted with AES-GCM-256 under a WebCrypto key created with
//    extractable=false. The CryptoKey object itself is kept in IndexedDB (structured clone keeps it
//    non-extractable), so script can use it but nobody can read its bytes out;
//  - each write uses a fresh random 96-bit IV;
//  - record ids are SHA-256(kind, namespace, conferenceId) and the namespace tag used to find all
//    records of one child is SHA-256(kind, namespace): no child id or conference id in clear;
//  - the associated data of each ciphertext is the record id, which is derived from the namespace
//    and the conference id, so a ciphertext copied under another record id does not decrypt;
//  - each (kind, namespace) pair has its own key; clearAll() deletes its records and its key.
//
// A child's vaults (opened with a `wrapping` key) go further, because any script on the page could USE a CryptoKey
// kept in IndexedDB even though nobody can read its bytes: their keys are kept only WRAPPED (AES-GCM, associated data
// the key's id) under a secret the service hands out only after a PIN sign-in (GET /api/child/device/key; a PIN
// has 10,000 values, so a key derived from the PIN alone would fall to an offline guess, while the service's PIN
// limits guard guessing it there). The secret is held in memory only (./deviceKey.ts) and dropped on leaving quickly,
// signing out, locking and idle time-out; the unwrapped keys are never stored. Without it a child's vault refuses
// to read or write (DraftsLocked) and deletes nothing. A key that does not unwrap (kept before keys were wrapped, or
// wrapped under a secret a PIN reset replaced) means nothing under it can be read again: its records and the key
// are deleted, and a new key is made.
//
// A record that does not decrypt (tampered, copied, or its key deleted) is treated as absent and
// deleted. IndexedDB failures themselves (quota, blocked database, private mode without storage)
// are not hidden: they reject, so the UI can say that saving on this phone did not work.

const DB_NAME = 'app-store';
const DB_VERSION = 1;
const KEYS = 'keys';
const RECORDS = 'records';
const NS_INDEX = 'ns';
const FORMAT = 'app-store/v1';
const WRAPPED = 'app-store/wrapped-key/v1';
const IV_BYTES = 12;

/** What is kept in the `records` object store. Nothing in it is readable. */
interface StoredRecord {
  /** hex SHA-256 of [kind, namespace, conferenceId] */
  id: string;
  /** hex SHA-256 of [kind, namespace]: lets clearAll and listing find one namespace's records */
  ns: string;
  iv: Uint8Array;
  data: ArrayBuffer;
}

/** A vault's key as a child's vault keeps it: wrapped, unusable without the secret held in memory. */
interface WrappedKey {
  format: typeof WRAPPED;
  iv: Uint8Array;
  wrapped: ArrayBuffer;
}

/** The key a child's vault keys are wrapped under, or null while the drafts are locked (see ./deviceKey.ts). */
export type Wrapping = () => CryptoKey | null;

/** A child's vault asked to read or write while no PIN sign-in has unlocked it. Nothing was deleted. */
export class DraftsLocked extends Error {
  constructor() {
    super('The drafts on this device are locked until the PIN is given');
    this.name = 'DraftsLocked';
  }
}

/** A decrypted record; `stamp` identifies the exact stored write (its IV). */
export interface Opened<T> {
  id: string;
  stamp: Uint8Array;
  value: T;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function subtle(): SubtleCrypto {
  const s = globalThis.crypto?.subtle;
  if (!s) throw new Error('WebCrypto is not available (a secure context is needed)');
  return s;
}

async function sha256Hex(parts: string[]): Promise<string> {
  const digest = await subtle().digest('SHA-256', encoder.encode(JSON.stringify(parts)));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new DOMException('Transaction aborted', 'AbortError'));
  });
}

function toBytes(x: unknown): Uint8Array<ArrayBuffer> | null {
  if (x instanceof ArrayBuffer) return new Uint8Array(x);
  if (ArrayBuffer.isView(x) && x.buffer instanceof ArrayBuffer) {
    return new Uint8Array(x.buffer, x.byteOffset, x.byteLength);
  }
  return null;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function isCryptoKey(x: unknown): x is CryptoKey {
  return typeof CryptoKey !== 'undefined' && x instanceof CryptoKey;
}

// One connection per IDBFactory, reopened if the browser closes it (e.g. a future version upgrade).
const connections = new WeakMap<IDBFactory, Promise<IDBDatabase>>();

function openDatabase(idb: IDBFactory): Promise<IDBDatabase> {
  const cached = connections.get(idb);
  if (cached) return cached;
  const opening = new Promise<IDBDatabase>((resolve, reject) => {
    const r = idb.open(DB_NAME, DB_VERSION);
    r.onupgradeneeded = () => {
      const db = r.result;
      if (!db.objectStoreNames.contains(KEYS)) db.createObjectStore(KEYS);
      if (!db.objectStoreNames.contains(RECORDS)) {
        db.createObjectStore(RECORDS, { keyPath: 'id' }).createIndex(NS_INDEX, 'ns', { unique: false });
      }
    };
    r.onsuccess = () => {
      const db = r.result;
      const forget = () => {
        if (connections.get(idb) === opening) connections.delete(idb);
      };
      db.onversionchange = () => {
        forget();
        db.close();
      };
      db.onclose = forget;
      resolve(db);
    };
    r.onerror = () => reject(r.error);
    r.onblocked = () => reject(new DOMException('The local store is blocked by another open tab', 'InvalidStateError'));
  });
  connections.set(idb, opening);
  opening.catch(() => {
    if (connections.get(idb) === opening) connections.delete(idb);
  });
  return opening;
}

function defaultFactory(idb?: IDBFactory): IDBFactory {
  const f = idb ?? globalThis.indexedDB;
  if (!f) throw new Error('IndexedDB is not available');
  return f;
}

/**
 * Encrypted records of one kind ("draft", "outbox") for one namespace (the signed-in child's id).
 * The key is read from IndexedDB on every operation rather than cached, so that clearAll() done by
 * one instance is seen at once by every other instance of the same namespace.
 */
export class Vault {
  private constructor(
    private readonly idb: IDBFactory,
    private readonly kind: string,
    private readonly namespace: string,
    /** hex SHA-256 tag of [kind, namespace]; safe to use in lock names */
    readonly tag: string,
    private readonly keyId: string,
    private readonly wrapping?: Wrapping,
  ) {}

  /** With `wrapping`, the vault's key is kept only wrapped under the key it returns (a child's drafts). */
  static async open(kind: string, namespace: string, idb?: IDBFactory, wrapping?: Wrapping): Promise<Vault> {
    if (typeof namespace !== 'string' || namespace.length === 0) throw new Error('namespace is required');
    const factory = defaultFactory(idb);
    subtle();
    await openDatabase(factory); // fail early if storage is unusable
    const [tag, keyId] = await Promise.all([
      sha256Hex([FORMAT, 'ns', kind, namespace]),
      sha256Hex([FORMAT, 'key', kind, namespace]),
    ]);
    return new Vault(factory, kind, namespace, tag, keyId, wrapping);
  }

  /** The IDBFactory this vault uses (for per-database locks). */
  get factory(): IDBFactory {
    return this.idb;
  }

  recordId(conferenceId: string): Promise<string> {
    return sha256Hex([FORMAT, 'rec', this.kind, this.namespace, conferenceId]);
  }

  private db(): Promise<IDBDatabase> {
    return openDatabase(this.idb);
  }

  private async key(create: boolean): Promise<CryptoKey | null> {
    return this.wrapping ? this.wrappedKey(create, this.wrapping) : this.keptKey(create);
  }

  /** A child's vault: the key kept wrapped, unwrapped into memory for this one operation. */
  private async wrappedKey(create: boolean, wrapping: Wrapping): Promise<CryptoKey | null> {
    const wrapper = wrapping();
    if (!wrapper) throw new DraftsLocked();
    const db = await this.db();
    const found: unknown = await request(db.transaction(KEYS, 'readonly').objectStore(KEYS).get(this.keyId));
    if (found !== undefined) {
      const key = await this.unwrap(found, wrapper);
      if (key) return key;
      // Kept before keys were wrapped, or wrapped under a secret since replaced: nothing under it is readable again.
      await this.clearAll();
    }
    if (!create) return null;
    const fresh = await subtle().generateKey({ name: 'AES-GCM', length: 256 }, true, ['encrypt', 'decrypt']);
    const iv = globalThis.crypto.getRandomValues(new Uint8Array(IV_BYTES));
    const wrapped = await subtle().wrapKey('raw', fresh, wrapper, {
      name: 'AES-GCM',
      iv,
      additionalData: encoder.encode(this.keyId),
    });
    const entry: WrappedKey = { format: WRAPPED, iv, wrapped };
    // Get-or-put in one readwrite transaction, so two tabs creating a key at once agree on one.
    const tx = db.transaction(KEYS, 'readwrite');
    const keys = tx.objectStore(KEYS);
    let chosen: unknown = entry;
    const again = keys.get(this.keyId);
    again.onsuccess = () => {
      if ((again.result as Partial<WrappedKey> | undefined)?.format === WRAPPED) chosen = again.result;
      else keys.put(entry, this.keyId);
    };
    await done(tx);
    // Only the non-extractable copy unwrapped from what is stored is used.
    const key = await this.unwrap(chosen, wrapper);
    if (!key) throw new Error('The key just stored does not unwrap');
    return key;
  }

  private async unwrap(stored: unknown, wrapper: CryptoKey): Promise<CryptoKey | null> {
    const entry = stored as Partial<WrappedKey> | null;
    if (!entry || typeof entry !== 'object' || entry.format !== WRAPPED) return null;
    const iv = toBytes(entry.iv);
    const wrapped = toBytes(entry.wrapped);
    if (!iv || iv.length !== IV_BYTES || !wrapped) return null;
    try {
      return await subtle().unwrapKey(
        'raw',
        wrapped,
        wrapper,
        { name: 'AES-GCM', iv, additionalData: encoder.encode(this.keyId) },
        { name: 'AES-GCM' },
        false,
        ['encrypt', 'decrypt'],
      );
    } catch {
      return null;
    }
  }

  /** A vault without wrapping (an advocate's, on a staff device): the non-extractable key itself is kept. */
  private async keptKey(create: boolean): Promise<CryptoKey | null> {
    const db = await this.db();
    const found = await request(db.transaction(KEYS, 'readonly').objectStore(KEYS).get(this.keyId));
    if (isCryptoKey(found)) return found;
    if (!create) return null;
    const fresh = await subtle().generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
    // Get-or-put in one readwrite transaction, so two tabs creating a key at once agree on one.
    const tx = db.transaction(KEYS, 'readwrite');
    const keys = tx.objectStore(KEYS);
    let chosen: CryptoKey = fresh;
    const again = keys.get(this.keyId);
    again.onsuccess = () => {
      if (isCryptoKey(again.result)) chosen = again.result;
      else keys.put(fresh, this.keyId);
    };
    await done(tx);
    return chosen;
  }

  private static aad(id: string): Uint8Array<ArrayBuffer> {
    return encoder.encode(`${FORMAT}\u0000${id}`);
  }

  /** Encrypts `value` (JSON) and writes it as the record of `conferenceId`, replacing any earlier one. */
  async write(conferenceId: string, value: unknown): Promise<Opened<unknown>> {
    const id = await this.recordId(conferenceId);
    const key = await this.key(true);
    if (!key) throw new Error('No key');
    const iv = globalThis.crypto.getRandomValues(new Uint8Array(IV_BYTES));
    const data = await subtle().encrypt(
      { name: 'AES-GCM', iv, additionalData: Vault.aad(id), tagLength: 128 },
      key,
      encoder.encode(JSON.stringify(value)),
    );
    const record: StoredRecord = { id, ns: this.tag, iv, data };
    const tx = (await this.db()).transaction(RECORDS, 'readwrite');
    tx.objectStore(RECORDS).put(record);
    await done(tx);
    return { id, stamp: iv, value };
  }

  /** The decrypted record of `conferenceId`, or null (absent, or unreadable and now deleted). */
  async read(conferenceId: string): Promise<Opened<unknown> | null> {
    const id = await this.recordId(conferenceId);
    const db = await this.db();
    const raw: unknown = await request(db.transaction(RECORDS, 'readonly').objectStore(RECORDS).get(id));
    if (raw === undefined) return null;
    return this.openRecord(raw, await this.key(false));
  }

  /** Every readable record of this namespace; unreadable ones are deleted. Unordered. */
  async readAll(): Promise<Opened<unknown>[]> {
    const db = await this.db();
    const raws: unknown[] = await request(
      db.transaction(RECORDS, 'readonly').objectStore(RECORDS).index(NS_INDEX).getAll(this.tag),
    );
    if (raws.length === 0) return [];
    const key = await this.key(false);
    const out: Opened<unknown>[] = [];
    for (const raw of raws) {
      const opened = await this.openRecord(raw, key);
      if (opened) out.push(opened);
    }
    return out;
  }

  private async openRecord(raw: unknown, key: CryptoKey | null): Promise<Opened<unknown> | null> {
    const rec = raw as Partial<StoredRecord> | null;
    const id = rec && typeof rec.id === 'string' ? rec.id : null;
    if (!id) return null;
    const iv = toBytes(rec?.iv);
    const data = toBytes(rec?.data);
    if (key && iv && iv.length === IV_BYTES && data && rec?.ns === this.tag) {
      try {
        const plain = await subtle().decrypt(
          { name: 'AES-GCM', iv, additionalData: Vault.aad(id), tagLength: 128 },
          key,
          data,
        );
        return { id, stamp: iv, value: JSON.parse(decoder.decode(plain)) as unknown };
      } catch {
        // fall through: unreadable
      }
    }
    await this.removeIfUnchanged(id, iv);
    return null;
  }

  /** Deletes the record of `conferenceId`. */
  async remove(conferenceId: string): Promise<void> {
    const id = await this.recordId(conferenceId);
    const tx = (await this.db()).transaction(RECORDS, 'readwrite');
    tx.objectStore(RECORDS).delete(id);
    await done(tx);
  }

  /**
   * Deletes record `id` only if it is still the write identified by `stamp` (its IV); a record
   * rewritten in the meantime is kept. With a null stamp, deletes only a record that has no usable IV.
   */
  async removeIfUnchanged(id: string, stamp: Uint8Array | null): Promise<boolean> {
    const tx = (await this.db()).transaction(RECORDS, 'readwrite');
    const records = tx.objectStore(RECORDS);
    let removed = false;
    const current = records.get(id);
    current.onsuccess = () => {
      const rec = current.result as Partial<StoredRecord> | undefined;
      if (rec === undefined) return;
      if (rec.ns !== undefined && rec.ns !== this.tag) return; // never touch another namespace's record
      const iv = toBytes(rec.iv);
      const matches = stamp === null ? iv === null || iv.length !== IV_BYTES : iv !== null && sameBytes(iv, stamp);
      if (matches) {
        records.delete(id);
        removed = true;
      }
    };
    await done(tx);
    return removed;
  }

  /** Deletes every record of this namespace and its key, in one transaction. */
  async clearAll(): Promise<void> {
    const tx = (await this.db()).transaction([RECORDS, KEYS], 'readwrite');
    const cursor = tx.objectStore(RECORDS).index(NS_INDEX).openKeyCursor(this.tag);
    cursor.onsuccess = () => {
      const c = cursor.result;
      if (!c) return;
      tx.objectStore(RECORDS).delete(c.primaryKey);
      c.continue();
    };
    tx.objectStore(KEYS).delete(this.keyId);
    await done(tx);
  }
}

/** Names used by the tests to inspect raw storage. */
export const STORAGE = { DB_NAME, DB_VERSION, KEYS, RECORDS } as const;
