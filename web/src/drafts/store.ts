// The child's unsent drafts, kept on the phone encrypted (see ./crypto.ts for the scheme).
//
// One draft per conference per namespace (the signed-in child's id), so two children sharing a
// phone never see each other's drafts. A draft that no longer decrypts reads as absent (and is
// deleted); load() never throws for that reason.

import type { ViewsContent } from '../api/types';
import { Vault, type Wrapping } from './crypto';

export interface DraftStore {
  load(conferenceId: string): Promise<{ content: ViewsContent; savedAt: string } | null>;
  save(conferenceId: string, content: ViewsContent): Promise<void>;
  remove(conferenceId: string): Promise<void>;
  /** Removes every draft AND the key of this namespace. */
  clearAll(): Promise<void>;
}

interface DraftPayload {
  conferenceId: string;
  content: ViewsContent;
  savedAt: string;
}

function isDraftPayload(x: unknown, conferenceId: string): x is DraftPayload {
  if (typeof x !== 'object' || x === null) return false;
  const p = x as Partial<DraftPayload>;
  return (
    p.conferenceId === conferenceId &&
    typeof p.savedAt === 'string' &&
    typeof p.content === 'object' &&
    p.content !== null
  );
}

/** With `wrapping`, a child's drafts: readable only while the PIN sign-in's secret is held (see ./crypto.ts). */
export async function openDraftStore(namespace: string, idb?: IDBFactory, wrapping?: Wrapping): Promise<DraftStore> {
  const vault = await Vault.open('draft', namespace, idb, wrapping);
  return {
    async load(conferenceId) {
      const opened = await vault.read(conferenceId);
      if (!opened) return null;
      if (!isDraftPayload(opened.value, conferenceId)) {
        await vault.removeIfUnchanged(opened.id, opened.stamp);
        return null;
      }
      return { content: opened.value.content, savedAt: opened.value.savedAt };
    },
    async save(conferenceId, content) {
      const payload: DraftPayload = { conferenceId, content, savedAt: new Date().toISOString() };
      await vault.write(conferenceId, payload);
    },
    async remove(conferenceId) {
      await vault.remove(conferenceId);
    },
    async clearAll() {
      await vault.clearAll();
    },
  };
}
