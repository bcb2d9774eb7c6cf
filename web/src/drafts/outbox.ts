// Sending that survives going offline, exactly once.
//
// A send is first queued here (encrypted, like drafts; see ./crypto.ts), with a random idempotency
// key, and then flushed. A flush that is answered 'retry' (offline, timeout, 5xx) keeps the SAME
// key, so if an earlier attempt did reach the server before the connection dropped, the server
// answers the repeat as a replay and never makes a second version.
//
// THE QUEUE RULE: at most one pending send per conference. Queuing again for a conference that
// already has a pending send REPLACES it: new content and a NEW idempotency key, and it moves to
// the back of the queue. If the old send was attempted and may have reached the server, the server
// therefore holds it as one version and the new content becomes the next version — which is what a
// child who changed their mind wants (their latest words are the latest version). Nothing is ever
// merged or silently dropped: the newest content always goes.
//
// A flush running while queue() replaces the item it is sending never deletes the replacement:
// removal after 'sent' / 'rejected' only deletes the exact stored write that was sent.

import type { ViewsContent } from '../api/types';
import { Vault, type Opened, type Wrapping } from './crypto';

export interface PendingSend {
  conferenceId: string;
  idempotencyKey: string;
  content: ViewsContent;
  queuedAt: string;
}

export type SendOutcome =
  | { kind: 'sent'; version: number; sentAt: string }
  | { kind: 'retry' }
  | { kind: 'rejected'; detail: string };

export interface FlushResult {
  /** Sends the server accepted (or replayed); they are gone from the outbox. */
  sent: PendingSend[];
  /** Everything still in the outbox after this flush, in queue order (same keys as before). */
  stillPending: PendingSend[];
  /** Sends the server refused (4xx other than 408/429); gone from the outbox, keep the draft. */
  rejected: { send: PendingSend; detail: string }[];
}

export interface Outbox {
  /** New random idempotency key (crypto.randomUUID); replaces this conference's pending send, if any. */
  queue(conferenceId: string, content: ViewsContent): Promise<PendingSend>;
  /** Pending sends in queue order. */
  pending(): Promise<PendingSend[]>;
  /**
   * Tries each pending send once, in queue order. A `send` that throws counts as 'retry'.
   * Flushes of the same namespace never overlap (a later call waits for the earlier one).
   */
  flush(send: (p: PendingSend) => Promise<SendOutcome>): Promise<FlushResult>;
  /** Removes every pending send AND the outbox key of this namespace. */
  clearAll(): Promise<void>;
}

interface StoredSend extends PendingSend {
  /** queue order: strictly increasing within a page, time-based across reloads */
  seq: number;
}

let lastSeq = 0;
function nextSeq(): number {
  lastSeq = Math.max(Date.now(), lastSeq + 1);
  return lastSeq;
}

function isStoredSend(x: unknown): x is StoredSend {
  if (typeof x !== 'object' || x === null) return false;
  const s = x as Partial<StoredSend>;
  return (
    typeof s.conferenceId === 'string' &&
    typeof s.idempotencyKey === 'string' &&
    s.idempotencyKey.length > 0 &&
    typeof s.queuedAt === 'string' &&
    typeof s.seq === 'number' &&
    typeof s.content === 'object' &&
    s.content !== null
  );
}

function toPublic(s: StoredSend): PendingSend {
  return { conferenceId: s.conferenceId, idempotencyKey: s.idempotencyKey, content: s.content, queuedAt: s.queuedAt };
}

// ---- one flush at a time per namespace -------------------------------------------------------
// An in-module promise chain serialises flushes within this page; where the Web Locks API exists
// (every current browser) the same lock is also taken across tabs of the app. The lock name holds
// only a hash, never the child's id.

const chains = new WeakMap<IDBFactory, Map<string, Promise<void>>>();

function withWebLock<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const locks = typeof navigator !== 'undefined' ? (navigator as Navigator).locks : undefined;
  if (locks && typeof locks.request === 'function') {
    return locks.request(name, { mode: 'exclusive' }, () => fn()) as Promise<T>;
  }
  return fn();
}

function exclusive<T>(idb: IDBFactory, name: string, fn: () => Promise<T>): Promise<T> {
  let byName = chains.get(idb);
  if (!byName) {
    byName = new Map();
    chains.set(idb, byName);
  }
  const map = byName;
  const previous = map.get(name) ?? Promise.resolve();
  const run = previous.then(() => withWebLock(name, fn));
  const tail = run.then(
    () => undefined,
    () => undefined,
  );
  map.set(name, tail);
  void tail.then(() => {
    if (map.get(name) === tail) map.delete(name);
  });
  return run;
}

// ---- the outbox --------------------------------------------------------------------------------

/** With `wrapping`, a child's sendings: readable only while the PIN sign-in's secret is held (see ./crypto.ts). */
export async function openOutbox(namespace: string, idb?: IDBFactory, wrapping?: Wrapping): Promise<Outbox> {
  const vault = await Vault.open('outbox', namespace, idb, wrapping);
  const lockName = `app-store:flush:${vault.tag}`;

  async function readSorted(): Promise<Opened<StoredSend>[]> {
    const all = await vault.readAll();
    const valid: Opened<StoredSend>[] = [];
    for (const o of all) {
      if (isStoredSend(o.value) && (await vault.recordId(o.value.conferenceId)) === o.id) {
        valid.push(o as Opened<StoredSend>);
      } else {
        await vault.removeIfUnchanged(o.id, o.stamp);
      }
    }
    return valid.sort((a, b) => a.value.seq - b.value.seq);
  }

  async function pending(): Promise<PendingSend[]> {
    return (await readSorted()).map((o) => toPublic(o.value));
  }

  return {
    async queue(conferenceId, content) {
      if (typeof conferenceId !== 'string' || conferenceId.length === 0) throw new Error('conferenceId is required');
      const stored: StoredSend = {
        conferenceId,
        idempotencyKey: globalThis.crypto.randomUUID(),
        content,
        queuedAt: new Date().toISOString(),
        seq: nextSeq(),
      };
      await vault.write(conferenceId, stored); // one record per conference: this replaces any earlier one
      return toPublic(stored);
    },

    pending,

    flush(send) {
      return exclusive(vault.factory, lockName, async () => {
        const sent: PendingSend[] = [];
        const rejected: { send: PendingSend; detail: string }[] = [];
        for (const item of await readSorted()) {
          const p = toPublic(item.value);
          let outcome: SendOutcome | undefined;
          try {
            outcome = await send(p);
          } catch {
            outcome = { kind: 'retry' };
          }
          if (outcome?.kind === 'sent') {
            await vault.removeIfUnchanged(item.id, item.stamp);
            sent.push(p);
          } else if (outcome?.kind === 'rejected') {
            await vault.removeIfUnchanged(item.id, item.stamp);
            rejected.push({ send: p, detail: typeof outcome.detail === 'string' ? outcome.detail : '' });
          }
          // 'retry' (or anything unexpected): keep it, unchanged, with the same idempotency key.
        }
        return { sent, stillPending: await pending(), rejected };
      });
    },

    async clearAll() {
      await vault.clearAll();
    },
  };
}
