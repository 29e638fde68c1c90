import type { Logger } from '../logging/logger.js';
import type { UserStore } from './user-store.js';
import { DEPARTMENTS } from '../../migrations/20261128_0002_catalogue.js';

/** Shown in the README; only `npm run demo` creates these, never `npm start`. */
export const DEMO_PASSWORD = 'alo153-demo';
export const DEMO_DESK_INTERFACE = 'PJSIP/agent7';
/** The demo's call-back desk (synthetic): its phone is in no queue, it only takes callbacks. */
export const DEMO_CALLBACK_INTERFACE = 'PJSIP/geriarama';
export const DEMO_CALLBACK_USER = 'geri-arama';

/**
 * Logins for trying the demo: an admin, a supervisor and one agent per simulated phone. Created only
 * into an empty users table, so a demo database that already has real users is left alone.
 */
export async function seedDemoUsers(users: UserStore, agents: number, logger: Logger): Promise<void> {
  if ((await users.count()) > 0) return;
  await users.create({ username: 'admin', displayName: 'Sistem Yöneticisi', role: 'admin', password: DEMO_PASSWORD });
  await users.create({ username: 'supervisor', displayName: 'Süpervizör Ayşe Yılmaz', role: 'supervisor', password: DEMO_PASSWORD });
  for (let i = 1; i <= agents; i += 1) {
    await users.create({ username: `ajan${i}`, displayName: `Ajan ${i}`, role: 'agent', password: DEMO_PASSWORD, phoneInterface: `PJSIP/agent${i}` });
  }
  // A person at the desk: PJSIP/agent7 is in no queue until this user logs in to the desk (QueueAdd).
  await users.create({ username: 'masa', displayName: 'Masa Temsilcisi', role: 'agent', password: DEMO_PASSWORD, phoneInterface: DEMO_DESK_INTERFACE });
  await users.create({ username: DEMO_CALLBACK_USER, displayName: 'Geri Arama Masası', role: 'agent', password: DEMO_PASSWORD, phoneInterface: DEMO_CALLBACK_INTERFACE });
  // Staff of Kayseri Ulaşım A.Ş.: reads the tickets forwarded to their department.
  await users.create({ username: 'ulasim', displayName: 'Ulaşım Birimi', role: 'department', password: DEMO_PASSWORD, department: 'kayseri-ulasim' });
  // One login per other department of the seeded catalogue, for the demo's synthetic department staff.
  const departments = DEPARTMENTS.filter((department) => department.code !== 'kayseri-ulasim' && department.code !== 'beyaz-masa');
  for (const department of departments) {
    await users.create({ username: `birim-${department.code}`, displayName: department.name, role: 'department', password: DEMO_PASSWORD, department: department.code });
  }
  logger.warn('demo users created (never in production)', { users: ['admin', 'supervisor', 'masa', DEMO_CALLBACK_USER, 'ulasim', `ajan1..ajan${agents}`, 'birim-<department>'], password: DEMO_PASSWORD });
}
