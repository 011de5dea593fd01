import { createReadStream } from 'node:fs';

/** The baseline: read the file as text in the same chunks and split it into lines. */
export async function countLines([file]: string[]): Promise<number> {
  let carry = '';
  let lines = 0;
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of createReadStream(file as string, { highWaterMark: 1 << 20 })) {
    const parts = (carry + decoder.decode(chunk, { stream: true })).split('\n');
    carry = parts.pop() ?? '';
    lines += parts.length;
  }
  process.stdout.write(`${lines}\n`);
  return 0;
}
