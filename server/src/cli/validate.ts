import { once } from 'node:events';
import { createReadStream, existsSync, statSync } from 'node:fs';
import type { Readable, Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { VALIDATORS, VALUE_KINDS, type ValueKind } from '@shouhu/common';
import { parse as parseCsv } from 'csv-parse';
import { decodeText } from '../platform/files.ts';

/** A mistake in how the command was called: exit status 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

interface Sink {
  write(text: string): Promise<void>;
}

function createSink(out: Writable): Sink {
  return {
    async write(text) {
      if (!out.write(text)) await once(out, 'drain');
    },
  };
}

/** `shouhu validate`: resolves to the exit status (0 all valid, 1 some invalid). */
export async function runValidate(args: string[], stdin: Readable, stdout: Writable): Promise<number> {
  let parsed: ReturnType<typeof parseValidateArgs>;
  try {
    parsed = parseValidateArgs(args);
  } catch (err) {
    throw err instanceof UsageError ? err : new UsageError((err as Error).message);
  }
  const { kind, column, file } = parsed;
  if (file !== '-' && (!existsSync(file) || !statSync(file).isFile())) throw new UsageError(`File not found: ${file} / 文件不存在`);
  const input = file === '-' ? stdin : createReadStream(file, { highWaterMark: 1 << 16 });
  const validate = VALIDATORS[kind];
  const sink = createSink(stdout);
  const text = decodeText(input as AsyncIterable<Uint8Array>);
  const counts = column === undefined ? await validateLines(text, validate, sink) : await validateCsvColumn(text, column, validate, sink);
  return counts.invalid > 0 ? 1 : 0;
}

function parseValidateArgs(args: string[]): { kind: ValueKind; column?: string; file: string } {
  const { values, positionals } = parseArgs({
    args,
    options: { type: { type: 'string' }, column: { type: 'string' } },
    allowPositionals: true,
    strict: true,
  });
  if (!values.type) throw new UsageError('Missing --type (one of resident-id, uscc, mobile) / 缺少 --type 参数');
  if (!VALUE_KINDS.includes(values.type as ValueKind)) {
    throw new UsageError(`Unknown --type ${values.type}; use one of ${VALUE_KINDS.join(', ')} / --type 取值无效`);
  }
  if (positionals.length > 1) throw new UsageError('Give one FILE, or - for standard input / 只能指定一个文件');
  if (values.column !== undefined && values.column.trim() === '') throw new UsageError('--column needs a column name / --column 需要列名');
  return { kind: values.type as ValueKind, column: values.column, file: positionals[0] ?? '-' };
}

type Validate = (typeof VALIDATORS)[ValueKind];

/** One JSON line per value; `normalized` holds only code characters, so it needs no escaping. */
function formatResult(line: number, value: string, validate: Validate, counts: { invalid: number }): string {
  const result = validate(value);
  if (result.valid) return `{"line":${line},"value":${JSON.stringify(value)},"valid":true,"normalized":"${result.normalized}"}\n`;
  counts.invalid++;
  return `{"line":${line},"value":${JSON.stringify(value)},"valid":false,"reason":"${result.reason}"}\n`;
}

/** One value per line; blank lines are skipped but counted, so line numbers match the file. */
async function validateLines(text: AsyncIterable<string>, validate: Validate, sink: Sink) {
  const counts = { invalid: 0 };
  let carry = '';
  let line = 0;
  const emit = async (lines: string[]) => {
    let out = '';
    for (const raw of lines) {
      line++;
      const value = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
      if (value.trim() === '') continue;
      out += formatResult(line, value, validate, counts);
    }
    if (out) await sink.write(out);
  };
  for await (const chunk of text) {
    const lines = (carry + chunk).split('\n');
    carry = lines.pop() ?? '';
    await emit(lines);
  }
  if (carry) await emit([carry]);
  return counts;
}

/** One column of a CSV with a header row; the column is found by its header name. */
async function validateCsvColumn(text: AsyncIterable<string>, column: string, validate: Validate, sink: Sink) {
  const counts = { invalid: 0 };
  const parser = parseCsv({ bom: true, relax_column_count: true, skip_empty_lines: true, info: true });
  const feeding = (async () => {
    try {
      for await (const chunk of text) if (!parser.write(chunk)) await once(parser, 'drain');
      parser.end();
    } catch (err) {
      parser.destroy(err as Error);
    }
  })();
  let index = -1;
  let out = '';
  for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    if (index < 0) {
      index = record.findIndex((name) => name.trim() === column);
      if (index < 0) {
        parser.destroy();
        throw new UsageError(`Column "${column}" is not in the header (${record.join(', ')}) / 表头中没有列“${column}”`);
      }
      continue;
    }
    const value = record[index] ?? '';
    if (value.trim() === '') continue;
    out += formatResult(info.lines, value, validate, counts);
    if (out.length > 1 << 16) {
      await sink.write(out);
      out = '';
    }
  }
  if (out) await sink.write(out);
  await feeding;
  if (index < 0) throw new UsageError('The CSV file has no header row / CSV 文件没有表头');
  return counts;
}
