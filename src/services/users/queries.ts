// Local user accounts: validation, password hashes and queries. The hash format lives here, next to the
// column that stores it, so the CLI and the server share one definition and the store depends on no server code.
import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from "node:crypto";
import type { Kysely } from "kysely";
import { ConflictError, InputError } from "../../store/errors.ts";
import type { Database, UserRole } from "../../store/schema.ts";
import { passwordWeakness } from "./passwords-policy.ts";

export const USER_ROLES = ["admin", "plan_office", "reporter", "viewer"] as const satisfies readonly UserRole[];
export const USERNAME_PATTERN = /^[a-z0-9_.-]{3,32}$/;
export const PASSWORD_MIN_LENGTH = 8;
// Long passphrases are welcome; the cap only keeps one request from costing unbounded hashing work.
export const PASSWORD_MAX_LENGTH = 256;

/** Bad input for a user field; `field` names it so the HTTP layer (400) and the CLI can point at it. */
export class UserInputError extends InputError {
  override name = "UserInputError";
  constructor(field: string, message: string) {
    super(message, field);
  }
}

/** A 409 for the API. */
export class UsernameTakenError extends ConflictError {
  override name = "UsernameTakenError";
  constructor(readonly username: string) {
    super(`the username "${username}" is already taken`);
  }
}

export type User = {
  id: number;
  username: string;
  displayName: string;
  role: UserRole;
  orgId: number;
  disabled: boolean;
  createdAt: Date;
};

export type NewUser = { username: string; displayName?: string; password: string; role: UserRole; orgId: number };
export type UserPatch = {
  displayName?: string;
  role?: UserRole;
  orgId?: number;
  disabled?: boolean;
  password?: string;
};

// --- passwords -------------------------------------------------------------------------------------------

type ScryptParams = { N: number; r: number; p: number };
// 2^15 × 8 × 128 B = 32 MiB and ~50–100 ms per hash on a laptop core: slow for guessing, fine for a login.
const DEFAULT_SCRYPT: ScryptParams = { N: 2 ** 15, r: 8, p: 1 };
const KEY_LENGTH = 32;

function scryptAsync(password: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  // maxmem must exceed 128·N·r or node refuses; the params come from our own hashes and are bounded below.
  const options: ScryptOptions = { ...params, maxmem: 128 * params.N * params.r + 1024 * 1024 };
  return new Promise((resolve, reject) =>
    scrypt(password.normalize("NFC"), salt, KEY_LENGTH, options, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

/** "scrypt$N$r$p$salt$hash" with base64url salt and hash. */
export async function hashPassword(password: string, params: ScryptParams = DEFAULT_SCRYPT): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, params);
  return ["scrypt", params.N, params.r, params.p, salt.toString("base64url"), key.toString("base64url")].join("$");
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt") return false;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  // A tampered row must not make one login allocate gigabytes.
  if (!Number.isInteger(N) || N < 2 || N > 2 ** 20 || (N & (N - 1)) !== 0) return false;
  if (!Number.isInteger(r) || r < 1 || r > 32 || !Number.isInteger(p) || p < 1 || p > 16) return false;
  const salt = Buffer.from(parts[4] as string, "base64url");
  const expected = Buffer.from(parts[5] as string, "base64url");
  if (expected.length !== KEY_LENGTH) return false;
  const actual = await scryptAsync(password, salt, { N, r, p });
  return timingSafeEqual(actual, expected);
}

/** A readable random password for accounts created without one (about 95 bits). */
export function generatePassword(): string {
  const alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  const bytes = randomBytes(16);
  let out = "";
  for (const byte of bytes) out += alphabet[byte % alphabet.length];
  return `${out.slice(0, 4)}-${out.slice(4, 8)}-${out.slice(8, 12)}-${out.slice(12, 16)}`;
}

// --- validation ------------------------------------------------------------------------------------------

export function normalizeUsername(username: string): string {
  return username.trim().toLowerCase();
}

export function checkUsername(username: string): void {
  if (!USERNAME_PATTERN.test(username))
    throw new UserInputError("username", "username must be 3–32 characters of a–z, 0–9, _ . -");
}

/** Length, then the list of what a password must not be (passwords-policy.ts), for the account's username. */
export function checkPassword(password: string, username: string): void {
  if (password.length < PASSWORD_MIN_LENGTH)
    throw new UserInputError("password", `password must be at least ${PASSWORD_MIN_LENGTH} characters`);
  if (password.length > PASSWORD_MAX_LENGTH)
    throw new UserInputError("password", `password must be at most ${PASSWORD_MAX_LENGTH} characters`);
  const weakness = passwordWeakness(password, username);
  if (weakness) throw new UserInputError("password", weakness);
}

function checkRole(role: string): asserts role is UserRole {
  if (!(USER_ROLES as readonly string[]).includes(role))
    throw new UserInputError("role", `role must be one of ${USER_ROLES.join(", ")}`);
}

async function checkOrgExists(db: Kysely<Database>, orgId: number): Promise<void> {
  const org = await db.selectFrom("orgs").select("id").where("id", "=", orgId).executeTakeFirst();
  if (!org) throw new UserInputError("orgId", `no organization with id ${orgId}`);
}

// --- queries ---------------------------------------------------------------------------------------------

const USER_COLUMNS = ["id", "username", "display_name", "role", "org_id", "disabled", "created_at"] as const;
type UserRow = {
  id: number;
  username: string;
  display_name: string;
  role: UserRole;
  org_id: number;
  disabled: boolean;
  created_at: Date;
};

function toUser(row: UserRow): User {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    orgId: row.org_id,
    disabled: row.disabled,
    createdAt: row.created_at,
  };
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "23505";
}

export async function createUser(db: Kysely<Database>, input: NewUser): Promise<User> {
  const username = normalizeUsername(input.username);
  checkUsername(username);
  checkPassword(input.password, username);
  checkRole(input.role);
  const displayName = (input.displayName ?? "").trim() || username;
  await checkOrgExists(db, input.orgId);
  const existing = await db.selectFrom("users").select("id").where("username", "=", username).executeTakeFirst();
  if (existing) throw new UsernameTakenError(username);
  const passwordHash = await hashPassword(input.password);
  try {
    const row = await db
      .insertInto("users")
      .values({
        username,
        display_name: displayName,
        password_hash: passwordHash,
        role: input.role,
        org_id: input.orgId,
      })
      .returning(USER_COLUMNS)
      .executeTakeFirstOrThrow();
    return toUser(row);
  } catch (error) {
    // Two creators racing past the check above.
    if (isUniqueViolation(error)) throw new UsernameTakenError(username);
    throw error;
  }
}

export async function getUser(db: Kysely<Database>, id: number): Promise<User | undefined> {
  const row = await db.selectFrom("users").select(USER_COLUMNS).where("id", "=", id).executeTakeFirst();
  return row && toUser(row);
}

/** The account with its hash, for logging in only. */
export async function findCredentials(
  db: Kysely<Database>,
  username: string,
): Promise<(User & { passwordHash: string }) | undefined> {
  const row = await db
    .selectFrom("users")
    .select([...USER_COLUMNS, "password_hash"])
    .where("username", "=", normalizeUsername(username))
    .executeTakeFirst();
  return row && { ...toUser(row), passwordHash: row.password_hash };
}

export type UserListOptions = {
  /** Only users of these orgs; undefined for all. */
  orgIds?: readonly number[] | undefined;
  limit: number;
  offset: number;
};

export async function listUsers(
  db: Kysely<Database>,
  options: UserListOptions,
): Promise<{ items: User[]; total: number }> {
  const { orgIds } = options;
  if (orgIds && orgIds.length === 0) return { items: [], total: 0 };
  let query = db.selectFrom("users");
  if (orgIds) query = query.where("org_id", "in", orgIds);
  const [rows, count] = await Promise.all([
    query.select(USER_COLUMNS).orderBy("username").limit(options.limit).offset(options.offset).execute(),
    query.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(toUser), total: Number(count.n) };
}

/** Applies a patch; returns the user before and after, or undefined when there is no such user. */
export async function updateUser(
  db: Kysely<Database>,
  id: number,
  patch: UserPatch,
): Promise<{ before: User; after: User } | undefined> {
  const before = await db.selectFrom("users").select(USER_COLUMNS).where("id", "=", id).forUpdate().executeTakeFirst();
  if (!before) return undefined;
  const values: Partial<{
    display_name: string;
    role: UserRole;
    org_id: number;
    disabled: boolean;
    password_hash: string;
  }> = {};
  if (patch.displayName !== undefined) {
    const name = patch.displayName.trim();
    if (!name) throw new UserInputError("displayName", "displayName must not be empty");
    values.display_name = name;
  }
  if (patch.role !== undefined) {
    checkRole(patch.role);
    values.role = patch.role;
  }
  if (patch.orgId !== undefined) {
    await checkOrgExists(db, patch.orgId);
    values.org_id = patch.orgId;
  }
  if (patch.disabled !== undefined) values.disabled = patch.disabled;
  if (patch.password !== undefined) {
    checkPassword(patch.password, before.username);
    values.password_hash = await hashPassword(patch.password);
  }
  if (Object.keys(values).length === 0) return { before: toUser(before), after: toUser(before) };
  const after = await db
    .updateTable("users")
    .set(values)
    .where("id", "=", id)
    .returning(USER_COLUMNS)
    .executeTakeFirstOrThrow();
  return { before: toUser(before), after: toUser(after) };
}
