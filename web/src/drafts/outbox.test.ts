import { describe, expect, it } from 'vitest';
import { IDBFactory as FakeIDBFactory } from 'fake-indexeddb';
import type { ViewsContent } from '../api/types';
import { STORAGE } from './crypto';
import { openOutbox, type PendingSend, type SendOutcome } from './outbox';
import { openDraftStore } from './store';

const PHRASE = 'please do not tell mum what I wrote';
const CHILD_A = 'child-aaaa-1111';
const CHILD_B = 'child-bbbb-2222';
const CONF = 'conf-1111-aaaa';
const CONF_2 = 'conf-2222-bbbb';

function content(text: string): ViewsContent {
  return { wishes: { text, parentsMaySee: false }, authorship: { kind: 'CHILD_WITH_HELP', helperName: 'Ms Jones' } };
}

function freshIdb(): IDBFactory {
  return new FakeIDBFactory() as IDBFactory;
}

const SENT: SendOutcome = { kind: 'sent', version: 1, sentAt: '2025-01-01T10:00:00Z' };
const RETRY: SendOutcome = { kind: 'retry' };

function req<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}

async function rawRecords(idb: IDBFactory): Promise<{ keys: IDBValidKey[]; values: Record<string, unknown>[]; keyIds: IDBValidKey[] }> {
  const db = await req(idb.open(STORAGE.DB_NAME));
  try {
    const tx = db.transaction([STORAGE.RECORDS, STORAGE.KEYS], 'readonly');
    const [keys, values, keyIds] = await Promise.all([
      req(tx.objectStore(STORAGE.RECORDS).getAllKeys()),
      req(tx.objectStore(STORAGE.RECORDS).getAll()),
      req(tx.objectStore(STORAGE.KEYS).getAllKeys()),
    ]);
    return { keys, values: values as Record<string, unknown>[], keyIds };
  } finally {
    db.close();
  }
}

function bytesText(x: unknown): string {
  if (x instanceof ArrayBuffer) return new TextDecoder('latin1').decode(new Uint8Array(x));
  if (ArrayBuffer.isView(x)) return new TextDecoder('latin1').decode(new Uint8Array(x.buffer, x.byteOffset, x.byteLength));
  return typeof x === 'string' ? x : JSON.stringify(x) ?? '';
}

function deferred<T>(): { promise: Promise<T>; resolve: (v: T) => void } {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('outbox', () => {
  it('queues a send with a random idempotency key, encrypted at rest', async () => {
    const idb = freshIdb();
    const outbox = await openOutbox(CHILD_A, idb);
    const p = await outbox.queue(CONF, content(PHRASE));
    expect(p.conferenceId).toBe(CONF);
    expect(p.idempotencyKey).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(p.content).toEqual(content(PHRASE));
    expect(Number.isNaN(Date.parse(p.queuedAt))).toBe(false);
    expect(await outbox.pending()).toEqual([p]);

    const raw = await rawRecords(idb);
    expect(raw.values).toHaveLength(1);
    const text = [...raw.keys, ...raw.keyIds, ...raw.values.flatMap((v) => Object.values(v))].map(bytesText).join('\n');
    for (const secret of [PHRASE, 'mum', 'Ms Jones', CONF, CHILD_A, p.idempotencyKey]) {
      expect(text).not.toContain(secret);
    }
  });

  it('keeps the same idempotency key across retries (and across reopening)', async () => {
    const idb = freshIdb();
    const outbox = await openOutbox(CHILD_A, idb);
    const queued = await outbox.queue(CONF, content(PHRASE));
    const seen: string[] = [];
    const offline = async (p: PendingSend) => {
      seen.push(p.idempotencyKey);
      return RETRY;
    };
    const r1 = await outbox.flush(offline);
    expect(r1.sent).toEqual([]);
    expect(r1.rejected).toEqual([]);
    expect(r1.stillPending).toEqual([queued]);

    // a send that throws (fetch failed) is a retry too
    const r2 = await outbox.flush(async (p) => {
      seen.push(p.idempotencyKey);
      throw new TypeError('Failed to fetch');
    });
    expect(r2.stillPending).toEqual([queued]);

    const reopened = await openOutbox(CHILD_A, idb);
    await reopened.flush(offline);
    const r3 = await reopened.flush(async (p) => {
      seen.push(p.idempotencyKey);
      return SENT;
    });
    expect(seen).toEqual([queued.idempotencyKey, queued.idempotencyKey, queued.idempotencyKey, queued.idempotencyKey]);
    expect(r3.sent).toEqual([queued]);
    expect(r3.stillPending).toEqual([]);
  });

  it('removes sent items', async () => {
    const idb = freshIdb();
    const outbox = await openOutbox(CHILD_A, idb);
    const a = await outbox.queue(CONF, content('a'));
    const result = await outbox.flush(async () => SENT);
    expect(result).toEqual({ sent: [a], stillPending: [], rejected: [] });
    expect(await outbox.pending()).toEqual([]);
    expect((await rawRecords(idb)).values).toHaveLength(0);
    // flushing again sends nothing
    let calls = 0;
    await outbox.flush(async () => {
      calls++;
      return SENT;
    });
    expect(calls).toBe(0);
  });

  it('reports and removes rejected items, and carries on with the rest in queue order', async () => {
    const idb = freshIdb();
    const outbox = await openOutbox(CHILD_A, idb);
    const a = await outbox.queue(CONF, content('a'));
    const b = await outbox.queue(CONF_2, content('b'));
    const order: string[] = [];
    const result = await outbox.flush(async (p) => {
      order.push(p.conferenceId);
      return p.conferenceId === CONF ? { kind: 'rejected', detail: 'The conference has been cancelled' } : RETRY;
    });
    expect(order).toEqual([CONF, CONF_2]);
    expect(result.rejected).toEqual([{ send: a, detail: 'The conference has been cancelled' }]);
    expect(result.sent).toEqual([]);
    expect(result.stillPending).toEqual([b]);
    expect(await outbox.pending()).toEqual([b]);
  });

  it('sends once when flushes run concurrently', async () => {
    const idb = freshIdb();
    const outbox = await openOutbox(CHILD_A, idb);
    const a = await outbox.queue(CONF, content('a'));
    const b = await outbox.queue(CONF_2, content('b'));
    const calls: string[] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    const slowSend = async (p: PendingSend): Promise<SendOutcome> => {
      calls.push(p.idempotencyKey);
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((r) => setTimeout(r, 20));
      inFlight--;
      return SENT;
    };
    // two instances of the same namespace too (e.g. two components each opened one)
    const other = await openOutbox(CHILD_A, idb);
    const results = await Promise.all([outbox.flush(slowSend), outbox.flush(slowSend), other.flush(slowSend)]);
    expect(calls.sort()).toEqual([a.idempotencyKey, b.idempotencyKey].sort());
    expect(maxInFlight).toBe(1);
    expect(results[0].sent).toEqual([a, b]);
    expect(results[1].sent).toEqual([]);
    expect(results[2].sent).toEqual([]);
    expect(await outbox.pending()).toEqual([]);
  });

  it('a failing flush does not block later flushes', async () => {
    const idb = freshIdb();
    const outbox = await openOutbox(CHILD_A, idb);
    const a = await outbox.queue(CONF, content('a'));
    const bad = outbox.flush(() => {
      throw new Error('synchronous throw');
    });
    const good = outbox.flush(async () => SENT);
    expect((await bad).stillPending).toEqual([a]);
    expect((await good).sent).toEqual([a]);
  });

  it('queue replaces the pending send of the same conference, with a new key', async () => {
    const idb = freshIdb();
    const outbox = await openOutbox(CHILD_A, idb);
    const first = await outbox.queue(CONF, content('first'));
    const other = await outbox.queue(CONF_2, content('other'));
    const second = await outbox.queue(CONF, content('second'));
    expect(second.idempotencyKey).not.toBe(first.idempotencyKey);
    // one per conference; the replacement goes to the back of the queue
    expect(await outbox.pending()).toEqual([other, second]);
    expect((await rawRecords(idb)).values).toHaveLength(2);
    // also after the first version was attempted and answered 'retry'
    await outbox.flush(async () => RETRY);
    const third = await outbox.queue(CONF, content('third'));
    expect(third.idempotencyKey).not.toBe(second.idempotencyKey);
    expect(await outbox.pending()).toEqual([other, third]);
  });

  it('does not remove a replacement queued while the old send was in flight', async () => {
    const idb = freshIdb();
    const outbox = await openOutbox(CHILD_A, idb);
    const old = await outbox.queue(CONF, content('old'));
    const started = deferred<void>();
    const answer = deferred<SendOutcome>();
    const flushing = outbox.flush(async () => {
      started.resolve();
      return answer.promise;
    });
    await started.promise;
    const replacement = await outbox.queue(CONF, content('new'));
    answer.resolve(SENT);
    const result = await flushing;
    expect(result.sent).toEqual([old]);
    expect(result.stillPending).toEqual([replacement]);
    expect(await outbox.pending()).toEqual([replacement]);
  });

  it('isolates namespaces, and clearAll removes the pending sends and the key', async () => {
    const idb = freshIdb();
    const a = await openOutbox(CHILD_A, idb);
    const b = await openOutbox(CHILD_B, idb);
    const pa = await a.queue(CONF, content('a'));
    await b.queue(CONF, content('b'));
    expect(await a.pending()).toEqual([pa]);
    const seen: string[] = [];
    await b.flush(async (p) => {
      seen.push(p.content.wishes?.text ?? '');
      return RETRY;
    });
    expect(seen).toEqual(['b']);

    const before = await rawRecords(idb);
    await b.clearAll();
    expect(await b.pending()).toEqual([]);
    expect(await a.pending()).toEqual([pa]);
    const after = await rawRecords(idb);
    expect(after.values).toHaveLength(1);
    expect(after.keyIds).toHaveLength(before.keyIds.length - 1);
  });

  it('uses its own key: clearing drafts leaves the outbox readable, and the other way round', async () => {
    const idb = freshIdb();
    const drafts = await openDraftStore(CHILD_A, idb);
    const outbox = await openOutbox(CHILD_A, idb);
    await drafts.save(CONF, content('draft'));
    const p = await outbox.queue(CONF, content('send'));
    await drafts.clearAll();
    expect(await outbox.pending()).toEqual([p]);
    await drafts.save(CONF, content('draft again'));
    await outbox.clearAll();
    expect((await drafts.load(CONF))?.content.wishes?.text).toBe('draft again');
    expect(await outbox.pending()).toEqual([]);
  });

  it('drops a tampered pending send without throwing', async () => {
    const idb = freshIdb();
    const outbox = await openOutbox(CHILD_A, idb);
    await outbox.queue(CONF, content('a'));
    const db = await req(idb.open(STORAGE.DB_NAME));
    const [rec] = (await req(db.transaction(STORAGE.RECORDS).objectStore(STORAGE.RECORDS).getAll())) as Record<string, unknown>[];
    const data = new Uint8Array((rec.data as ArrayBuffer).slice(0));
    data[0] ^= 0x80;
    const tx = db.transaction(STORAGE.RECORDS, 'readwrite');
    tx.objectStore(STORAGE.RECORDS).put({ ...rec, data: data.buffer });
    await new Promise((r) => (tx.oncomplete = r));
    db.close();
    let calls = 0;
    const result = await outbox.flush(async () => {
      calls++;
      return SENT;
    });
    expect(calls).toBe(0);
    expect(result).toEqual({ sent: [], stillPending: [], rejected: [] });
    expect((await rawRecords(idb)).values).toHaveLength(0);
  });
});
