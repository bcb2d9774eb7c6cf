// The secret a child's drafts on this device are wrapped under (see ./crypto.ts). The service hands it out only to the
// child signed in on this device with the PIN; it is held here, in memory only, and dropped on leaving quickly,
// signing out, locking and idle time-out. Without it nothing kept on the device can be read.

import { api } from '../api/client';
import type { Wrapping } from './crypto';

let held: CryptoKey | null = null;
// Bumped by lockDrafts, so an answer that arrives after locking is not kept.
let generation = 0;

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/');
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
}

/** Turns the service's secret into a key that can only wrap and unwrap, and whose bytes nobody can read out. */
export async function wrappingKey(secret: string): Promise<CryptoKey> {
  return globalThis.crypto.subtle.importKey('raw', fromBase64Url(secret), { name: 'AES-GCM' }, false, [
    'wrapKey',
    'unwrapKey',
  ]);
}

/** Asks the service for this device's secret (a child's session is needed), unless it is already held. */
export async function unlockDrafts(): Promise<void> {
  if (held) return;
  const asked = generation;
  const { key } = await api.childDeviceKey();
  const imported = await wrappingKey(key);
  if (asked === generation) held = imported;
}

/** Forgets the secret: the drafts on this device are unreadable until the next PIN sign-in. */
export function lockDrafts(): void {
  generation++;
  held = null;
}

/** For a child's vaults: the wrapping key while unlocked, else null. */
export const deviceWrapping: Wrapping = () => held;
