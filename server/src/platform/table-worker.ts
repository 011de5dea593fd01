// A worker thread that parses one uploaded table, so that unzipping and parsing never block the
// server's event loop, and its memory is bounded by the worker's own heap limit (readTable).
import { parentPort, workerData } from 'node:worker_threads';
import { parseTable, TableError } from './table-parse.ts';

const { bytes, contentType } = workerData as { bytes: Uint8Array; contentType: string };
try {
  const table = await parseTable(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), contentType);
  parentPort?.postMessage({ ok: true, table });
} catch (err) {
  parentPort?.postMessage(
    err instanceof TableError
      ? { ok: false, failure: err.failure }
      : { ok: false, failure: { code: 'file.unreadable', reason: 'unreadable' } },
  );
}
