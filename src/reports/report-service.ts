import { REPORT_IDS, type Report, type ReportBuilder, type ReportFilters, type ReportId, type ReportListing, type ReportTable } from './report-types.js';

/**
 * The registry the HTTP routes read: ReportId → ReportBuilder and listing id → ReportListing. Builders are
 * injected (the composition root passes whichever exist), so a report whose builder is not registered is a
 * clear 404, not a crash, and tests register fakes.
 */

export type ReportLookupFailure = 'unknown-report' | 'report-not-installed' | 'unknown-table' | 'unknown-listing';

export class ReportNotFoundError extends Error {
  constructor(
    readonly reason: ReportLookupFailure,
    message: string,
    readonly known: readonly string[],
  ) {
    super(message);
    this.name = 'ReportNotFoundError';
  }
}

export interface ReportServiceOptions {
  builders: readonly ReportBuilder[];
  listings?: readonly ReportListing[];
  now?: () => number;
}

export interface ReportService {
  /** The ids a report can be asked for (REPORT_IDS with a builder). */
  readonly reports: readonly ReportId[];
  readonly listings: readonly string[];
  report(id: string, filters: ReportFilters): Promise<Report>;
  table(id: string, tableId: string, filters: ReportFilters): Promise<ReportTable>;
  listing(id: string): ReportListing;
}

const isReportId = (id: string): id is ReportId => (REPORT_IDS as readonly string[]).includes(id);

export function createReportService(options: ReportServiceOptions): ReportService {
  const now = options.now ?? Date.now;
  const builders = new Map<ReportId, ReportBuilder>();
  for (const builder of options.builders) {
    if (builders.has(builder.id)) throw new Error(`two builders for report ${builder.id}`);
    builders.set(builder.id, builder);
  }
  const listings = new Map((options.listings ?? []).map((listing) => [listing.id, listing]));
  const installed = REPORT_IDS.filter((id) => builders.has(id));

  const builderOf = (id: string): ReportBuilder => {
    if (!isReportId(id)) throw new ReportNotFoundError('unknown-report', `Böyle bir rapor yok: ${id}. Raporlar: ${REPORT_IDS.join(', ')}.`, REPORT_IDS);
    const builder = builders.get(id);
    if (!builder) throw new ReportNotFoundError('report-not-installed', `Bu sunucuda ${id} raporu kurulu değil.`, installed);
    return builder;
  };

  const report = async (id: string, filters: ReportFilters): Promise<Report> => {
    const builder = builderOf(id);
    const tables = await builder.build(filters);
    return { id: builder.id, filters, generatedAt: new Date(now()).toISOString(), tables };
  };

  return {
    reports: installed,
    listings: [...listings.keys()],
    report,
    async table(id, tableId, filters) {
      const built = await report(id, filters);
      const table = built.tables.find((candidate) => candidate.id === tableId);
      if (!table) {
        const known = built.tables.map((candidate) => candidate.id);
        throw new ReportNotFoundError('unknown-table', `${id} raporunda ${tableId} tablosu yok. Tablolar: ${known.join(', ')}.`, known);
      }
      return table;
    },
    listing(id) {
      const listing = listings.get(id);
      if (!listing) throw new ReportNotFoundError('unknown-listing', `Böyle bir liste yok: ${id}. Listeler: ${[...listings.keys()].join(', ')}.`, [...listings.keys()]);
      return listing;
    },
  };
}
