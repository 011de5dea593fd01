export * from './calendar.ts';
export * from './open-now.ts';
export * from './text.ts';
