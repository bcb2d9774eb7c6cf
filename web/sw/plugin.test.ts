import { describe, expect, it } from 'vitest';
import { build } from 'vite';
import type { OutputAsset, OutputChunk, RollupOutput } from 'rollup';
import { assetsNamedBy, buildId, PLACEHOLDER, withBuild, type Build } from './manifest';

describe('the build id', () => {
  const files = [
    { path: '/assets/a.js', content: 'one' },
    { path: '/', content: '<html>' },
  ];

  it('is the same for the same files in any order', async () => {
    expect(await buildId(files)).toBe(await buildId([...files].reverse()));
    expect(await buildId(files)).toMatch(/^[0-9a-f]{16}$/);
  });

  it('changes when any file changes, or moves', async () => {
    const id = await buildId(files);
    expect(await buildId([files[0], { path: '/', content: '<html> ' }])).not.toBe(id);
    expect(await buildId([{ path: '/assets/b.js', content: 'one' }, files[1]])).not.toBe(id);
    expect(await buildId([files[0], { path: '/', content: new TextEncoder().encode('<html>') }])).toBe(id);
  });
});

describe('writing the build into the service worker', () => {
  const build: Build = { id: 'abc', shell: ['/'], assets: ['/assets/a.js'], entry: ['/assets/a.js'] };

  it('puts the build where the placeholder stands', () => {
    expect(withBuild(`const BUILD = ${PLACEHOLDER};`, build)).toBe(`const BUILD = ${JSON.stringify(build)};`);
  });

  it('refuses a source without the placeholder, or with it twice', () => {
    expect(() => withBuild('const BUILD = {};', build)).toThrow(/exactly once/);
    expect(() => withBuild(`${PLACEHOLDER}; ${PLACEHOLDER}`, build)).toThrow(/exactly once/);
  });

  it('finds the scripts and styles a page names', () => {
    const html = '<script type="module" crossorigin src="/assets/index-1.js"></script><link rel="stylesheet" href="/assets/index-2.css"><link rel="icon" href="/icon.svg">';
    expect(assetsNamedBy(html)).toEqual(['/assets/index-1.js', '/assets/index-2.css']);
  });
});

describe("the app's build", () => {
  it("gives sw.js every file of the build, the Welsh, Arabic and staff chunks among them", async () => {
    const output = (await build({ logLevel: 'silent', build: { write: false } })) as RollupOutput;
    const files = new Map(output.output.map((file) => [file.fileName, file]));
    const worker = files.get('sw.js') as OutputChunk;
    const page = files.get('index.html') as OutputAsset;
    expect(worker.code).not.toContain(PLACEHOLDER);
    const written = JSON.parse(/=(\{"id":.*?\}),/.exec(worker.code)![1]) as Build;

    const emitted = [...files.keys()].filter((name) => name !== 'sw.js' && name !== 'index.html').map((name) => `/${name}`);
    expect([...written.assets].sort()).toEqual(emitted.sort());
    for (const lazy of [/^\/assets\/cy-.*\.js$/, /^\/assets\/ar-.*\.js$/, /^\/assets\/StaffApp-.*\.js$/]) {
      expect(written.assets.some((path) => lazy.test(path))).toBe(true);
    }
    expect(written.shell).toEqual(['/', '/manifest.json', '/icon.svg', '/icon-192.png', '/icon-512.png']);
    expect(written.entry).toEqual(assetsNamedBy(String(page.source)));
    expect(written.entry.length).toBeGreaterThan(0);
    expect(written.id).toMatch(/^[0-9a-f]{16}$/);
    expect(worker.imports).toEqual([]);
  }, 60_000);
});
