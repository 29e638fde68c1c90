import { z } from 'zod';
import { TICKET_NUMBER_PATTERN } from '../requests/ticket-numbers.js';

/** A whole ticket number in a path, query or body (`153-2026-000123`, `153-2026-1000000`). */
export const ticketNumber = z.string().regex(TICKET_NUMBER_PATTERN, 'a ticket number looks like 153-2026-000123');
