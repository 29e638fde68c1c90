/**
 * The KVKK access log: who saw which tickets' personal data, when, how and from where. Append-only:
 * nothing in alo153 updates or deletes a row, and the database refuses it too (see the migration).
 */

export const ACCESS_KINDS = ['ticket-read', 'search', 'screen-pop', 'export'] as const;
export type AccessKind = (typeof ACCESS_KINDS)[number];

export interface Accessor {
  userId: number;
  username: string;
}

export type AccessDetail = Readonly<Record<string, string | number | boolean | null>>;

export interface AccessEntry {
  kind: AccessKind;
  user: Accessor;
  /** Numbers of the tickets whose personal data was shown (none: a pop or a call without a ticket). */
  tickets: readonly string[];
  /** The client's address: req.ip for HTTP, the socket's handshake address for screen pops. */
  address: string | null;
  /** What was asked (search filters, the call of a pop, an export's format); numbers in it are masked. */
  detail?: AccessDetail;
}

export interface AccessRecord extends AccessEntry {
  /** Generated when recorded: retrying a batch never doubles a row. */
  id: string;
  at: Date;
}

/** Where reads are reported. Never waits and never throws: the call path and the pop path must not feel it. */
export interface AccessLog {
  record(entry: AccessEntry): void;
}

export interface ExportAccess {
  user: Accessor;
  address: string | null;
  tickets: readonly string[];
  /** e.g. `csv`, `pdf`, `kvkk-subject-request`. */
  format: string;
  /** The filters the export was made with, as the user gave them. */
  filters?: AccessDetail;
}

/** What every export (none exists yet) calls once per file it hands out, before sending it. */
export function recordExport(log: AccessLog, access: ExportAccess): void {
  log.record({ kind: 'export', user: access.user, address: access.address, tickets: access.tickets, detail: { ...access.filters, format: access.format } });
}
