// Two brakes on password guessing: per username from login_attempts (shared by every server process,
// survives restarts) and per client IP in memory (cheap, catches one client spraying many usernames).
import type { Kysely } from "kysely";
import type { Database } from "../../store/schema.ts";

export type LoginLimits = { maxFailures: number; windowMs: number };

/**
 * Seconds until the username may try again, or null when it may try now. Only failures after the last
 * success count, so a user who mistyped a few times and then got in starts afresh.
 */
export async function usernameLockout(
  db: Kysely<Database>,
  username: string,
  now: Date,
  limits: LoginLimits,
): Promise<number | null> {
  const since = new Date(now.getTime() - limits.windowMs);
  const rows = await db
    .selectFrom("login_attempts")
    .select(["attempted_at", "succeeded"])
    .where("username", "=", username)
    .where("attempted_at", ">", since)
    .orderBy("attempted_at", "desc")
    .limit(limits.maxFailures + 1)
    .execute();
  const failures: Date[] = [];
  for (const row of rows) {
    if (row.succeeded) break;
    failures.push(row.attempted_at);
  }
  if (failures.length < limits.maxFailures) return null;
  // Locked until the oldest of the last maxFailures failures leaves the window.
  const oldest = failures[limits.maxFailures - 1] as Date;
  return (oldest.getTime() + limits.windowMs - now.getTime()) / 1000;
}

export async function recordLoginAttempt(
  db: Kysely<Database>,
  username: string,
  now: Date,
  succeeded: boolean,
): Promise<void> {
  await db.insertInto("login_attempts").values({ username, attempted_at: now, succeeded }).execute();
}

export class IpLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly maxFailures: number,
    private readonly windowMs: number,
  ) {}

  /** Seconds until this IP may try again, or null. */
  retryAfter(ip: string, now: Date): number | null {
    const recent = this.recent(ip, now.getTime());
    if (recent.length < this.maxFailures) return null;
    return ((recent[recent.length - this.maxFailures] as number) + this.windowMs - now.getTime()) / 1000;
  }

  fail(ip: string, now: Date): void {
    const recent = this.recent(ip, now.getTime());
    recent.push(now.getTime());
    this.failures.set(ip, recent);
    // Bound memory when many clients fail once and never come back.
    if (this.failures.size > 10_000) this.sweep(now.getTime());
  }

  private recent(ip: string, nowMs: number): number[] {
    return (this.failures.get(ip) ?? []).filter((t) => t > nowMs - this.windowMs);
  }

  private sweep(nowMs: number): void {
    for (const [ip, times] of this.failures) {
      if (times.every((t) => t <= nowMs - this.windowMs)) this.failures.delete(ip);
    }
  }
}
