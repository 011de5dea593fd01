import { parse } from 'csv-parse/sync';
import type ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors.ts';
import type { Table } from './table-import.ts';

/**
 * UTF-8 unless the first chunk is not valid UTF-8, in which case GB18030 (what Excel on
 * Chinese Windows saves). A later invalid byte in a "UTF-8" file becomes U+FFFD, which fails
 * validation as `format` rather than passing silently.
 */
export function detectEncoding(firstChunk: Uint8Array): 'utf-8' | 'gb18030' {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(firstChunk, { stream: true });
    return 'utf-8';
  } catch {
    return 'gb18030';
  }
}

export async function* decodeText(source: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
  let decoder: TextDecoder | undefined;
  for await (const chunk of source) {
    decoder ??= new TextDecoder(detectEncoding(chunk));
    const text = decoder.decode(chunk, { stream: true });
    if (text) yield text;
  }
  const tail = decoder?.decode() ?? '';
  if (tail) yield tail;
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Uploaded spreadsheets arrive as bytes, up to 20 MB: CSV (UTF-8 or GB18030) and XLSX. */
export function registerFileParsers(app: FastifyInstance): void {
  for (const type of ['text/csv', XLSX_TYPE]) {
    app.addContentTypeParser(type, { parseAs: 'buffer', bodyLimit: 20 * 1024 * 1024 }, (_req, body, done) => done(null, body));
  }
}

/** A new XLSX workbook. exceljs loads on first use: importing it took 0.2 s of every start. */
export async function createWorkbook(): Promise<ExcelJS.Workbook> {
  const { default: excel } = await import('exceljs');
  return new excel.Workbook();
}

/** Rows of a CSV or the first sheet of an XLSX file, as header → cell text, with their line numbers. */
export async function readTable(bytes: unknown, contentType: string): Promise<Table> {
  if (!Buffer.isBuffer(bytes)) throw new AppError('request.unsupported_media_type', { expected: ['text/csv', XLSX_TYPE] });
  let table: { line: number; values: string[] }[];
  if (contentType.startsWith(XLSX_TYPE)) {
    const book = await createWorkbook();
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    table = [];
    sheet?.eachRow((row, line) => {
      const values = (row.values as unknown[])
        .slice(1)
        .map((v) =>
          v === null || v === undefined
            ? ''
            : typeof v === 'object' && 'text' in (v as object)
              ? String((v as { text: unknown }).text)
              : String(v),
        );
      table.push({ line, values });
    });
  } else {
    const text = new TextDecoder(detectEncoding(bytes)).decode(bytes);
    const records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true, info: true }) as unknown as {
      record: string[];
      info: { lines: number };
    }[];
    table = records.map((r) => ({ line: r.info.lines, values: r.record }));
  }
  const [head, ...rest] = table;
  const header = (head?.values ?? []).map((h) => h.trim());
  return {
    header,
    rows: rest.map((r) => ({ line: r.line, cells: Object.fromEntries(header.map((h, i) => [h, (r.values[i] ?? '').trim()])) })),
  };
}
