export * from './access.ts';
export * from './api/errors.ts';
export * from './api/identity.ts';
export * from './api/organizations.ts';
export * from './divisions/index.ts';
export * from './hours/index.ts';
export * from './masking.ts';
export * from './validators/index.ts';
