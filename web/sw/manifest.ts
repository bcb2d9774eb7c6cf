/**
 * What a build's service worker knows about its own build: the files to keep and an id that changes whenever any
 * of them does. Pure functions, so the Vite plugin (plugin.ts) and its tests share them.
 */
export interface Build {
  /** Names the build's caches; changes when any file of the build changes. */
  id: string;
  /** The page and the unhashed public files, each checked with the server on every visit. */
  shell: string[];
  /** Every hashed script, style and other file the build emitted, the Welsh, Arabic and staff chunks among them. */
  assets: string[];
  /** The scripts and styles the page itself names: the page kept must be this build's, so it must name them. */
  entry: string[];
}

export interface BuildFile {
  /** The file's address, e.g. '/assets/index-3fa2.js'. */
  path: string;
  content: string | Uint8Array;
}

/** Where the build's files stand in the service worker's source: a bare name, left alone by the minifier. */
export const PLACEHOLDER = '__MYSAY_BUILD__';

/** The scripts and styles an HTML page loads from /assets/, in order, each once. */
export function assetsNamedBy(html: string): string[] {
  return [...new Set([...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]))];
}

/** The first 16 hex digits of SHA-256 over every file's address and content, in address order. */
export async function buildId(files: BuildFile[]): Promise<string> {
  const encoder = new TextEncoder();
  const parts: Uint8Array[] = [];
  for (const file of [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    parts.push(encoder.encode(`${file.path}\0`));
    parts.push(typeof file.content === 'string' ? encoder.encode(file.content) : file.content);
    parts.push(new Uint8Array([0]));
  }
  const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    all.set(part, at);
    at += part.length;
  }
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', all));
  return [...digest.slice(0, 8)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** The service worker's source with its build written in where the placeholder stands (exactly once). */
export function withBuild(source: string, build: Build): string {
  const at = source.split(PLACEHOLDER).length - 1;
  if (at !== 1) {
    throw new Error(`the service worker must name ${PLACEHOLDER} exactly once, not ${at} times`);
  }
  return source.replace(PLACEHOLDER, () => JSON.stringify(build));
}
