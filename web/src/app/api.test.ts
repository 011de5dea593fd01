import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '..');
const sources = (readdirSync(SRC, { recursive: true }) as string[])
  .filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.test.ts'))
  .map((f) => ({ file: f, text: readFileSync(join(SRC, f), 'utf8') }));

describe('the web client', () => {
  it('calls the API only from the api.ts files, typed from common, never with an inline shape', () => {
    const wrong: string[] = [];
    for (const { file, text } of sources) {
      const calls = [...text.matchAll(/\bapi(<[^>]*>)?\(/g)];
      if (file.endsWith('api.ts') && !file.endsWith('api/client.ts')) {
        // The answer's type is a name from @shouhu/common (or one built from them), not `{ ... }` written here.
        for (const [, type] of calls) if (type?.includes('{')) wrong.push(`${file}: api${type}`);
      } else if (!file.endsWith('api/client.ts') && calls.length > 0) wrong.push(`${file}: ${calls.length} call(s) outside an api.ts`);
    }
    expect(wrong).toEqual([]);
    expect(sources.filter((s) => s.file.endsWith('/api.ts')).length).toBeGreaterThan(10);
  });
});
