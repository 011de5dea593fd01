export * from './api/errors.ts';
export * from './api/organizations.ts';
export * from './divisions/index.ts';
export * from './masking.ts';
export * from './validators/index.ts';
export * from './api/identity.ts';
