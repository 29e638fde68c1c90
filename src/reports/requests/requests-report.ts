import type { Knex } from 'knex';
import { z } from 'zod';
import type { Cell, ColumnDef, Label, ReportBuilder, ReportFilters, ReportTable, Row } from '../report-types.js';
import { FIGURE_COLUMNS, figureCells } from './request-columns.js';
import { emptySums, requestGroups, ticketFilterOf, type Group } from './request-figures.js';
import type { GroupingName } from './requests-sql.js';

/**
 * The requests report: opened, answered, within deadline, the lifecycle's median times, reopen rate and survey
 * scores by topic (with its parent topic), by source, by district, by neighbourhood, by department and in total.
 * Filters: category (with its sub-categories), department, district, source; queue and agent are calls' filters
 * and do not narrow tickets.
 */

const text = (key: string, tr: string, en: string): ColumnDef => ({ key, label: { tr, en }, kind: 'text' });

interface TableSpec {
  id: string;
  g: GroupingName;
  title: Label;
  keys: readonly ColumnDef[];
  /** The key the bar chart labels its bars with (none: no chart). */
  chartLabel?: string;
  cells(group: Group, names: Names): Record<string, Cell>;
}

interface Names {
  categories: Map<string, { name: string; parent: string | null }>;
  departments: Map<string, string>;
}

const TABLES: readonly TableSpec[] = [
  {
    id: 'by-topic',
    g: 'topic',
    title: { tr: 'Konulara göre başvurular', en: 'Requests by topic' },
    chartLabel: 'category_name',
    keys: [text('category', 'Konu kodu', 'Topic code'), text('category_name', 'Konu', 'Topic'), text('parent', 'Üst konu kodu', 'Parent code'), text('parent_name', 'Üst konu', 'Parent topic')],
    cells: ({ k1 }, names) => {
      const category = k1 === null ? undefined : names.categories.get(k1);
      const parent = category?.parent ?? null;
      return { category: k1, category_name: category?.name ?? null, parent, parent_name: parent === null ? null : (names.categories.get(parent)?.name ?? null) };
    },
  },
  { id: 'by-source', g: 'source', title: { tr: 'Kanala göre başvurular', en: 'Requests by source' }, chartLabel: 'source', keys: [text('source', 'Kanal', 'Source')], cells: ({ k1 }) => ({ source: k1 }) },
  { id: 'by-district', g: 'district', title: { tr: 'İlçeye göre başvurular', en: 'Requests by district' }, chartLabel: 'district', keys: [text('district', 'İlçe', 'District')], cells: ({ k1 }) => ({ district: k1 }) },
  {
    id: 'by-neighbourhood',
    g: 'neighbourhood',
    title: { tr: 'Mahalleye göre başvurular', en: 'Requests by neighbourhood' },
    chartLabel: 'neighbourhood',
    keys: [text('district', 'İlçe', 'District'), text('neighbourhood', 'Mahalle', 'Neighbourhood')],
    cells: ({ k1, k2 }) => ({ district: k1, neighbourhood: k2 }),
  },
  {
    id: 'by-department',
    g: 'department',
    title: { tr: 'Birime göre başvurular', en: 'Requests by department' },
    chartLabel: 'department_name',
    keys: [text('department', 'Birim kodu', 'Department code'), text('department_name', 'Birim', 'Department')],
    cells: ({ k1 }, names) => ({ department: k1, department_name: k1 === null ? null : (names.departments.get(k1) ?? null) }),
  },
  { id: 'total', g: 'total', title: { tr: 'Toplam', en: 'Total' }, keys: [], cells: () => ({}) },
];

const categoryRow = z.object({ code: z.string(), name: z.string(), parent_code: z.string().nullable() });
const departmentRow = z.object({ code: z.string(), name: z.string() });

export async function catalogueNames(db: Knex): Promise<Names> {
  const [categories, departments] = await Promise.all([
    db('categories').select('code', 'name', 'parent_code') as Promise<unknown[]>,
    db('departments').select('code', 'name') as Promise<unknown[]>,
  ]);
  return {
    categories: new Map(categories.map((row) => categoryRow.parse(row)).map((row) => [row.code, { name: row.name, parent: row.parent_code }])),
    departments: new Map(departments.map((row) => departmentRow.parse(row)).map((row) => [row.code, row.name])),
  };
}

/** Busiest first; ties by key, the unknown (null) key last, so a table reads the same every time. */
function byVolume(a: Group, b: Group): number {
  const volume = b.sums.opened - a.sums.opened || b.sums.answered - a.sums.answered;
  if (volume !== 0) return volume;
  for (const [x, y] of [[a.k1, b.k1], [a.k2, b.k2]] as const) {
    if (x === y) continue;
    if (x === null) return 1;
    if (y === null) return -1;
    return x < y ? -1 : 1;
  }
  return 0;
}

export function createRequestsReport(db: Knex): ReportBuilder {
  return {
    id: 'requests',
    async build(filters: ReportFilters): Promise<readonly ReportTable[]> {
      const filter = await ticketFilterOf(db, filters);
      const [groups, names] = await Promise.all([requestGroups(db, filters, filter), catalogueNames(db)]);
      return TABLES.map((spec): ReportTable => {
        const rows: Row[] = groups
          .filter((group) => group.g === spec.g)
          .sort(byVolume)
          .map((group) => ({ ...spec.cells(group, names), ...figureCells(group.sums) }));
        // The total is one row even over an empty period: zeros, and nulls where there is nothing to divide.
        if (spec.g === 'total' && rows.length === 0) rows.push(figureCells(emptySums()));
        const chart = spec.chartLabel === undefined ? {} : { chart: { kind: 'bar' as const, labelKey: spec.chartLabel, valueKeys: ['opened', 'answered'] } };
        return { id: spec.id, title: spec.title, columns: [...spec.keys, ...FIGURE_COLUMNS], rows, ...chart };
      });
    },
  };
}
