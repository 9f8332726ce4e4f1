// Build step: every built script, style sheet and SVG in web/dist/assets also written brotli- and gzip-compressed
// (file.br, file.gz), once at build time at the highest levels, so the server sends the compressed file it already has
// (@fastify/static preCompressed) instead of compressing per request or sending it raw: on a phone the sidebar's
// React chunk is 68 kB gzip instead of 219 kB.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Plugin } from 'vite';

const COMPRESSIBLE = /\.(js|mjs|css|svg|json)$/;

export function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'siyu-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    async writeBundle(_options, bundle) {
      const files = Object.keys(bundle).filter((f) => COMPRESSIBLE.test(f) && f.startsWith('assets/'));
      await Promise.all(
        files.map(async (f) => {
          const file = path.join(outDir, f);
          const raw = await fs.promises.readFile(file);
          if (raw.length < 1024) return;
          const br = zlib.brotliCompressSync(raw, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length } });
          await fs.promises.writeFile(`${file}.br`, br);
          await fs.promises.writeFile(`${file}.gz`, zlib.gzipSync(raw, { level: 9 }));
        }),
      );
    },
  };
}
