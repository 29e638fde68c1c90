import type { Knex } from 'knex';
import type { IvrDefinition } from '../ivr/types.js';
import { createAgentsReport } from './agents/agents-report.js';
import { createCallsReport } from './calls/calls-report.js';
import type { WrapUp } from './calls/call-sums.js';
import { createCallsListing } from './listings/calls-listing.js';
import { createTicketsListing } from './listings/tickets-listing.js';
import { createReportService, type ReportService } from './report-service.js';
import { createRequestsReport } from './requests/requests-report.js';
import { createSummaryReport } from './summary/summary-report.js';

export interface ReportsDeps {
  db: Knex;
  /** config queues.serviceLevelSeconds: the calls report's service level threshold. */
  serviceLevelSeconds: number;
  /** config queues.wrapUpS: added to talk time for AHT, as the wallboard does. */
  wrapUpS?: WrapUp;
  /** The IVR menu in use (the IVR choices' labels); an admin's new menu is read at the next report. */
  ivr?: () => IvrDefinition;
  now?: () => number;
}

/** The reports feature: every report builder and listing over the one database, behind the registry. */
export function createReports(deps: ReportsDeps): ReportService {
  const now = deps.now ?? Date.now;
  const wrap = deps.wrapUpS ? { wrapUpS: deps.wrapUpS } : {};
  return createReportService({
    builders: [
      createCallsReport(deps.db, { serviceLevelSeconds: deps.serviceLevelSeconds, ...wrap, ...(deps.ivr ? { ivr: deps.ivr } : {}) }),
      createRequestsReport(deps.db),
      createAgentsReport(deps.db, { ...wrap, now }),
      createSummaryReport(deps.db),
    ],
    listings: [createCallsListing(deps.db), createTicketsListing(deps.db)],
    now,
  });
}
