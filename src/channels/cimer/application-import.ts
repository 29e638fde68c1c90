import type { Logger } from '../../logging/logger.js';
import type { CatalogueSource } from '../../requests/catalogue/catalogue.js';
import type { RequestActor } from '../../requests/lifecycle.js';
import type { ApplicationSource } from '../../requests/request-states.js';
import { checkApplication, problem, type ApplicationField, type ApplicationProblems, type RawApplication } from './application-fields.js';
import type { ApplicationIntake } from './application-intake.js';
import { COLUMN_TITLES, mapColumns } from './import-columns.js';
import { readSheet, type ImportType } from './import-file.js';
import { NameLookup } from './name-lookup.js';

export type RowStatus = 'created' | 'updated' | 'unchanged' | 'refused';

export interface ImportRowReport {
  /** The row number a spreadsheet shows (the header is row 1). */
  row: number;
  status: RowStatus;
  externalRef?: string;
  source?: ApplicationSource;
  ticket?: string;
  /** Updated: the fields changed. */
  changed?: string[];
  /** Refused: why, per field (API field names; `columns` names their headers). */
  fields?: ApplicationProblems;
}

export interface ImportReport {
  type: ImportType;
  counts: Record<RowStatus, number>;
  rows: ImportRowReport[];
  /** Headers that name no known column. */
  ignoredColumns: string[];
  /** Field → the export's header, for showing a report's problems under the file's own column names. */
  columns: Readonly<Record<ApplicationField, string>>;
}

/** The file as a whole cannot be imported (nothing was written). */
export class ImportFileError extends Error {
  constructor(
    readonly code: 'unreadable' | 'missing-columns' | 'repeated-columns' | 'too-many-rows' | 'no-rows',
    readonly detail: Record<string, unknown> = {},
  ) {
    super(`import refused: ${code}`);
    this.name = 'ImportFileError';
  }
}

export interface ApplicationImportOptions {
  intake: ApplicationIntake;
  catalogue: CatalogueSource;
  maxAgeDays: number;
  maxRows: number;
  logger: Logger;
  now?: () => Date;
}

/**
 * Imports a CİMER / Açık Kapı list export: each good row opens its application once (a second import of the
 * same file opens nothing), corrects a still-open one whose fields changed, and each bad row is refused with its
 * problems per field, without stopping the others. Rows run one after another, each its own transaction.
 */
export class ApplicationImport {
  private readonly now: () => Date;

  constructor(private readonly options: ApplicationImportOptions) {
    this.now = options.now ?? (() => new Date());
  }

  async run(bytes: Buffer, type: ImportType, settings: { defaultSource: ApplicationSource; forward: boolean }, actor: RequestActor & { kind: 'user' }): Promise<ImportReport> {
    let sheet;
    try {
      sheet = await readSheet(bytes, type);
    } catch (error) {
      throw new ImportFileError('unreadable', { message: error instanceof Error ? error.message.slice(0, 200) : 'unreadable' });
    }
    const columns = mapColumns(sheet.headers);
    if (columns.missing.length > 0) throw new ImportFileError('missing-columns', { columns: columns.missing.map((field) => COLUMN_TITLES[field]) });
    if (columns.repeated.length > 0) throw new ImportFileError('repeated-columns', { columns: columns.repeated.map((field) => COLUMN_TITLES[field]) });
    if (sheet.rows.length === 0) throw new ImportFileError('no-rows');
    if (sheet.rows.length > this.options.maxRows) throw new ImportFileError('too-many-rows', { rows: sheet.rows.length, max: this.options.maxRows });

    const catalogue = await this.options.catalogue.catalogue();
    const context = {
      now: this.now(),
      maxAgeDays: this.options.maxAgeDays,
      categories: new NameLookup(catalogue.categories.flatMap((category) => [category, ...category.children]).map((entry) => [entry.code, entry.name] as const)),
      districts: new NameLookup(catalogue.districts.map((name) => [name] as const)),
      defaultSource: settings.defaultSource,
      refuseFormulas: true,
    };
    const seen = new Map<string, number>();
    const rows: ImportRowReport[] = [];
    for (const { row, cells } of sheet.rows) {
      const raw: RawApplication = {};
      for (const [index, field] of columns.fields) {
        const cell = cells[index];
        if (cell !== undefined) raw[field] = cell;
      }
      const checked = checkApplication(raw, context);
      if ('problems' in checked) {
        rows.push({ row, status: 'refused', fields: checked.problems });
        continue;
      }
      const { application } = checked;
      const key = `${application.source}:${application.externalRef}`;
      const base = { row, externalRef: application.externalRef, source: application.source };
      const earlier = seen.get(key);
      if (earlier !== undefined) {
        rows.push({ ...base, status: 'refused', fields: { externalRef: problem('externalRef', 'duplicate-in-file', `row ${earlier}`) } });
        continue;
      }
      seen.set(key, row);
      const entered = await this.options.intake.enter(application, actor, { forward: settings.forward, ownerUserId: actor.userId, openedData: { import: type } });
      if (entered.created) {
        rows.push({ ...base, status: 'created', ticket: entered.ticket.number });
        continue;
      }
      const updated = await this.options.intake.update(entered.ticket, application, actor);
      if (updated.outcome === 'refused') rows.push({ ...base, status: 'refused', ticket: updated.ticket.number, fields: updated.problems });
      else rows.push({ ...base, status: updated.outcome, ticket: updated.ticket.number, ...(updated.outcome === 'updated' ? { changed: updated.changed } : {}) });
    }
    const counts: Record<RowStatus, number> = { created: 0, updated: 0, unchanged: 0, refused: 0 };
    for (const report of rows) counts[report.status] += 1;
    this.options.logger.info('applications imported', { type, user: actor.username, ...counts });
    return { type, counts, rows, ignoredColumns: columns.ignored, columns: COLUMN_TITLES };
  }
}
