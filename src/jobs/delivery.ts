// Sending reminders out of the app as digests, one message per unit (org) per run listing all its pending
// reminders: a JSON message to a webhook (an IM group bot) and an e-mail.
// Each channel has its own "sent at" column, set only after that channel succeeded, so a failed webhook
// is retried on the next run without e-mailing twice; a unit's reminders are marked when its message went
// out. Rows are claimed with FOR UPDATE SKIP LOCKED inside a transaction, a batch of units at a time: two
// processes delivering at once take disjoint sets instead of both sending.
import type { Kysely } from "kysely";
import { createTransport } from "nodemailer";
import type { Database, ReminderKind } from "../store/schema.ts";

export type SmtpConfig = { url: string; from: string; to: string[] };
export type DeliveryConfig = {
  webhookUrl?: string | undefined;
  smtp?: SmtpConfig | undefined;
  /** Units whose digests one transaction sends (default 50). */
  batchSize?: number;
};
/** Reminders marked sent, and the messages (one per unit) that carried them. */
export type ChannelResult = { sent: number; messages?: number; error?: string };
export type DeliveryResult = { webhook: ChannelResult | null; email: ChannelResult | null };

export type ReminderSummary = {
  id: number;
  kind: ReminderKind;
  period: string;
  /** The unit the reminder is for (the digest's). */
  org: string;
  plan: string;
  task: string;
  measure: string;
  dueOn: string | null;
};

/** The delivery settings from the environment; channels without settings are off. */
export function deliveryFromEnv(env: NodeJS.ProcessEnv = process.env): DeliveryConfig {
  const to = (env.LUOSHI_MAIL_TO ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  return {
    webhookUrl: env.LUOSHI_WEBHOOK_URL || undefined,
    smtp:
      env.LUOSHI_SMTP_URL && env.LUOSHI_MAIL_FROM && to.length > 0
        ? { url: env.LUOSHI_SMTP_URL, from: env.LUOSHI_MAIL_FROM, to }
        : undefined,
  };
}

const KIND_LABEL: Record<ReminderKind, string> = {
  due_soon: "即将到期",
  overdue: "已逾期",
  report_missing: "未报送",
  unacknowledged: "未签收",
  returned: "报告退回",
  extension_pending: "延期待审",
  closure_pending: "办结待审",
};

/** Orgs whose pending reminders one delivery transaction claims (each org's all at once). */
const ORGS_PER_BATCH = 50;
/** Lines a digest's text shows; the structured list (webhook) and the e-mail body carry them all. */
const TEXT_LINES = 30;

/** One unit's reminders: what one message carries. */
export type Digest = { orgId: number; org: string; reminders: ReminderSummary[] };

/**
 * Delivers every undelivered reminder over each configured channel as digests: one message per unit
 * (the assignments' org) per run listing all its pending reminders, instead of one per reminder.
 */
export async function deliverPending(db: Kysely<Database>, config: DeliveryConfig): Promise<DeliveryResult> {
  const { webhookUrl, smtp } = config;
  return {
    webhook: webhookUrl ? await deliverChannel(db, "webhook_sent_at", config, (d) => postWebhook(webhookUrl, d)) : null,
    email: smtp ? await deliverChannel(db, "email_sent_at", config, (d) => sendMail(smtp, d)) : null,
  };
}

async function deliverChannel(
  db: Kysely<Database>,
  column: "webhook_sent_at" | "email_sent_at",
  config: DeliveryConfig,
  send: (digest: Digest) => Promise<void>,
): Promise<ChannelResult> {
  let sent = 0;
  let messages = 0;
  const orgsPerBatch = Math.max(1, config.batchSize ?? ORGS_PER_BATCH);
  // Orgs are taken in id order after the last batch's, so an org another process holds is not waited for.
  let afterOrg = 0;
  for (;;) {
    const batch = await db.transaction().execute(async (tx) => {
      const orgs = (
        await tx
          .selectFrom("reminders as r")
          .innerJoin("assignments as a", "a.id", "r.assignment_id")
          .select("a.org_id")
          .distinct()
          .where(`r.${column}`, "is", null)
          .where("a.org_id", ">", afterOrg)
          .orderBy("a.org_id")
          .limit(orgsPerBatch)
          .execute()
      ).map((o) => Number(o.org_id));
      if (orgs.length === 0) return null;
      // Two processes delivering at once take disjoint reminders: rows another holds are skipped.
      const claimed = await tx
        .selectFrom("reminders as r")
        .innerJoin("assignments as a", "a.id", "r.assignment_id")
        .select("r.id")
        .where(`r.${column}`, "is", null)
        .where("a.org_id", "in", orgs)
        .forUpdate("r")
        .skipLocked()
        .execute();
      const lastOrg = orgs.at(-1) as number;
      if (claimed.length === 0) return { lastOrg, sent: 0, messages: 0, error: undefined };
      const rows = await tx
        .selectFrom("reminders as r")
        .innerJoin("assignments as a", "a.id", "r.assignment_id")
        .innerJoin("orgs as o", "o.id", "a.org_id")
        .innerJoin("plans as p", "p.id", "a.plan_id")
        .innerJoin("measures as m", "m.id", "a.measure_id")
        .innerJoin("tasks as t", "t.id", "m.task_id")
        .select([
          "r.id",
          "r.kind",
          "r.period",
          "a.org_id as orgId",
          "o.name as org",
          "p.title as plan",
          "t.key as task",
          "m.text as measure",
          "a.due_on as dueOn",
        ])
        .where(
          "r.id",
          "in",
          claimed.map((c) => c.id),
        )
        .orderBy("a.org_id")
        .orderBy("r.id")
        .execute();
      const digests = new Map<number, Digest>();
      for (const { orgId, ...r } of rows) {
        const digest = digests.get(orgId) ?? { orgId, org: r.org, reminders: [] };
        digest.reminders.push(r);
        digests.set(orgId, digest);
      }
      // Each unit's message marks its own reminders: a failure stops the batch but keeps what went out.
      const done: number[] = [];
      let error: string | undefined;
      let messages = 0;
      for (const digest of digests.values()) {
        try {
          await send(digest);
        } catch (e) {
          error = e instanceof Error ? e.message : String(e);
          break;
        }
        done.push(...digest.reminders.map((r) => r.id));
        messages++;
      }
      if (done.length > 0) await tx.updateTable("reminders").set(column, new Date()).where("id", "in", done).execute();
      return { lastOrg, sent: done.length, messages, error };
    });
    if (batch === null) break;
    sent += batch.sent;
    messages += batch.messages;
    // A failed send leaves its reminders for the next run.
    if (batch.error !== undefined) return { sent, messages, error: batch.error };
    afterOrg = batch.lastOrg;
  }
  return { sent, messages };
}

const kindLine = (r: ReminderSummary) => `【${KIND_LABEL[r.kind]}】${r.plan}｜${r.task}｜${r.period}`;

/** The digest's text: a count and the first lines ("另 N 条" for the rest). */
function digestText(digest: Digest): string {
  const { reminders } = digest;
  const lines = reminders.slice(0, TEXT_LINES).map(kindLine);
  if (reminders.length > TEXT_LINES)
    lines.push(`……另 ${reminders.length - TEXT_LINES} 条 (${reminders.length - TEXT_LINES} more)`);
  return `落实督办提醒｜${digest.org}：${reminders.length} 条\n${lines.join("\n")}`;
}

async function postWebhook(url: string, digest: Digest): Promise<void> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json; charset=utf-8" },
    // "text" is what most IM group bots show; the structured list is for anything smarter.
    body: JSON.stringify({
      msgtype: "text",
      text: { content: digestText(digest) },
      org: { id: digest.orgId, name: digest.org },
      reminders: digest.reminders,
    }),
    signal: AbortSignal.timeout(15_000),
  });
  if (!res.ok) throw new Error(`webhook answered ${res.status}`);
}

async function sendMail(smtp: SmtpConfig, digest: Digest): Promise<void> {
  const transport = createTransport(smtp.url);
  try {
    const lines = digest.reminders.map(
      (r) => `${KIND_LABEL[r.kind]}  ${r.plan}  ${r.task}  ${r.period}\n    ${r.measure}`,
    );
    await transport.sendMail({
      from: smtp.from,
      to: smtp.to,
      subject: `落实督办提醒：${digest.org} ${digest.reminders.length} 条`,
      text: `${digest.org}\n\n${lines.join("\n\n")}`,
    });
  } finally {
    transport.close();
  }
}
