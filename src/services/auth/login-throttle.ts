// Sign-in throttling, kept in login_attempts so that every server process shares it and restarts do
// not reset it. The policy slows guessing down without letting a stranger lock anyone out:
// - per (username, address) pair: after `freeFailures` failures in a row, each further attempt waits
//   baseDelay · 2^(failures − freeFailures) after the last failure, up to maxDelay — the only "lock",
//   and only for that pair. A pair that has signed in successfully before is capped at trustedMaxDelay.
// - per address: `addressMaxFailures` failures within `addressWindow` across usernames stop further
//   attempts from the address, except for usernames that have signed in from it before.
// There is no per-username lock: failures from other addresses never delay the account's owner.
import type { Kysely } from "kysely";
import type { Database } from "../../store/schema.ts";

export type LoginPolicy = {
  freeFailures: number;
  baseDelayMs: number;
  maxDelayMs: number;
  trustedMaxDelayMs: number;
  /** How far back a pair's failures count. */
  pairWindowMs: number;
  addressMaxFailures: number;
  addressWindowMs: number;
};

export type LoginWait = { seconds: number; reason: "pair" | "address" };

/** The wait a pair owes after `failures` failures in a row, in ms (0 while within the free failures). */
export function pairDelayMs(failures: number, policy: LoginPolicy, trusted: boolean): number {
  if (failures < policy.freeFailures) return 0;
  const cap = trusted ? policy.trustedMaxDelayMs : policy.maxDelayMs;
  // 2^31 ms is 24 days: beyond any sensible cap, and keeps the arithmetic exact.
  return Math.min(policy.baseDelayMs * 2 ** Math.min(failures - policy.freeFailures, 31), cap);
}

/**
 * Records the attempt (as a failure until `succeeded` says otherwise) and returns its id with the wait
 * the attempts before it impose, or null when the password may be checked now. Recording first means
 * that parallel guesses see each other: only the free failures run at once.
 */
export async function beginLoginAttempt(
  db: Kysely<Database>,
  username: string,
  address: string,
  now: Date,
  policy: LoginPolicy,
): Promise<{ id: number; wait: LoginWait | null }> {
  const { id } = await db
    .insertInto("login_attempts")
    .values({ username, address, attempted_at: now, succeeded: false })
    .returning("id")
    .executeTakeFirstOrThrow();
  const wait = await waitBefore(db, id, username, address, now, policy);
  // A refused attempt never reached the password check: it does not count as a failure.
  if (wait) await db.deleteFrom("login_attempts").where("id", "=", id).execute();
  return { id, wait };
}

export async function loginSucceeded(db: Kysely<Database>, attemptId: number): Promise<void> {
  await db.updateTable("login_attempts").set({ succeeded: true }).where("id", "=", attemptId).execute();
}

async function waitBefore(
  db: Kysely<Database>,
  id: number,
  username: string,
  address: string,
  now: Date,
  policy: LoginPolicy,
): Promise<LoginWait | null> {
  const trusted = await db
    .selectFrom("login_attempts")
    .select("id")
    .where("username", "=", username)
    .where("address", "=", address)
    .where("succeeded", "=", true)
    .limit(1)
    .executeTakeFirst();
  // Failures in a row since the pair's last success: enough of them to reach the cap.
  const needed = policy.freeFailures + 32;
  const recent = await db
    .selectFrom("login_attempts")
    .select(["attempted_at", "succeeded"])
    .where("username", "=", username)
    .where("address", "=", address)
    .where("id", "<", id)
    .where("attempted_at", ">", new Date(now.getTime() - policy.pairWindowMs))
    .orderBy("id", "desc")
    .limit(needed)
    .execute();
  let failures = 0;
  for (const row of recent) {
    if (row.succeeded) break;
    failures += 1;
  }
  const last = recent[0];
  if (last && !last.succeeded) {
    const until = new Date(last.attempted_at).getTime() + pairDelayMs(failures, policy, trusted !== undefined);
    if (until > now.getTime()) return { seconds: (until - now.getTime()) / 1000, reason: "pair" };
  }
  if (trusted) return null;
  const fromAddress = await db
    .selectFrom("login_attempts")
    .select("attempted_at")
    .where("address", "=", address)
    .where("succeeded", "=", false)
    .where("id", "<", id)
    .where("attempted_at", ">", new Date(now.getTime() - policy.addressWindowMs))
    .orderBy("id", "desc")
    .limit(policy.addressMaxFailures)
    .execute();
  if (fromAddress.length < policy.addressMaxFailures) return null;
  // Open again once the oldest of the last addressMaxFailures failures leaves the window.
  const oldest = new Date((fromAddress.at(-1) as { attempted_at: Date }).attempted_at).getTime();
  return { seconds: Math.max(1, (oldest + policy.addressWindowMs - now.getTime()) / 1000), reason: "address" };
}
