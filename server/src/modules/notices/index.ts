import type { ModuleManifest } from '../../platform/module.ts';
import { noticeError } from './errors.ts';
import { nameNotices } from './repo.ts';
import { noticeRoutes } from './routes.ts';
import { listNoticeDesk } from './service.ts';

/** The association's notice of adjusted branch hours (C1). */
export const noticesModule: ModuleManifest = {
  name: 'notices',
  tables: ['notices'],
  recordNames: { notice: nameNotices },
  tags: [{ name: 'notices', description: 'The association’s notice of adjusted branch hours (C1)' }],
  register: (app, { config }) => app.register(noticeRoutes(config)),
  errors: noticeError.catalogue,
  desk: listNoticeDesk,
};
