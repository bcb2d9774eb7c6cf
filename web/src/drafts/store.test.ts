import { describe, expect, it } from 'vitest';
import { IDBFactory as FakeIDBFactory } from 'fake-indexeddb';
import type { ViewsContent } from '../api/types';
import { STORAGE } from './crypto';
import { openDraftStore } from './store';

const PHRASE = 'I feel scared when dad shouts at night';
const CHILD_A = 'child-aaaa-1111';
const CHILD_B = 'child-bbbb-2222';
const CONF = 'conf-7f3e9c1a-0000-4000-8000-000000000001';
const CONF_2 = 'conf-7f3e9c1a-0000-4000-8000-000000000002';

function content(worries: string): ViewsContent {
  return {
    worries: { text: worries, parentsMaySee: false },
    goodThings: { text: 'football with my friend Sam', parentsMaySee: true },
    safety: { score: 3, parentsMaySee: false },
    authorship: { kind: 'CHILD' },
  };
}

function freshIdb(): IDBFactory {
  return new FakeIDBFactory() as IDBFactory;
}

// ---- raw access to the database, as someone with the phone's storage inspector would have ----

function req<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}

async function rawDb(idb: IDBFactory): Promise<IDBDatabase> {
  return req(idb.open(STORAGE.DB_NAME));
}

interface Raw {
  records: { key: IDBValidKey; value: Record<string, unknown> }[];
  keys: { key: IDBValidKey; value: unknown }[];
}

async function dump(idb: IDBFactory): Promise<Raw> {
  const db = await rawDb(idb);
  try {
    const tx = db.transaction([STORAGE.RECORDS, STORAGE.KEYS], 'readonly');
    const rs = tx.objectStore(STORAGE.RECORDS);
    const ks = tx.objectStore(STORAGE.KEYS);
    const [rKeys, rVals, kKeys, kVals] = await Promise.all([
      req(rs.getAllKeys()),
      req(rs.getAll()),
      req(ks.getAllKeys()),
      req(ks.getAll()),
    ]);
    return {
      records: rKeys.map((key, i) => ({ key, value: rVals[i] as Record<string, unknown> })),
      keys: kKeys.map((key, i) => ({ key, value: kVals[i] })),
    };
  } finally {
    db.close();
  }
}

async function putRaw(idb: IDBFactory, value: Record<string, unknown>): Promise<void> {
  const db = await rawDb(idb);
  try {
    const tx = db.transaction(STORAGE.RECORDS, 'readwrite');
    tx.objectStore(STORAGE.RECORDS).put(value);
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}

/** Every string and byte sequence in the raw database, as text (bytes as latin1 and utf-8). */
function allText(raw: Raw): string {
  const parts: string[] = [];
  const visit = (x: unknown): void => {
    if (typeof x === 'string') parts.push(x);
    else if (typeof x === 'number' || typeof x === 'boolean') parts.push(String(x));
    else if (x instanceof ArrayBuffer || ArrayBuffer.isView(x)) {
      const bytes =
        x instanceof ArrayBuffer ? new Uint8Array(x) : new Uint8Array(x.buffer, x.byteOffset, x.byteLength);
      parts.push(new TextDecoder('latin1').decode(bytes), new TextDecoder('utf-8').decode(bytes));
    } else if (Array.isArray(x)) x.forEach(visit);
    else if (typeof x === 'object' && x !== null && !(x instanceof CryptoKey)) Object.values(x).forEach(visit);
  };
  for (const r of raw.records) {
    visit(r.key);
    visit(r.value);
  }
  for (const k of raw.keys) visit(k.key);
  return parts.join('\n');
}

describe('draft store', () => {
  it('round-trips a draft, with a savedAt time', async () => {
    const idb = freshIdb();
    const store = await openDraftStore(CHILD_A, idb);
    expect(await store.load(CONF)).toBeNull();
    const before = Date.now();
    await store.save(CONF, content(PHRASE));
    const loaded = await store.load(CONF);
    expect(loaded?.content).toEqual(content(PHRASE));
    expect(Date.parse(loaded!.savedAt)).toBeGreaterThanOrEqual(before - 1);
    // a second instance (e.g. after a reload) reads it too
    const again = await openDraftStore(CHILD_A, idb);
    expect((await again.load(CONF))?.content).toEqual(content(PHRASE));
  });

  it('keeps one draft per conference; save overwrites, remove deletes', async () => {
    const idb = freshIdb();
    const store = await openDraftStore(CHILD_A, idb);
    await store.save(CONF, content('first'));
    await store.save(CONF, content('second'));
    await store.save(CONF_2, content('other conference'));
    expect((await store.load(CONF))?.content.worries?.text).toBe('second');
    expect((await store.load(CONF_2))?.content.worries?.text).toBe('other conference');
    expect((await dump(idb)).records).toHaveLength(2);
    await store.remove(CONF);
    expect(await store.load(CONF)).toBeNull();
    expect((await store.load(CONF_2))?.content.worries?.text).toBe('other conference');
  });

  it('isolates two namespaces (two children on one phone)', async () => {
    const idb = freshIdb();
    const a = await openDraftStore(CHILD_A, idb);
    const b = await openDraftStore(CHILD_B, idb);
    await a.save(CONF, content(PHRASE));
    expect(await b.load(CONF)).toBeNull();
    await b.save(CONF, content('child b words'));
    expect((await a.load(CONF))?.content.worries?.text).toBe(PHRASE);
    expect((await b.load(CONF))?.content.worries?.text).toBe('child b words');
    await b.clearAll();
    expect((await a.load(CONF))?.content.worries?.text).toBe(PHRASE);
    expect(await b.load(CONF)).toBeNull();
    const raw = await dump(idb);
    expect(raw.records).toHaveLength(1);
    expect(raw.keys).toHaveLength(1);
  });

  it('stores nothing readable: no text, no conference id, no child id', async () => {
    const idb = freshIdb();
    const store = await openDraftStore(CHILD_A, idb);
    await store.save(CONF, content(PHRASE));
    const raw = await dump(idb);
    expect(raw.records).toHaveLength(1);
    const text = allText(raw);
    expect(text.length).toBeGreaterThan(0);
    for (const secret of [PHRASE, 'scared', 'football', 'Sam', CONF, '7f3e9c1a', CHILD_A, 'aaaa', 'worries', 'CHILD']) {
      expect(text).not.toContain(secret);
    }
    // record ids are hashes, and the stored value has only the expected opaque fields
    expect(String(raw.records[0].key)).toMatch(/^[0-9a-f]{64}$/);
    expect(Object.keys(raw.records[0].value).sort()).toEqual(['data', 'id', 'iv', 'ns']);
    expect(String(raw.keys[0].key)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('uses a fresh 96-bit IV for every write', async () => {
    const idb = freshIdb();
    const store = await openDraftStore(CHILD_A, idb);
    const ivs = new Set<string>();
    for (let i = 0; i < 5; i++) {
      await store.save(CONF, content(PHRASE));
      const iv = (await dump(idb)).records[0].value.iv as Uint8Array;
      expect(iv.byteLength).toBe(12);
      ivs.add(Array.from(iv).join(','));
    }
    expect(ivs.size).toBe(5);
  });

  it('treats a tampered ciphertext as absent, deletes it, and does not throw', async () => {
    const idb = freshIdb();
    const store = await openDraftStore(CHILD_A, idb);
    await store.save(CONF, content(PHRASE));
    const [rec] = (await dump(idb)).records;
    const data = new Uint8Array((rec.value.data as ArrayBuffer).slice(0));
    data[5] ^= 0x01;
    await putRaw(idb, { ...rec.value, data: data.buffer });
    await expect(store.load(CONF)).resolves.toBeNull();
    expect((await dump(idb)).records).toHaveLength(0);
    // and the store still works afterwards
    await store.save(CONF, content('new words'));
    expect((await store.load(CONF))?.content.worries?.text).toBe('new words');
  });

  it('treats a tampered IV or a malformed record as absent', async () => {
    const idb = freshIdb();
    const store = await openDraftStore(CHILD_A, idb);
    await store.save(CONF, content(PHRASE));
    const [rec] = (await dump(idb)).records;
    const iv = new Uint8Array(rec.value.iv as Uint8Array);
    iv[0] ^= 0xff;
    await putRaw(idb, { ...rec.value, iv });
    expect(await store.load(CONF)).toBeNull();
    await putRaw(idb, { id: rec.value.id, ns: rec.value.ns, iv: 'nonsense', data: 42 });
    expect(await store.load(CONF)).toBeNull();
    expect((await dump(idb)).records).toHaveLength(0);
  });

  it('does not decrypt a ciphertext copied under another conference', async () => {
    const idb = freshIdb();
    const store = await openDraftStore(CHILD_A, idb);
    await store.save(CONF, content(PHRASE));
    await store.save(CONF_2, content('other'));
    const raw = await dump(idb);
    const recA = raw.records.find((r) => r.value.data && r.key !== undefined)!;
    const recB = raw.records.find((r) => r.key !== recA.key)!;
    // put A's ciphertext under B's id (same key, same namespace): the associated data does not match
    await putRaw(idb, { ...recA.value, id: recB.value.id });
    const loadedA = await store.load(CONF);
    const loadedB = await store.load(CONF_2);
    const survivors = [loadedA, loadedB].filter((x) => x !== null);
    expect(survivors).toHaveLength(1);
    expect((await dump(idb)).records).toHaveLength(1);
  });

  it("does not decrypt another child's ciphertext copied into this namespace", async () => {
    const idb = freshIdb();
    const a = await openDraftStore(CHILD_A, idb);
    const b = await openDraftStore(CHILD_B, idb);
    await a.save(CONF, content(PHRASE));
    await b.save(CONF, content('b'));
    const raw = await dump(idb);
    const [r1, r2] = raw.records;
    // swap the opaque payloads between the two children's records
    await putRaw(idb, { ...r1.value, iv: r2.value.iv, data: r2.value.data });
    await putRaw(idb, { ...r2.value, iv: r1.value.iv, data: r1.value.data });
    expect(await a.load(CONF)).toBeNull();
    expect(await b.load(CONF)).toBeNull();
  });

  it('clearAll removes every draft and the key; a new store cannot read the old records', async () => {
    const idb = freshIdb();
    const store = await openDraftStore(CHILD_A, idb);
    await store.save(CONF, content(PHRASE));
    await store.save(CONF_2, content('second'));
    const before = await dump(idb);
    expect(before.records).toHaveLength(2);
    expect(before.keys).toHaveLength(1);

    await store.clearAll();
    const after = await dump(idb);
    expect(after.records).toHaveLength(0);
    expect(after.keys).toHaveLength(0);

    // someone who kept a copy of the encrypted records puts them back: still unreadable
    for (const r of before.records) await putRaw(idb, r.value);
    const fresh = await openDraftStore(CHILD_A, idb);
    expect(await fresh.load(CONF)).toBeNull();
    expect(await store.load(CONF_2)).toBeNull();
    expect((await dump(idb)).records).toHaveLength(0);

    // and the namespace is usable again, with a new key
    await fresh.save(CONF, content('after clear'));
    expect((await store.load(CONF))?.content.worries?.text).toBe('after clear');
    const k = (await dump(idb)).keys;
    expect(k).toHaveLength(1);
    expect(k[0].value).not.toBe(before.keys[0].value);
  });

  it('keeps the key non-extractable', async () => {
    const idb = freshIdb();
    const store = await openDraftStore(CHILD_A, idb);
    await store.save(CONF, content(PHRASE));
    const [{ value: key }] = (await dump(idb)).keys;
    expect(key).toBeInstanceOf(CryptoKey);
    const k = key as CryptoKey;
    expect(k.extractable).toBe(false);
    expect(k.algorithm).toMatchObject({ name: 'AES-GCM', length: 256 });
    await expect(crypto.subtle.exportKey('raw', k)).rejects.toThrow();
    await expect(crypto.subtle.exportKey('jwk', k)).rejects.toThrow();
  });

  it('does not create a key just by reading', async () => {
    const idb = freshIdb();
    const store = await openDraftStore(CHILD_A, idb);
    expect(await store.load(CONF)).toBeNull();
    expect((await dump(idb)).keys).toHaveLength(0);
  });

  it('agrees on one key when two instances save at the same time', async () => {
    const idb = freshIdb();
    const [s1, s2] = await Promise.all([openDraftStore(CHILD_A, idb), openDraftStore(CHILD_A, idb)]);
    await Promise.all([s1.save(CONF, content('one')), s2.save(CONF_2, content('two'))]);
    expect((await dump(idb)).keys).toHaveLength(1);
    expect((await s2.load(CONF))?.content.worries?.text).toBe('one');
    expect((await s1.load(CONF_2))?.content.worries?.text).toBe('two');
  });

  it('rejects an empty namespace', async () => {
    await expect(openDraftStore('', freshIdb())).rejects.toThrow();
  });
});
