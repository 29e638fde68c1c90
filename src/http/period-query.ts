import { z } from 'zod';
import { istanbulTime } from '../queues/istanbul-time.js';

/**
 * One edge of a period in a query string, as epoch ms. A date alone is an Istanbul calendar day, like the
 * wallboard's: `from` is its 00:00 Europe/Istanbul and `to` takes that whole day in (the next day's 00:00),
 * so `from=2026-12-02&to=2026-12-02` is one day. A full timestamp is taken as given and must carry `Z` or
 * an offset: a bare local time would be read in the server's zone, which is not the centre's.
 */
export function periodEdge(edge: 'from' | 'to') {
  return z.union([
    z.iso.datetime({ offset: true }).transform((text) => Date.parse(text)),
    z.iso.date().transform((text) => {
      const [year, month, day] = text.split('-').map(Number) as [number, number, number];
      return istanbulTime(year, month, edge === 'from' ? day : day + 1);
    }),
  ]);
}
