import { TEST_HASHER } from '../support/test-hasher.js';
import { newUserSchema, UserExistsError, type NewUser, type UserStore, type UserView, type UserWithPasswordHash } from '../../src/auth/user-store.js';

/** UserStore in memory, for tests that need logins but no database. */
export class FakeUserStore implements UserStore {
  private readonly users: UserWithPasswordHash[] = [];

  async create(input: NewUser): Promise<UserView> {
    const user = newUserSchema.parse(input);
    if (this.users.some((u) => u.username === user.username)) throw new UserExistsError('username', user.username);
    const stored: UserWithPasswordHash = {
      id: this.users.length + 1,
      username: user.username,
      displayName: user.displayName,
      role: user.role,
      phoneInterface: user.phoneInterface ?? null,
      department: user.department ?? null,
      active: true,
      tokenVersion: 0,
      createdAt: new Date(),
      lastLoginAt: null,
      queues: user.queues ?? null,
      mustChangePassword: user.mustChangePassword ?? false,
      passwordHash: await TEST_HASHER.hash(user.password),
    };
    this.users.push(stored);
    return this.view(stored);
  }

  async findById(id: number): Promise<UserView | undefined> {
    const user = this.users.find((u) => u.id === id);
    return user && this.view(user);
  }

  async findByUsername(username: string): Promise<UserWithPasswordHash | undefined> {
    const user = this.users.find((u) => u.username === username.trim().toLowerCase());
    return user && { ...user };
  }

  async findByInterface(phoneInterface: string): Promise<UserView | undefined> {
    const user = this.users.find((u) => u.phoneInterface === phoneInterface);
    return user && this.view(user);
  }

  async list(): Promise<UserView[]> {
    return this.users.map((u) => this.view(u));
  }

  async count(): Promise<number> {
    return this.users.length;
  }

  async setPassword(id: number, password: string): Promise<void> {
    const user = this.users.find((u) => u.id === id);
    if (!user) return;
    user.passwordHash = await TEST_HASHER.hash(password);
    user.tokenVersion += 1;
  }

  async setActive(id: number, active: boolean): Promise<void> {
    const user = this.users.find((u) => u.id === id);
    if (!user) return;
    user.active = active;
    user.tokenVersion += 1;
  }

  async recordLogin(id: number, at: Date): Promise<void> {
    const user = this.users.find((u) => u.id === id);
    if (user) user.lastLoginAt = at;
  }

  async replacePasswordHash(id: number, current: string, next: string): Promise<boolean> {
    const user = this.users.find((u) => u.id === id && u.passwordHash === current);
    if (user) user.passwordHash = next;
    return user !== undefined;
  }

  private view(user: UserWithPasswordHash): UserView {
    const { passwordHash: _hash, ...view } = user;
    return { ...view };
  }
}
