import type { NamedMigration } from '../src/storage/migration-source.js';
import * as schema from './20261128_0001_schema.js';
import * as catalogue from './20261128_0002_catalogue.js';
import * as queueEvents from './20261128_0003_queue_events.js';
import * as users from './20261128_0004_users.js';
import * as desk from './20261128_0005_desk.js';
import * as agentSessionActor from './20261128_0006_agent_session_actor.js';
import * as accessLog from './20261203_0001_access_log.js';
import * as callData from './20261203_0002_call_data.js';
import * as lifecycle from './20261203_0003_lifecycle.js';
import * as sms from './20261203_0004_sms.js';
import * as callbacks from './20261203_0005_callbacks.js';
import * as figures from './20261203_0007_figures.js';
import * as search from './20261203_0006_search.js';
import * as channels from './20261203_0008_channels.js';
import * as open311 from './20261203_0009_open311.js';
import * as announcementsSurvey from './20261203_0010_announcements_survey.js';
import * as ivrCatalogue from './20261204_0002_ivr_catalogue.js';
import * as reportCallIndexes from './20261204_0003_report_call_indexes.js';
import * as reportRequestIndexes from './20261204_0004_report_request_indexes.js';
import * as reportGroupsIndex from './20261204_0005_report_groups_index.js';
import * as adminUsersQueues from './20261204_0001_admin_users_queues.js';

/** Every migration, oldest first. Append new ones here; never rename or edit an applied one. */
export const migrations: readonly NamedMigration[] = [
  { name: '20261128_0001_schema', up: schema.up, down: schema.down },
  { name: '20261128_0002_catalogue', up: catalogue.up, down: catalogue.down },
  { name: '20261128_0003_queue_events', up: queueEvents.up, down: queueEvents.down },
  { name: '20261128_0004_users', up: users.up, down: users.down },
  { name: '20261128_0005_desk', up: desk.up, down: desk.down },
  { name: '20261128_0006_agent_session_actor', up: agentSessionActor.up, down: agentSessionActor.down },
  { name: '20261203_0001_access_log', up: accessLog.up, down: accessLog.down },
  { name: '20261203_0002_call_data', up: callData.up, down: callData.down },
  { name: '20261203_0003_lifecycle', up: lifecycle.up, down: lifecycle.down },
  { name: '20261203_0004_sms', up: sms.up, down: sms.down },
  { name: '20261203_0005_callbacks', up: callbacks.up, down: callbacks.down },
  { name: '20261203_0006_search', up: search.up, down: search.down },
  { name: '20261203_0007_figures', up: figures.up, down: figures.down },
  { name: '20261203_0008_channels', up: channels.up, down: channels.down },
  { name: '20261203_0009_open311', up: open311.up, down: open311.down },
  { name: '20261203_0010_announcements_survey', up: announcementsSurvey.up, down: announcementsSurvey.down },
  { name: '20261204_0001_admin_users_queues', up: adminUsersQueues.up, down: adminUsersQueues.down },
  { name: '20261204_0002_ivr_catalogue', up: ivrCatalogue.up, down: ivrCatalogue.down },
  { name: '20261204_0003_report_call_indexes', up: reportCallIndexes.up, down: reportCallIndexes.down },
  { name: '20261204_0004_report_request_indexes', up: reportRequestIndexes.up, down: reportRequestIndexes.down },
  { name: '20261204_0005_report_groups_index', up: reportGroupsIndex.up, down: reportGroupsIndex.down },
];
