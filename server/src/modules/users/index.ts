import type { ModuleManifest } from '../../platform/module.ts';
import { seedUsers } from './demo.ts';
import { userError } from './errors.ts';
import { loadUserSecret, nameUsers } from './repo.ts';
import { userRoutes } from './routes.ts';
import { listUserDesk } from './service.ts';

/** Staff users of an organisation: their names, mobiles, second factor. */
export const usersModule: ModuleManifest = {
  name: 'users',
  tables: ['users'],
  recordNames: { user: nameUsers },
  tags: [{ name: 'users', description: 'Staff users of an organisation' }],
  register: (app) => app.register(userRoutes),
  errors: userError.catalogue,
  encryptedColumns: [{ table: 'users', columns: ['name_enc', 'mobile_enc', 'totp_secret_enc', 'email_enc'] }],
  revealable: { user: { fields: ['name', 'mobile', 'email'], load: loadUserSecret } },
  seed: (db, keys) => seedUsers(db, keys),
  desk: listUserDesk,
};
