/** Text order by code point, the same on every database and machine (a collation would vary). */
export const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
