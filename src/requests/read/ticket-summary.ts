/** A ticket in a line: what the screen pop shows of a caller's tickets (and of the call's own). Times are ISO strings. */
export interface TicketSummary {
  number: string;
  status: string;
  categoryCode: string | null;
  departmentCode: string | null;
  description: string | null;
  createdAt: string;
  updatedAt: string;
}
