import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { createSeededRandom } from '../../server/src/platform/random.ts';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const DISTRICTS = ['310101', '310104', '310105', '310106', '310107', '310109', '310110', '310112', '310113', '310115'];

/** Writes `count` synthetic resident ID numbers, one per line: about 1 in 10 with a wrong check character. */
export async function writeResidentIdFile(path: string, count: number): Promise<void> {
  const out = createWriteStream(path);
  const random = createSeededRandom(42);
  const next = () => Math.floor(random() * 2 ** 31);
  let batch = '';
  for (let i = 0; i < count; i++) {
    const r = next();
    const body = `${DISTRICTS[r % 10]}${1930 + (r % 90)}${String(1 + (r % 12)).padStart(2, '0')}${String(1 + (r % 28)).padStart(2, '0')}${String(r % 1000).padStart(3, '0')}`;
    let sum = 0;
    for (let k = 0; k < 17; k++) sum += (body.charCodeAt(k) - 48) * (WEIGHTS[k] as number);
    const check = '10X98765432'[(sum + (i % 10 === 0 ? 1 : 0)) % 11];
    batch += `${body}${check}\n`;
    if (batch.length > 1 << 20) {
      if (!out.write(batch)) await once(out, 'drain');
      batch = '';
    }
  }
  out.end(batch);
  await once(out, 'finish');
}
