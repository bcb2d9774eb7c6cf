import { api, ApiError, attachmentsPath } from '../api/client';
import type { AuthorViews, SendReceipt, ViewsContent } from '../api/types';
import type { Wrapping } from '../drafts/crypto';
import { deviceWrapping, unlockDrafts } from '../drafts/deviceKey';
import { openDraftStore, type DraftStore } from '../drafts/store';
import { openOutbox, type Outbox, type SendOutcome } from '../drafts/outbox';
import { Observable } from './observable';

/** Where an author's views go: the child's own endpoints, or an advocate's for a child. */
export interface ViewsBackend {
  namespace: string;
  /** A child's drafts are kept wrapped under the secret of their PIN sign-in (drafts/crypto.ts); an advocate's not. */
  wrapping?: Wrapping;
  /** Where this author's voice notes and pictures are uploaded, fetched and deleted (see attachmentsPath). */
  attachments: string;
  load(): Promise<AuthorViews>;
  saveDraft(content: ViewsContent): Promise<unknown>;
  send(idempotencyKey: string, content: ViewsContent): Promise<SendReceipt>;
}

export type SaveState = 'unchanged' | 'saving' | 'savedHere' | 'saved';
export type SendState =
  | { kind: 'idle' }
  | { kind: 'sending' }
  /**
   * Kept on the phone to be sent later: there was no signal, or the service was busy (it answered 5xx or 429, and may
   * have said how long to leave it alone).
   */
  | { kind: 'waiting'; busy?: boolean; retryAfterMs?: number | null }
  | { kind: 'signInNeeded' }
  | { kind: 'sent'; receipt: SendReceipt }
  | { kind: 'rejected'; detail: string };

export function emptyViews(): ViewsContent {
  return { authorship: { kind: 'CHILD' } };
}

const SERVER_SAVE_DELAY_MS = 1500;

/**
 * One author's views for one conference while they are being written. Every change is kept at once on this
 * device, encrypted, and saved to the service shortly after when there is a signal. Sending goes through the
 * outbox, so a sending that is cut off is retried with the same Idempotency-Key and arrives exactly once.
 */
export class ViewsEditor {
  readonly content = new Observable<ViewsContent>(emptyViews());
  readonly saveState = new Observable<SaveState>('unchanged');
  readonly sendState = new Observable<SendState>({ kind: 'idle' });
  server: AuthorViews | null = null;
  private serverTimer: number | undefined;

  private constructor(
    readonly conferenceId: string,
    readonly backend: ViewsBackend,
    private readonly drafts: DraftStore,
    private readonly outbox: Outbox,
  ) {}

  static async open(conferenceId: string, backend: ViewsBackend): Promise<ViewsEditor> {
    const [drafts, outbox] = await Promise.all([
      openDraftStore(backend.namespace, undefined, backend.wrapping),
      openOutbox(backend.namespace, undefined, backend.wrapping),
    ]);
    const editor = new ViewsEditor(conferenceId, backend, drafts, outbox);
    await editor.load();
    return editor;
  }

  private async load(): Promise<void> {
    const local = await this.drafts.load(this.conferenceId);
    try {
      this.server = await this.backend.load();
    } catch (e) {
      if (!(e instanceof ApiError) || !e.retryable) {
        throw e;
      }
    }
    const candidates: { content: ViewsContent; at: string }[] = [];
    if (local) candidates.push({ content: local.content, at: local.savedAt });
    if (this.server?.draft && this.server.draftSavedAt) candidates.push({ content: this.server.draft, at: this.server.draftSavedAt });
    if (this.server?.latestSent) candidates.push({ content: this.server.latestSent.content, at: this.server.latestSent.sentAt });
    candidates.sort((a, b) => b.at.localeCompare(a.at));
    if (candidates.length) {
      this.content.value = candidates[0].content;
    }
    const waiting = (await this.outbox.pending()).some((p) => p.conferenceId === this.conferenceId);
    if (waiting) {
      this.sendState.value = { kind: 'waiting' };
    }
  }

  update(change: (current: ViewsContent) => ViewsContent): void {
    const next = change(this.content.value);
    this.content.value = next;
    this.saveState.value = 'saving';
    void this.drafts.save(this.conferenceId, next).then(() => {
      if (this.saveState.value === 'saving') {
        this.saveState.value = 'savedHere';
      }
    });
    window.clearTimeout(this.serverTimer);
    this.serverTimer = window.setTimeout(() => void this.saveToServer(), SERVER_SAVE_DELAY_MS);
  }

  private async saveToServer(): Promise<void> {
    const content = this.content.value;
    try {
      await this.backend.saveDraft(content);
      if (this.content.value === content) {
        this.saveState.value = 'saved';
      }
    } catch {
      // Kept on the device; saved to the service the next time there is a signal, or sent from the outbox.
      this.saveState.value = 'savedHere';
    }
  }

  /** Sends the views as they are now. Resolves when sent, or when it is clear that it must wait. */
  async send(): Promise<SendState> {
    window.clearTimeout(this.serverTimer);
    await this.outbox.queue(this.conferenceId, this.content.value);
    return this.flush();
  }

  /** Tries whatever is waiting to be sent (after coming back online, or signing in again). */
  async flush(): Promise<SendState> {
    this.sendState.value = { kind: 'sending' };
    let needsSignIn = false;
    let busy = false;
    let retryAfterMs: number | null = null;
    const receipts = new Map<string, SendReceipt>();
    const result = await this.outbox.flush(async (pending): Promise<SendOutcome> => {
      try {
        const receipt = await this.backend.send(pending.idempotencyKey, pending.content);
        receipts.set(pending.idempotencyKey, receipt);
        return { kind: 'sent', version: receipt.version, sentAt: receipt.sentAt };
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) {
          needsSignIn = true;
          return { kind: 'retry' };
        }
        if (e instanceof ApiError && !e.retryable) {
          return { kind: 'rejected', detail: e.problem?.detail ?? e.message };
        }
        busy = e instanceof ApiError && e.status !== 0;
        retryAfterMs = e instanceof ApiError ? e.retryAfterMs : null;
        return { kind: 'retry' };
      }
    });
    const mine = result.sent.find((p) => p.conferenceId === this.conferenceId);
    const rejected = result.rejected.find((r) => r.send.conferenceId === this.conferenceId);
    const newerWaiting = result.stillPending.some((p) => p.conferenceId === this.conferenceId);
    if (mine && !newerWaiting) {
      // Nothing of the child's views stays on the device once it is sent.
      await this.drafts.remove(this.conferenceId);
      this.saveState.value = 'unchanged';
      this.sendState.value = { kind: 'sent', receipt: receipts.get(mine.idempotencyKey)! };
    } else if (rejected) {
      this.sendState.value = { kind: 'rejected', detail: rejected.detail };
    } else if (newerWaiting) {
      this.sendState.value = needsSignIn ? { kind: 'signInNeeded' } : { kind: 'waiting', busy, retryAfterMs };
    } else {
      this.sendState.value = { kind: 'idle' };
    }
    return this.sendState.value;
  }
}

const editors = new Map<string, ViewsEditor>();

/** The child's editor for a conference, opened once per session. */
export async function childEditor(childId: string, conferenceId: string): Promise<ViewsEditor> {
  const key = `${childId}/${conferenceId}`;
  let editor = editors.get(key);
  if (!editor) {
    await unlockDrafts();
    editor = await ViewsEditor.open(conferenceId, {
      namespace: childId,
      wrapping: deviceWrapping,
      attachments: attachmentsPath(conferenceId),
      load: () => api.childViews(conferenceId),
      saveDraft: (content) => api.saveChildDraft(conferenceId, content),
      send: (key, content) => api.sendChildViews(conferenceId, key, content),
    });
    editors.set(key, editor);
  }
  return editor;
}

export function forgetEditors(): void {
  editors.clear();
}
