import type { ModuleManifest } from '../../platform/module.ts';
import { seedStaff } from './demo.ts';
import { staffError } from './errors.ts';
import { countStaffingFigures, loadStaffSecret } from './repo.ts';
import { staffRoutes } from './routes.ts';
import { nameStaffEntries } from './service.ts';
import { createStaffingRecordJob } from './staffing.ts';

/** Continuity (C4): the roster of each institution, and who of its people a zone locks in. */
export const staffModule: ModuleManifest = {
  name: 'staff',
  tables: ['staff', 'staffPosts', 'staffingPlans', 'staffAssignments', 'staffingDays'],
  tags: [{ name: 'staff', description: 'Rosters, and the staff locked in by lockdown zones (C4)' }],
  register: (app) => app.register(staffRoutes),
  errors: staffError.catalogue,
  encryptedColumns: [{ table: 'staff', columns: ['name_enc', 'phone_enc', 'home_enc', 'compound_enc'] }],
  revealable: { staff: { fields: ['name', 'phone', 'compound'], load: loadStaffSecret } },
  recordNames: { staff: nameStaffEntries },
  jobs: ({ keys }) => ({ 'staffing.record': createStaffingRecordJob(keys) }),
  schedules: [{ type: 'staffing.record', everyMs: 2 * 60_000 }],
  figures: { keys: ['branchesShort', 'branchesCovered', 'substitutesAccepted'], count: countStaffingFigures },
  bulletin: ({ total }) => [
    {
      section: 'basic_services',
      text:
        (total.branchesShort ?? 0) + (total.branchesCovered ?? 0) > 0
          ? `受员工居住小区封控影响，期间${total.branchesCovered ?? 0}个网点缺员由其他网点人员替班，` +
            `${total.branchesShort ?? 0}个网点缺员且无人替班并启用应急预案；各机构共安排替班${total.substitutesAccepted ?? 0}人次。`
          : '期间未发生因员工居住小区封控导致的网点缺员。',
    },
  ],
  seed: seedStaff,
};
