const cell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

/** Saves rows as a CSV file that Excel opens in Chinese (UTF-8 with a byte-order mark). */
export function downloadCsv(filename: string, rows: readonly (readonly string[])[]): void {
  const blob = new Blob([`\uFEFF${rows.map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`], { type: 'text/csv;charset=utf-8' });
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = filename;
  link.click();
  URL.revokeObjectURL(link.href);
}
