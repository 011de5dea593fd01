import type { ModuleManifest } from '../../platform/module.ts';
import { oversightError } from './errors.ts';
import { nameDirectives } from './repo.ts';
import { oversightRoutes } from './routes.ts';
import { seedOversight } from './seed.ts';
import { createAcknowledgementReminderJob, listOversightDesk } from './service.ts';

/** The regulator's oversight: directives, acknowledgements, report forms and reports, the bulletin (C0). */
export const oversightModule: ModuleManifest = {
  name: 'oversight',
  tables: ['directives', 'directiveRecipients', 'reportForms', 'reports', 'reportReopenings', 'bulletins'],
  recordNames: { directive: nameDirectives },
  tags: [{ name: 'oversight', description: 'Directives, acknowledgements, report forms and reports, the bulletin (C0)' }],
  register: (app, { modules }) => app.register(oversightRoutes(modules)),
  jobs: ({ keys }) => ({ 'directives.remind': createAcknowledgementReminderJob(keys) }),
  schedules: [{ type: 'directives.remind', everyMs: 5 * 60_000 }],
  errors: oversightError.catalogue,
  figures: { keys: ['received', 'late', 'returned'] },
  desk: listOversightDesk,
  seed: seedOversight,
};
