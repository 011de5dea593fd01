import type { ModuleManifest } from '../../platform/module.ts';
import { incidentError } from './errors.ts';
import { countIncidentFigures, loadIncidentReportPhone, nameIncidents } from './repo.ts';
import { incidentRoutes } from './routes.ts';
import { seedIncidents } from './seed.ts';
import { listIncidentDesk } from './service.ts';

/** Incident reports (突发事件信息报告) to the regulator: initial, follow-ups, result; the proposal after long closures (C0). */
export const incidentsModule: ModuleManifest = {
  name: 'incidents',
  tables: ['incidents', 'incidentReports', 'incidentDeadlines'],
  recordNames: { incident: nameIncidents },
  tags: [{ name: 'incidents', description: 'Incident reports to the regulator: initial, follow-ups, result (C0)' }],
  register: (app) => app.register(incidentRoutes),
  errors: incidentError.catalogue,
  encryptedColumns: [{ table: 'incident_reports', columns: ['contact_phone_enc'] }],
  revealable: { incident_report: { fields: ['contactPhone'], load: loadIncidentReportPhone } },
  figures: { keys: ['reported', 'late', 'grave', 'branchesAffected'], count: countIncidentFigures },
  desk: listIncidentDesk,
  seed: seedIncidents,
};
