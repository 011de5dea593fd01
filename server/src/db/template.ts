import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';

// An empty embedded cluster, created once per install (`shouhu template`, run by `npm install`)
// and copied on a first start: copying takes a tenth of the seconds that creating one takes.
// Kept per PGlite version, as a cluster of one version does not open with another.
const MODULES = new URL('../../../node_modules/', import.meta.url);
const { version } = JSON.parse(readFileSync(new URL('@electric-sql/pglite/package.json', MODULES), 'utf8')) as { version: string };
const CACHE = fileURLToPath(new URL('.cache/shouhu/', MODULES));
const TEMPLATE = join(CACHE, `pglite-${version}`);

/** Creates the template cluster unless there is one; safe to run twice at once (the first to finish wins). */
export async function createClusterTemplate(): Promise<string> {
  if (existsSync(TEMPLATE)) return TEMPLATE;
  mkdirSync(CACHE, { recursive: true });
  const building = mkdtempSync(`${TEMPLATE}-`);
  const pglite = new PGlite(building);
  await pglite.waitReady;
  await pglite.close();
  try {
    renameSync(building, TEMPLATE);
  } catch {
    rmSync(building, { recursive: true, force: true }); // another process made it first
  }
  return TEMPLATE;
}

/** Fills a new, empty cluster folder from the template; false when there is none (then PGlite creates it). */
export function copyClusterTemplate(dir: string): boolean {
  if (!existsSync(TEMPLATE) || (existsSync(dir) && readdirSync(dir).length > 0)) return false;
  cpSync(TEMPLATE, dir, { recursive: true });
  return true;
}
