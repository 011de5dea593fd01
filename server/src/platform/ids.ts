import { v7 } from 'uuid';

/** Row identifiers are UUIDv7: time-ordered, so inserts stay at the end of the index. */
export const createId = (): string => v7();
