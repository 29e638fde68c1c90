export const ROLES = ['agent', 'supervisor', 'department', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Roles that see every queue, every agent and the wallboard. */
export const SUPERVISING_ROLES: readonly Role[] = ['supervisor', 'admin'];

export function isSupervising(role: Role): boolean {
  return SUPERVISING_ROLES.includes(role);
}
