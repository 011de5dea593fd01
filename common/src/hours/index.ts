export * from './calendar.ts';
export * from './open-now.ts';
