import { Worker } from 'node:worker_threads';
import type ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors.ts';
import { restoreCell } from './csv.ts';
import type { Table } from './table-import.ts';
import { detectEncoding, type ParsedTable, type TableFailure, XLSX_TYPE } from './table-parse.ts';

export { detectEncoding, XLSX_TYPE } from './table-parse.ts';

/** Text of a stream of bytes, in the encoding its first chunk shows (see detectEncoding). */
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

// Parsing runs in worker threads: at most two at once (the machines have two cores), a few more waiting.
const PARSERS = 2;
const MAX_WAITING = 8;
const PARSE_TIMEOUT_MS = 60_000;
// A worker's heap: a workbook at the inflated-size limit takes about 450 MB in exceljs.
const PARSER_HEAP_MB = 768;
let parsing = 0;
const waiting: (() => void)[] = [];

async function takeParser(): Promise<() => void> {
  if (parsing >= PARSERS) {
    if (waiting.length >= MAX_WAITING) throw new AppError('service.unavailable');
    await new Promise<void>((resolve) => waiting.push(resolve));
  }
  parsing++;
  return () => {
    parsing--;
    waiting.shift()?.();
  };
}

function toAppError(failure: TableFailure): AppError {
  switch (failure.code) {
    case 'file.too_large':
      return new AppError('file.too_large', { limit: failure.limit, max: failure.max });
    case 'file.unreadable':
      return new AppError('file.unreadable', { reason: failure.reason });
    default:
      return new AppError(failure.code);
  }
}

/** Parses in a worker thread with a bounded heap and time; the event loop goes on serving. */
async function parseInWorker(bytes: Buffer, contentType: string): Promise<ParsedTable> {
  const release = await takeParser();
  try {
    const copy = new Uint8Array(bytes);
    const worker = new Worker(new URL('./table-worker.ts', import.meta.url), {
      workerData: { bytes: copy, contentType },
      transferList: [copy.buffer],
      resourceLimits: { maxOldGenerationSizeMb: PARSER_HEAP_MB },
    });
    return await new Promise<ParsedTable>((resolve, reject) => {
      const timer = setTimeout(() => {
        void worker.terminate();
        reject(new AppError('file.too_large', { limit: 'time', max: PARSE_TIMEOUT_MS / 1000 }));
      }, PARSE_TIMEOUT_MS);
      worker.once('message', (answer: { ok: true; table: ParsedTable } | { ok: false; failure: TableFailure }) => {
        clearTimeout(timer);
        void worker.terminate();
        if (answer.ok) resolve(answer.table);
        else reject(toAppError(answer.failure));
      });
      worker.once('error', (err: Error & { code?: string }) => {
        clearTimeout(timer);
        reject(
          err.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? new AppError('file.too_large', { limit: 'memory', max: PARSER_HEAP_MB })
            : new AppError('file.unreadable', { reason: 'unreadable' }),
        );
      });
    });
  } finally {
    release();
  }
}

/** Rows of a CSV or the first sheet of an XLSX file, as header → cell text, with their line numbers. */
export async function readTable(bytes: unknown, contentType: string): Promise<Table> {
  if (!Buffer.isBuffer(bytes)) throw new AppError('request.unsupported_media_type', { expected: ['text/csv', XLSX_TYPE] });
  const { header, rows } = await parseInWorker(bytes, contentType);
  return {
    header,
    rows: rows.map((r) => ({
      line: r.line,
      cells: Object.fromEntries(header.map((h, i) => [h, restoreCell((r.values[i] ?? '').trim())])),
    })),
  };
}
