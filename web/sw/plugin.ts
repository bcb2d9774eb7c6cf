import type { Plugin, ResolvedConfig } from 'vite';
import type { OutputAsset, OutputChunk } from 'rollup';
import { assetsNamedBy, buildId, withBuild, type Build, type BuildFile } from './manifest';

export interface ServiceWorkerOptions {
  /** The service worker's source (plain JavaScript naming __MYSAY_BUILD__ once). */
  source: string;
  /** The page ('/') and the public files to keep beside the build's own, e.g. '/manifest.json'. */
  shell: string[];
}

/**
 * Builds /sw.js from its source and writes in the build's own file list (manifest.ts): every file this build
 * emitted and the shell, and an id that names the build's caches. Nothing is fetched from elsewhere.
 */
export function serviceWorker(options: ServiceWorkerOptions): Plugin {
  let config: ResolvedConfig;
  return {
    name: 'mysay:service-worker',
    apply: 'build',
    enforce: 'post',
    configResolved(resolved) {
      config = resolved;
    },
    buildStart() {
      this.emitFile({ type: 'chunk', id: options.source, fileName: 'sw.js' });
    },
    async generateBundle(_output, bundle) {
      const worker = bundle['sw.js'] as OutputChunk | undefined;
      const page = bundle['index.html'] as OutputAsset | undefined;
      if (!worker || worker.type !== 'chunk' || !page) {
        this.error('the service worker and the page must both be in the build');
      }
      if (worker.imports.length > 0 || worker.dynamicImports.length > 0) {
        this.error('the service worker must import nothing: it is a classic script, and shares no chunk with the app');
      }
      const base = config.base.endsWith('/') ? config.base : `${config.base}/`;
      const emitted = Object.values(bundle).filter((file) => file.fileName !== 'sw.js' && file.fileName !== 'index.html');
      const assets = emitted.map((file) => base + file.fileName).sort();
      const shell = options.shell.map((path) => (path === '/' ? base : base + path.replace(/^\//, '')));

      const files: BuildFile[] = [
        { path: base, content: String(page.source) },
        { path: `${base}sw.js`, content: worker.code },
        ...emitted.map((file) => ({ path: base + file.fileName, content: file.type === 'chunk' ? file.code : file.source })),
      ];
      for (const path of options.shell.filter((p) => p !== '/')) {
        const name = path.replace(/^\//, '');
        try {
          files.push({ path: base + name, content: await this.fs.readFile(`${config.publicDir}/${name}`) });
        } catch {
          this.error(`the shell names ${path}, which is not in ${config.publicDir}`);
        }
      }
      const build: Build = { id: await buildId(files), shell, assets, entry: assetsNamedBy(String(page.source)) };
      worker.code = withBuild(worker.code, build);
    },
  };
}
