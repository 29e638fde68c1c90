import type { Knex } from 'knex';

/** Who made a desk change: the agent, or a supervisor forcing a break or a logout (`user:<username>`). */
export async function up(db: Knex): Promise<void> {
  await db.schema.alterTable('agent_sessions', (table) => {
    table.string('actor', 80).nullable();
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.alterTable('agent_sessions', (table) => {
    table.dropColumn('actor');
  });
}
