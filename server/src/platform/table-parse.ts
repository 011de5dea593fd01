// Runs inside the parse worker (table-worker.ts) as plain Node TypeScript: no imports of the
// application, nothing but the parsers.
import { parse } from 'csv-parse/sync';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** What one uploaded table may hold. A file beyond any of these is refused whole, with the limit named. */
export const TABLE_LIMITS = {
  /** The sum of a workbook's parts once unzipped (a 1 MB file can unzip to gigabytes). */
  inflatedBytes: 40 * 1024 * 1024,
  rows: 50_000,
  columns: 100,
  cells: 1_000_000,
};

export type TableFailure =
  | { code: 'file.empty' }
  | { code: 'file.binary' }
  | { code: 'file.unreadable'; reason: string }
  | { code: 'file.too_large'; limit: keyof typeof TABLE_LIMITS; max: number };

export class TableError extends Error {
  readonly failure: TableFailure;
  constructor(failure: TableFailure) {
    super(failure.code);
    this.failure = failure;
  }
}

export interface ParsedTable {
  header: string[];
  rows: { line: number; values: string[] }[];
}

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

/**
 * The declared unzipped size of every part of a ZIP file, from its central directory, without
 * inflating anything: the end-of-directory record names where the directory is.
 */
export function sumInflatedSizes(zip: Buffer): number {
  const floor = Math.max(0, zip.length - 65_557);
  let end = -1;
  for (let i = zip.length - 22; i >= floor; i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new TableError({ code: 'file.unreadable', reason: 'not a ZIP (XLSX) file' });
  const entries = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  let total = 0;
  for (let n = 0; n < entries; n++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== 0x02014b50)
      throw new TableError({ code: 'file.unreadable', reason: 'damaged ZIP directory' });
    const size = zip.readUInt32LE(at + 24);
    // 0xFFFFFFFF: a ZIP64 size, over 4 GB, which no spreadsheet here needs.
    total += size === 0xffffffff ? Number.POSITIVE_INFINITY : size;
    at += 46 + zip.readUInt16LE(at + 28) + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return total;
}

function checkSize(rows: number, columns: number, cells: number): void {
  if (rows > TABLE_LIMITS.rows) throw new TableError({ code: 'file.too_large', limit: 'rows', max: TABLE_LIMITS.rows });
  if (columns > TABLE_LIMITS.columns) throw new TableError({ code: 'file.too_large', limit: 'columns', max: TABLE_LIMITS.columns });
  if (cells > TABLE_LIMITS.cells) throw new TableError({ code: 'file.too_large', limit: 'cells', max: TABLE_LIMITS.cells });
}

const cellText = (v: unknown): string =>
  v === null || v === undefined
    ? ''
    : typeof v === 'object' && 'text' in (v as object)
      ? String((v as { text: unknown }).text)
      : typeof v === 'object' && 'result' in (v as object)
        ? String((v as { result: unknown }).result ?? '')
        : v instanceof Date
          ? v.toISOString().slice(0, 10)
          : String(v);

async function parseWorkbook(bytes: Buffer): Promise<ParsedTable['rows']> {
  const inflated = sumInflatedSizes(bytes);
  if (inflated > TABLE_LIMITS.inflatedBytes)
    throw new TableError({ code: 'file.too_large', limit: 'inflatedBytes', max: TABLE_LIMITS.inflatedBytes });
  const { default: excel } = await import('exceljs');
  const book = new excel.Workbook();
  try {
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    // The library's own message speaks of its internals, not of the file.
    throw new TableError({ code: 'file.unreadable', reason: 'not a readable XLSX workbook' });
  }
  const sheet = book.worksheets[0];
  const rows: ParsedTable['rows'] = [];
  let cells = 0;
  sheet?.eachRow((row, line) => {
    const values = (row.values as unknown[]).slice(1).map(cellText);
    cells += values.length;
    checkSize(rows.length, values.length, cells);
    rows.push({ line, values });
  });
  return rows;
}

function parseCsv(bytes: Buffer): ParsedTable['rows'] {
  // Text files have no NUL byte (UTF-8 and GB18030 alike); a file with one is binary.
  if (bytes.includes(0)) throw new TableError({ code: 'file.binary' });
  const text = new TextDecoder(detectEncoding(bytes)).decode(bytes);
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
      info: true,
      to: TABLE_LIMITS.rows + 2,
    }) as unknown as typeof records;
  } catch (err) {
    const line = (err as { lines?: number }).lines;
    const reason =
      (err as { code?: string }).code === 'CSV_QUOTE_NOT_CLOSED' ? 'a quote is not closed' : (err as Error).message.slice(0, 120);
    throw new TableError({ code: 'file.unreadable', reason: line ? `line ${line}: ${reason}` : reason });
  }
  let cells = 0;
  for (const r of records) {
    cells += r.record.length;
    checkSize(0, r.record.length, cells);
  }
  checkSize(records.length - 1, 0, cells);
  return records.map((r) => ({ line: r.info.lines, values: r.record }));
}

/** Rows of a CSV (UTF-8 or GB18030) or of the first sheet of an XLSX file, the first being the header. */
export async function parseTable(bytes: Buffer, contentType: string): Promise<ParsedTable> {
  if (bytes.length === 0) throw new TableError({ code: 'file.empty' });
  const table = contentType.startsWith(XLSX_TYPE) ? await parseWorkbook(bytes) : parseCsv(bytes);
  const [head, ...rows] = table;
  if (!head) throw new TableError({ code: 'file.empty' });
  checkSize(rows.length, 0, 0);
  return { header: head.values.map((h) => h.trim()), rows };
}
