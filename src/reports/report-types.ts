import { z } from 'zod';

/**
 * The shape every report shares, so the /raporlar page, the JSON API and the CSV/XLSX exports handle any table
 * the same way: a report is a list of tables, a table is columns (with Turkish and English labels) and rows of
 * plain cells. Figures come from stored facts only (calls, queue_events, tickets, ticket_events, agent_sessions,
 * callback_attempts), so a past period's report never changes.
 */

export const REPORT_IDS = ['calls', 'requests', 'agents', 'summary'] as const;
export type ReportId = (typeof REPORT_IDS)[number];

export const TICKET_SOURCES = ['phone', 'web', 'desk', 'cimer', 'acik-kapi', 'field', 'open311'] as const;

/** What the page's period picker and filters send; every field optional but the period. */
export const reportFiltersSchema = z
  .object({
    /** Inclusive start, epoch ms (the period's first Istanbul midnight). */
    from: z.number().int(),
    /** Exclusive end, epoch ms. */
    to: z.number().int(),
    queue: z.string().min(1).max(80).optional(),
    /** A category code; its sub-categories are included. */
    category: z.string().min(1).max(40).optional(),
    department: z.string().min(1).max(40).optional(),
    district: z.string().min(1).max(60).optional(),
    source: z.enum(TICKET_SOURCES).optional(),
    /** An agent's username (calls.agent holds the member interface; users.phone_interface maps it). */
    agent: z.string().min(1).max(80).optional(),
  })
  .refine((filters) => filters.to > filters.from, { message: 'to must be after from' });
export type ReportFilters = z.infer<typeof reportFiltersSchema>;

export interface Label {
  tr: string;
  en: string;
}

/** How a cell is shown and exported: counts and seconds are integers or null, percent is 0..100, score 1..5. */
export type ColumnKind = 'text' | 'count' | 'number' | 'percent' | 'seconds' | 'score' | 'datetime';

export interface ColumnDef {
  key: string;
  label: Label;
  kind: ColumnKind;
}

export type Cell = string | number | null;
export type Row = Readonly<Record<string, Cell>>;

/** How the page draws a table besides the table itself (SVG, drawn by the page). */
export type ChartHint =
  | { kind: 'bar'; labelKey: string; valueKeys: readonly string[] }
  | { kind: 'line'; labelKey: string; valueKeys: readonly string[] }
  /** rows: one per (x, y) cell; e.g. x = hour of day 0..23, y = ISO weekday 1..7. */
  | { kind: 'heatmap'; xKey: string; yKey: string; valueKey: string };

export interface ReportTable {
  /** Unique within its report, [a-z0-9-]: the export URL names it. */
  id: string;
  title: Label;
  columns: readonly ColumnDef[];
  rows: readonly Row[];
  chart?: ChartHint;
}

export interface Report {
  id: ReportId;
  filters: ReportFilters;
  generatedAt: string;
  tables: readonly ReportTable[];
}

/** One report's SQL (both engines). The registry (report-service.ts) maps each ReportId to one. */
export interface ReportBuilder {
  readonly id: ReportId;
  build(filters: ReportFilters): Promise<readonly ReportTable[]>;
}

/**
 * A row-by-row listing that can be too large for memory (a year's calls): exported as a stream. `rows` must read
 * in pages (keyset pagination on an indexed key), never the whole result at once: knex's sqlite3 `.stream()`
 * loads every row before it emits the first.
 */
export interface ReportListing {
  id: string;
  title: Label;
  columns: readonly ColumnDef[];
  rows(filters: ReportFilters): AsyncIterable<Row>;
}
