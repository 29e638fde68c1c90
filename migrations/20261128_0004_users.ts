import type { Knex } from 'knex';

// Frozen copy of src/auth/roles.ts: an applied migration must not change when the code's list does.
const ROLES_AT_0004 = ['agent', 'supervisor', 'department', 'admin'];
const AGENT_SESSION_KINDS = ['login', 'pause', 'unpause', 'logout'];

/** Staff accounts, and (for later) agents' login/pause history. Times: ISO text, see src/storage/time.ts. */
export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('users', (table) => {
    table.increments('id').primary();
    table.string('username', 40).notNullable().unique();
    table.string('display_name', 120).notNullable();
    table.string('role', 20).notNullable().checkIn(ROLES_AT_0004);
    table.string('password_hash', 200).notNullable();
    table.string('phone_interface', 80).nullable().unique();
    table.string('department_code', 40).nullable().references('code').inTable('departments');
    table.boolean('active').notNullable().defaultTo(true);
    // Bumped on password change or deactivation: tokens carrying an older version stop working at once.
    table.integer('token_version').notNullable().defaultTo(0);
    table.string('created_at', 30).notNullable();
    table.string('updated_at', 30).notNullable();
    table.string('last_login_at', 30).nullable();
  });

  await db.schema.createTable('agent_sessions', (table) => {
    table.increments('id').primary();
    table.integer('user_id').notNullable().references('id').inTable('users');
    table.string('kind', 20).notNullable().checkIn(AGENT_SESSION_KINDS);
    table.string('reason', 60).nullable();
    table.text('queues').nullable();
    table.string('at', 30).notNullable();
    table.index(['user_id', 'at'], 'agent_sessions_user_at_idx');
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTableIfExists('agent_sessions');
  await db.schema.dropTableIfExists('users');
}
