// Writes .br and .gz beside every built asset, so the server sends compressed files without
// compressing at request time (@fastify/static preCompressed). Run after `vite build`.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

// Only the hashed assets: index.html is tiny, and the SPA fallback sends it as it is.
const dist = new URL('../dist/assets/', import.meta.url).pathname;
const COMPRESSIBLE = /\.(js|css|html|svg|json)$/;

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

let files = 0;
for (const path of walk(dist).filter((p) => COMPRESSIBLE.test(p))) {
  const body = readFileSync(path);
  writeFileSync(`${path}.gz`, gzipSync(body, { level: 9 }));
  writeFileSync(`${path}.br`, brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
  files++;
}
console.log(`compressed ${files} files`);
