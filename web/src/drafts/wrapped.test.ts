import { describe, expect, it } from 'vitest';
import { IDBFactory as FakeIDBFactory } from 'fake-indexeddb';
import type { ViewsContent } from '../api/types';
import { DraftsLocked, STORAGE } from './crypto';
import { wrappingKey } from './deviceKey';
import { openDraftStore } from './store';
import { openOutbox } from './outbox';

// A child's drafts, kept wrapped under the secret the service hands out after a PIN sign-in (see ./crypto.ts).

const CHILD = 'child-aaaa-1111';
const CONF = 'conf-7f3e9c1a-0000-4000-8000-000000000001';
const WORRY = 'I am scared of him when he drinks';

function content(worries: string): ViewsContent {
  return { worries: { text: worries, parentsMaySee: false }, authorship: { kind: 'CHILD' } };
}

function freshIdb(): IDBFactory {
  return new FakeIDBFactory() as IDBFactory;
}

function secret(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** What the device's secret holder gives a vault: a key while unlocked, null once locked. */
function holder(initial: CryptoKey | null) {
  let key = initial;
  return {
    wrapping: () => key,
    set: (next: CryptoKey | null) => {
      key = next;
    },
  };
}

function req<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}

async function rawAll(idb: IDBFactory, store: string): Promise<unknown[]> {
  const db = await req(idb.open(STORAGE.DB_NAME));
  try {
    return await req(db.transaction(store, 'readonly').objectStore(store).getAll());
  } finally {
    db.close();
  }
}

describe('a child draft kept wrapped', () => {
  it('round-trips while unlocked, and keeps no usable key on the device', async () => {
    const idb = freshIdb();
    const device = holder(await wrappingKey(secret()));
    const store = await openDraftStore(CHILD, idb, device.wrapping);
    await store.save(CONF, content(WORRY));
    expect((await store.load(CONF))?.content).toEqual(content(WORRY));

    const keys = await rawAll(idb, STORAGE.KEYS);
    expect(keys).toHaveLength(1);
    expect(keys.some((k) => k instanceof CryptoKey)).toBe(false);
    expect(keys[0]).toMatchObject({ format: 'app-store/wrapped-key/v1' });
  });

  it('refuses to read or write once locked, deletes nothing, and reads again once unlocked', async () => {
    const idb = freshIdb();
    const unlocked = await wrappingKey(secret());
    const device = holder(unlocked);
    const store = await openDraftStore(CHILD, idb, device.wrapping);
    await store.save(CONF, content(WORRY));

    device.set(null);
    await expect(store.load(CONF)).rejects.toBeInstanceOf(DraftsLocked);
    await expect(store.save(CONF, content('overwritten while locked'))).rejects.toBeInstanceOf(DraftsLocked);
    expect(await rawAll(idb, STORAGE.RECORDS)).toHaveLength(1);

    device.set(unlocked);
    expect((await store.load(CONF))?.content).toEqual(content(WORRY));
  });

  it('reads again after a reload, given the same secret by the service', async () => {
    const idb = freshIdb();
    const s = secret();
    const first = await openDraftStore(CHILD, idb, holder(await wrappingKey(s)).wrapping);
    await first.save(CONF, content(WORRY));
    // The page is opened again and the child signs in: the service gives the same secret.
    const again = await openDraftStore(CHILD, idb, holder(await wrappingKey(s)).wrapping);
    expect((await again.load(CONF))?.content).toEqual(content(WORRY));
  });

  it('is dropped cleanly after a PIN reset gave a new secret, and a new draft is kept under the new one', async () => {
    const idb = freshIdb();
    const before = await openDraftStore(CHILD, idb, holder(await wrappingKey(secret())).wrapping);
    await before.save(CONF, content(WORRY));
    const outbox = await openOutbox(CHILD, idb, holder(await wrappingKey(secret())).wrapping);

    const after = await openDraftStore(CHILD, idb, holder(await wrappingKey(secret())).wrapping);
    expect(await after.load(CONF)).toBeNull();
    expect(await rawAll(idb, STORAGE.RECORDS)).toHaveLength(0);
    await after.save(CONF, content('new words'));
    expect((await after.load(CONF))?.content).toEqual(content('new words'));
    expect(await outbox.pending()).toEqual([]);
  });

  it('drops a draft kept before keys were wrapped (its key stored as a CryptoKey), never crashing', async () => {
    const idb = freshIdb();
    const old = await openDraftStore(CHILD, idb);
    await old.save(CONF, content(WORRY));
    expect((await rawAll(idb, STORAGE.KEYS)).some((k) => k instanceof CryptoKey)).toBe(true);

    const now = await openDraftStore(CHILD, idb, holder(await wrappingKey(secret())).wrapping);
    expect(await now.load(CONF)).toBeNull();
    expect(await rawAll(idb, STORAGE.RECORDS)).toHaveLength(0);
    expect((await rawAll(idb, STORAGE.KEYS)).some((k) => k instanceof CryptoKey)).toBe(false);
  });

  it('keeps a sending waiting to go wrapped too, and sends it once unlocked again', async () => {
    const idb = freshIdb();
    const unlocked = await wrappingKey(secret());
    const device = holder(unlocked);
    const outbox = await openOutbox(CHILD, idb, device.wrapping);
    await outbox.queue(CONF, content(WORRY));
    device.set(null);
    await expect(outbox.pending()).rejects.toBeInstanceOf(DraftsLocked);
    device.set(unlocked);
    const result = await outbox.flush(async () => ({ kind: 'sent', version: 1, sentAt: new Date().toISOString() }));
    expect(result.sent.map((p) => p.content)).toEqual([content(WORRY)]);
  });
});
