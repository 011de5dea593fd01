import { stringify } from 'csv-stringify/sync';

// A cell that begins with one of these is run as a formula by Excel and other spreadsheets (CSV
// injection): `=HYPERLINK(...)` in a branch name would phone home from an office PC.
const FORMULA_START = /^[=+\-@\t\r]/;

/** A text cell made inert: a leading apostrophe, which spreadsheets read as "this is text". */
export const neutralizeCell = (value: unknown): unknown => (typeof value === 'string' && FORMULA_START.test(value) ? `'${value}` : value);

/** Undoes neutralizeCell on import, so that an exported or rejected-rows file imports as it was. */
export const restoreCell = (text: string): string => (text.startsWith("'") && FORMULA_START.test(text.slice(1)) ? text.slice(1) : text);

/** CSV for people to open in a spreadsheet: UTF-8 with a byte-order mark (Excel then reads Chinese right), formulas neutralised. */
export function writeCsv(rows: unknown[][]): string {
  return `\uFEFF${stringify(rows.map((row) => row.map(neutralizeCell)))}`;
}
