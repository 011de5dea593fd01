import type { ModuleManifest } from '../../platform/module.ts';
import { seedComplaints } from './demo.ts';
import { complaintError } from './errors.ts';
import { nameComplaints } from './repo.ts';
import { complaintRoutes } from './routes.ts';
import { trackComplaint } from './service.ts';

/** Consumer complaints under the regulator's deadlines (C15): intake, the decision's clock, the decision. */
export const complaintsModule: ModuleManifest = {
  name: 'complaints',
  tables: ['complaints'],
  recordNames: { complaint: nameComplaints },
  tags: [{ name: 'complaints', description: 'Consumer complaints under the regulator’s deadlines (C15)' }],
  register: (app) => app.register(complaintRoutes),
  errors: complaintError.catalogue,
  encryptedColumns: [
    {
      table: 'complaints',
      columns: [
        'name_enc',
        'mobile_enc',
        'resident_id_enc',
        'representatives_enc',
        'staff_named_enc',
        'claim_enc',
        'facts_enc',
        'grounds_enc',
        'decision_enc',
      ],
    },
  ],
  trackers: { CP: trackComplaint },
  seed: seedComplaints,
};
