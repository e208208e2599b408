/**
 * Users, API tokens, sessions and the one-time bootstrap token. Passwords are hashed with
 * scrypt (passwords.ts); every other secret is 256 random bits stored as its SHA-256.
 */
import type { ServerDb } from './db.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { hashSecret, newId, newSecret } from './secrets.js';

export const ROLES = ['viewer', 'analyst', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Whether `have` includes the rights of `need` (admin ⊃ analyst ⊃ viewer). */
export function hasRole(have: Role, need: Role): boolean {
  return ROLES.indexOf(have) >= ROLES.indexOf(need);
}

export function isRole(text: unknown): text is Role {
  return typeof text === 'string' && (ROLES as readonly string[]).includes(text);
}

/** Who is making a request, and how they proved it. */
export interface Principal {
  readonly userId: string;
  readonly username: string;
  readonly role: Role;
  readonly via: 'session' | 'token';
  /** The session's CSRF token (sessions only). */
  readonly csrf?: string;
  /** How the audit log names this principal. */
  readonly actor: string;
}

export interface User {
  readonly id: string;
  readonly username: string;
  readonly role: Role;
  readonly created_at: Date;
  readonly disabled: boolean;
}

export interface TokenInfo {
  readonly id: string;
  readonly username: string;
  readonly label: string;
  readonly role: Role;
  readonly created_at: Date;
  readonly revoked: boolean;
}

export const SESSION_HOURS = 12;
export const MIN_PASSWORD = 12;
const USERNAME = /^[A-Za-z0-9._@-]{1,64}$/;

/** Why a user could not be created: shown to the admin as is. */
export class AccountError extends Error {}

export class Accounts {
  #dummyHash: Promise<string> | null = null;

  constructor(
    private readonly db: ServerDb,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async userCount(): Promise<number> {
    const rows = await this.db.all<{ n: number }>('SELECT count(*) AS n FROM users');
    return rows[0]?.n ?? 0;
  }

  /**
   * While no user exists, makes a new one-time admin token (older unused ones stop working)
   * and returns it for printing; returns null once an account exists.
   */
  async issueBootstrapToken(): Promise<string | null> {
    if ((await this.userCount()) > 0) return null;
    const token = newSecret('lvb_');
    await this.db.transaction(async (tx) => {
      await tx.run(`DELETE FROM one_time_tokens WHERE purpose = 'bootstrap' AND used_at IS NULL`);
      await tx.run(`INSERT INTO one_time_tokens VALUES ($1, 'bootstrap', $2, NULL)`, [
        hashSecret(token),
        this.now(),
      ]);
    });
    return token;
  }

  /** Exchanges the bootstrap token for the first admin account; null if the token is wrong or used. */
  async redeemBootstrap(token: string, username: string, password: string): Promise<User | null> {
    checkCredentials(username, password);
    const passwordHash = await hashPassword(password);
    return this.db.transaction(async (tx) => {
      const users = await tx.all<{ n: number }>('SELECT count(*) AS n FROM users');
      if ((users[0]?.n ?? 0) > 0) return null;
      const used = await tx.run(
        `UPDATE one_time_tokens SET used_at = $2
         WHERE token_hash = $1 AND purpose = 'bootstrap' AND used_at IS NULL`,
        [hashSecret(token), this.now()],
      );
      if (used !== 1) return null;
      const user: User = { id: newId(), username, role: 'admin', created_at: this.now(), disabled: false };
      await tx.run('INSERT INTO users VALUES ($1, $2, $3, $4, $5, false)', [
        user.id,
        username,
        passwordHash,
        'admin',
        user.created_at,
      ]);
      return user;
    });
  }

  async createUser(username: string, password: string, role: Role): Promise<User> {
    checkCredentials(username, password);
    const existing = await this.db.all('SELECT 1 FROM users WHERE lower(username) = lower($1)', [username]);
    if (existing.length > 0) throw new AccountError(`the username ${username} is taken`);
    const user: User = { id: newId(), username, role, created_at: this.now(), disabled: false };
    await this.db.run('INSERT INTO users VALUES ($1, $2, $3, $4, $5, false)', [
      user.id,
      username,
      await hashPassword(password),
      role,
      user.created_at,
    ]);
    return user;
  }

  listUsers(): Promise<User[]> {
    return this.db.all<User>(
      'SELECT id, username, role, created_at, disabled FROM users ORDER BY lower(username)',
    );
  }

  async findUser(username: string): Promise<User | null> {
    const rows = await this.db.all<User>(
      'SELECT id, username, role, created_at, disabled FROM users WHERE username = $1',
      [username],
    );
    return rows[0] ?? null;
  }

  /** Disabling also ends the user's sessions; their tokens stop working with them. */
  async setDisabled(userId: string, disabled: boolean): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.run('UPDATE users SET disabled = $2 WHERE id = $1', [userId, disabled]);
      if (disabled) await tx.run('DELETE FROM sessions WHERE user_id = $1', [userId]);
    });
  }

  /** The user whose password this is, or null; as slow for unknown users as for known ones. */
  async checkPassword(username: string, password: string): Promise<User | null> {
    const rows = await this.db.all<User & { password_hash: string }>(
      'SELECT * FROM users WHERE username = $1',
      [username],
    );
    const row = rows[0];
    if (!row) {
      this.#dummyHash ??= hashPassword('leakverify dummy password');
      await verifyPassword(password, await this.#dummyHash);
      return null;
    }
    const ok = await verifyPassword(password, row.password_hash);
    if (!ok || row.disabled) return null;
    return {
      id: row.id,
      username: row.username,
      role: row.role,
      created_at: row.created_at,
      disabled: false,
    };
  }

  /** Starts a session: returns the cookie value (never stored) and its CSRF token. */
  async createSession(userId: string): Promise<{ sessionId: string; csrf: string; expires: Date }> {
    const sessionId = newSecret();
    const csrf = newSecret();
    const created = this.now();
    const expires = new Date(created.getTime() + SESSION_HOURS * 3600_000);
    await this.db.transaction(async (tx) => {
      await tx.run('DELETE FROM sessions WHERE expires_at < $1', [created]);
      await tx.run('INSERT INTO sessions VALUES ($1, $2, $3, $4, $5)', [
        hashSecret(sessionId),
        userId,
        csrf,
        created,
        expires,
      ]);
    });
    return { sessionId, csrf, expires };
  }

  async sessionPrincipal(sessionId: string): Promise<Principal | null> {
    const rows = await this.db.all<{ id: string; username: string; role: Role; csrf_token: string }>(
      `SELECT u.id, u.username, u.role, s.csrf_token FROM sessions s JOIN users u ON u.id = s.user_id
       WHERE s.id_hash = $1 AND s.expires_at > $2 AND NOT u.disabled`,
      [hashSecret(sessionId), this.now()],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      userId: row.id,
      username: row.username,
      role: row.role,
      via: 'session',
      csrf: row.csrf_token,
      actor: row.username,
    };
  }

  async endSession(sessionId: string): Promise<void> {
    await this.db.run('DELETE FROM sessions WHERE id_hash = $1', [hashSecret(sessionId)]);
  }

  /** A new API token for `userId`; its role never exceeds the user's own (see tokenPrincipal). */
  async createToken(userId: string, label: string, role: Role): Promise<{ id: string; token: string }> {
    const id = newId();
    const token = newSecret('lvt_');
    await this.db.run('INSERT INTO api_tokens VALUES ($1, $2, $3, $4, $5, $6, false)', [
      id,
      userId,
      hashSecret(token),
      label.slice(0, 100),
      role,
      this.now(),
    ]);
    return { id, token };
  }

  listTokens(): Promise<TokenInfo[]> {
    return this.db.all<TokenInfo>(
      `SELECT t.id, u.username, t.label, t.role, t.created_at, t.revoked
       FROM api_tokens t JOIN users u ON u.id = t.user_id ORDER BY t.created_at DESC`,
    );
  }

  async revokeToken(id: string): Promise<boolean> {
    return (await this.db.run('UPDATE api_tokens SET revoked = true WHERE id = $1', [id])) === 1;
  }

  async tokenPrincipal(token: string): Promise<Principal | null> {
    const rows = await this.db.all<{
      id: string;
      username: string;
      user_role: Role;
      role: Role;
      label: string;
    }>(
      `SELECT u.id, u.username, u.role AS user_role, t.role, t.label
       FROM api_tokens t JOIN users u ON u.id = t.user_id
       WHERE t.token_hash = $1 AND NOT t.revoked AND NOT u.disabled`,
      [hashSecret(token)],
    );
    const row = rows[0];
    if (!row) return null;
    // A token keeps working after its owner is demoted, but only with the owner's new rights.
    const role = hasRole(row.user_role, row.role) ? row.role : row.user_role;
    return {
      userId: row.id,
      username: row.username,
      role,
      via: 'token',
      actor: `${row.username} (token ${row.label})`,
    };
  }
}

function checkCredentials(username: string, password: string): void {
  if (!USERNAME.test(username)) throw new AccountError('a username is 1 to 64 letters, digits or . _ @ -');
  if ([...password].length < MIN_PASSWORD)
    throw new AccountError(`a password needs at least ${MIN_PASSWORD} characters`);
  if (password.length > 1024) throw new AccountError('a password is at most 1024 characters');
}
