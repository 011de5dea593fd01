import { nameLeaders } from '../../platform/bulletin-text.ts';
import type { ModuleManifest } from '../../platform/module.ts';
import { encryptField } from '../../platform/pii/crypto.ts';
import { homeVisitError } from './errors.ts';
import { encryptPlainCompounds, loadHomeVisitSecret, nameHomeVisits } from './repo.ts';
import { homeVisitRoutes } from './routes.ts';
import { createVisitReminderJob, listHomeVisitDesk, listMyHomeVisitRequests, ownHomeVisitAttachment, trackHomeVisit } from './service.ts';

/** Home visits for customers who cannot come in (C3). */
export const homeVisitsModule: ModuleManifest = {
  name: 'home-visits',
  tables: ['homeVisits'],
  recordNames: { home_visit: nameHomeVisits },
  tags: [{ name: 'home visits', description: 'Home visits for customers who cannot come in (C3)' }],
  register: (app) => app.register(homeVisitRoutes),
  jobs: ({ keys }) => ({ 'homeVisits.remind': createVisitReminderJob(keys) }),
  schedules: [{ type: 'homeVisits.remind', everyMs: 5 * 60_000 }],
  errors: homeVisitError.catalogue,
  encryptedColumns: [
    {
      table: 'home_visits',
      columns: [
        'name_enc',
        'mobile_enc',
        'compound_enc',
        'address_enc',
        'resident_id_enc',
        'identity_name_enc',
        'outcome_note_enc',
        'early_reason_enc',
      ],
    },
  ],
  revealable: { home_visit: { fields: ['name', 'mobile', 'compound', 'address'], load: loadHomeVisitSecret } },
  trackers: { HV: trackHomeVisit },
  myRequests: listMyHomeVisitRequests,
  attachable: { home_visit: ownHomeVisitAttachment },
  prepare: async (db, keys) => {
    await encryptPlainCompounds(db, (value) => encryptField(keys, value));
  },
  figures: { keys: ['requested', 'served'] },
  bulletin: (figures) => [
    {
      section: 'new_ways',
      text:
        `针对封控小区老年人等群体取现、挂失等急需，各机构开通上门服务，期间共受理申请${figures.total.requested ?? 0}件，上门办结${figures.total.served ?? 0}件` +
        (nameLeaders(figures, 'served', '件') ? `，其中${nameLeaders(figures, 'served', '件')}。` : '。'),
    },
  ],
  desk: listHomeVisitDesk,
};
