import type { ModuleManifest } from '../../platform/module.ts';
import { tokenError } from './errors.ts';
import { apiTokenRoutes } from './routes.ts';

/** Tokens for partner systems, each limited to the actions in its scopes. */
export const apiTokensModule: ModuleManifest = {
  name: 'api-tokens',
  tables: ['apiTokens'],
  tags: [{ name: 'api tokens', description: 'Tokens for partner systems' }],
  register: (app) => app.register(apiTokenRoutes),
  errors: tokenError.catalogue,
};
