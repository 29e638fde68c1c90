/**
 * The reports bench's export server, run as its own process so its RSS is the server's alone: the real route
 * module (src/http/routes/reports.ts) with the real listings over the bench database, behind a stand-in for the
 * session check (a fixed supervisor in res.locals, which is all requireRole reads). Env: REPORT_BENCH_SQLITE (a
 * file) or REPORT_BENCH_PG_URL + REPORT_BENCH_PG_SCHEMA. Prints `{"port":…}` when listening and one JSON line per
 * access-log entry (the export's row count), and exits when stdin closes.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { errorHandler } from '../src/http/errors.js';
import { reportRoutes } from '../src/http/routes/reports.js';
import { createTestLogger } from '../src/logging/logger.js';
import { createReports } from '../src/reports/create-reports.js';
import { createDatabase } from '../src/storage/database.js';

const sqliteFile = process.env.REPORT_BENCH_SQLITE;
const db = sqliteFile
  ? createDatabase({ sqliteFile })
  : createDatabase({ url: process.env.REPORT_BENCH_PG_URL ?? '', sqliteFile: ':unused:', searchPath: [process.env.REPORT_BENCH_PG_SCHEMA ?? 'public'] });
const logger = createTestLogger();
const app = express();
app.set('query parser', 'simple');
app.use((_req, res, next) => {
  res.locals.user = { id: 1, username: 'bench-supervisor', displayName: 'Bench', role: 'supervisor', phoneInterface: null, department: null, active: true, tokenVersion: 0, createdAt: new Date(), lastLoginAt: null, queues: null };
  next();
});
app.use('/api', reportRoutes({ service: createReports({ db, serviceLevelSeconds: 20 }), logger, accessLog: { record: (entry) => console.log(JSON.stringify({ access: entry })) } }));
app.use(errorHandler(logger));
const server = createServer(app);
server.listen(0, '127.0.0.1', () => console.log(JSON.stringify({ port: (server.address() as AddressInfo).port })));
process.stdin.resume();
process.stdin.on('end', () => {
  server.closeAllConnections();
  server.close();
  void db.destroy().then(() => process.exit(0));
});
