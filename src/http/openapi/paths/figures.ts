import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { query as escalationQuery } from '../../routes/escalations.js';
import { figuresQuery } from '../../routes/figures.js';
import { surveyQuery } from '../../routes/survey.js';
import { addOperation } from '../operation.js';
import { anObject } from '../shapes.js';

const SUPERVISING = ['supervisor', 'admin'] as const;
const PERIOD = '`from`/`to`: an Istanbul date (a whole day) or an ISO 8601 time with Z or an offset.';

/** src/http/routes/figures.ts, survey.ts and escalations.ts: the supervisors' figures. */
export function registerFiguresPaths(registry: OpenAPIRegistry): void {
  addOperation(registry, {
    method: 'get',
    path: '/api/figures/lifecycle',
    tag: 'figures',
    summary: 'Request lifecycle figures by department and source over at most 366 days (default today)',
    description: PERIOD,
    access: { roles: SUPERVISING },
    query: figuresQuery,
    replies: [{ status: 200, description: 'The figures', schema: anObject('LifecycleFigures', 'from, to, at, byDepartment, bySource, cimer, total (src/requests/read/lifecycle-figures.ts).') }],
  });
  addOperation(registry, {
    method: 'get',
    path: '/api/figures/survey',
    tag: 'figures',
    summary: 'Post-call survey averages per agent, per queue and in all (default: the current shift or today)',
    description: `${PERIOD} Both or neither, at most 31 days.`,
    access: { roles: SUPERVISING },
    query: surveyQuery,
    replies: [{ status: 200, description: 'The figures', schema: anObject('SurveyFigures', 'from, to, shift and the averages (src/survey/survey-store.ts).') }],
  });
  addOperation(registry, {
    method: 'get',
    path: '/api/escalations',
    tag: 'figures',
    summary: 'Due soon, overdue and acknowledgement-overdue counts per department and one page of `kind`',
    access: { roles: SUPERVISING },
    query: escalationQuery,
    replies: [{ status: 200, description: 'Counts and a page', schema: anObject('Escalations', 'kind, department, now, counts, items, nextCursor (src/requests/read/escalations.ts).') }],
  });
}
