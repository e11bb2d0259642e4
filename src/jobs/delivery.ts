// Sending reminders out of the app: a JSON summary to a webhook (an IM group bot) and an e-mail digest.
// Each channel has its own "sent at" column, set only after that channel succeeded, so a failed webhook
// is retried on the next run without e-mailing twice. Rows are claimed with FOR UPDATE SKIP LOCKED
// inside a transaction: two processes delivering at once take disjoint sets instead of both sending.
import type { Kysely } from "kysely";
import { createTransport } from "nodemailer";
import type { Database, ReminderKind } from "../store/schema.ts";

export type SmtpConfig = { url: string; from: string; to: string[] };
export type DeliveryConfig = { webhookUrl?: string | undefined; smtp?: SmtpConfig | undefined; batchSize?: number };
export type ChannelResult = { sent: number; error?: string };
export type DeliveryResult = { webhook: ChannelResult | null; email: ChannelResult | null };

export type ReminderSummary = {
  id: number;
  kind: ReminderKind;
  period: string;
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

/** Delivers every undelivered reminder over each configured channel. */
export async function deliverPending(db: Kysely<Database>, config: DeliveryConfig): Promise<DeliveryResult> {
  const { webhookUrl, smtp } = config;
  return {
    webhook: webhookUrl ? await deliverChannel(db, "webhook_sent_at", config, (r) => postWebhook(webhookUrl, r)) : null,
    email: smtp ? await deliverChannel(db, "email_sent_at", config, (r) => sendMail(smtp, r)) : null,
  };
}

async function deliverChannel(
  db: Kysely<Database>,
  column: "webhook_sent_at" | "email_sent_at",
  config: DeliveryConfig,
  send: (reminders: ReminderSummary[]) => Promise<void>,
): Promise<ChannelResult> {
  try {
    const sent = await db.transaction().execute(async (tx) => {
      const claimed = await tx
        .selectFrom("reminders as r")
        .select("r.id")
        .where(`r.${column}`, "is", null)
        .orderBy("r.id")
        .limit(config.batchSize ?? 500)
        .forUpdate()
        .skipLocked()
        .execute();
      if (claimed.length === 0) return 0;
      const ids = claimed.map((c) => c.id);
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
          "o.name as org",
          "p.title as plan",
          "t.key as task",
          "m.text as measure",
          "a.due_on as dueOn",
        ])
        .where("r.id", "in", ids)
        .orderBy("r.id")
        .execute();
      // A failure here rolls back and releases the rows: the next run tries them again.
      await send(rows);
      await tx.updateTable("reminders").set(column, new Date()).where("id", "in", ids).execute();
      return ids.length;
    });
    return { sent };
  } catch (error) {
    return { sent: 0, error: error instanceof Error ? error.message : String(error) };
  }
}

async function postWebhook(url: string, reminders: ReminderSummary[]): Promise<void> {
  const lines = reminders.map((r) => `【${KIND_LABEL[r.kind]}】${r.org}｜${r.task}｜${r.period}`);
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json; charset=utf-8" },
    // "text" is what most IM group bots show; the structured list is for anything smarter.
    body: JSON.stringify({
      msgtype: "text",
      text: { content: `落实督办提醒 ${reminders.length} 条\n${lines.join("\n")}` },
      reminders,
    }),
    signal: AbortSignal.timeout(15_000),
  });
  if (!res.ok) throw new Error(`webhook answered ${res.status}`);
}

async function sendMail(smtp: SmtpConfig, reminders: ReminderSummary[]): Promise<void> {
  const transport = createTransport(smtp.url);
  try {
    const lines = reminders.map(
      (r) => `${KIND_LABEL[r.kind]}  ${r.org}  ${r.plan}  ${r.task}  ${r.period}\n    ${r.measure}`,
    );
    await transport.sendMail({
      from: smtp.from,
      to: smtp.to,
      subject: `落实督办提醒：${reminders.length} 条`,
      text: lines.join("\n\n"),
    });
  } finally {
    transport.close();
  }
}
