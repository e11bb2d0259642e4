// Whether a file brings anything new to a plan already imported: the same bytes (checksum), or a different
// file (another format, a re-save) whose parse is the same — same metadata, tasks, measures with their
// units and deadlines, and indicators. Such a re-import is "nothing changed" and creates no version.
import { createHash } from "node:crypto";
import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../store/schema.ts";
import type { PlanDraft } from "./queries.ts";

type Db = Kysely<Database> | Transaction<Database>;

export type Identical = {
  planId: number;
  version: number;
  reason: "checksum" | "content";
  message: { zh: string; en: string };
};

export const sha256 = (bytes: Uint8Array): string => createHash("sha256").update(bytes).digest("hex");

type Content = {
  meta: unknown[];
  tasks: { key: string; title: string; measures: unknown[][] }[];
  indicators: unknown[][];
};

function draftContent(draft: PlanDraft): Content {
  const m = draft.meta;
  return {
    meta: [m.title, m.docNumber, m.issuer, m.issuedOn, m.period?.from ?? null, m.period?.to ?? null],
    tasks: draft.tasks.map((t) => ({
      key: t.key,
      title: t.title,
      measures: t.measures.map((x) => [
        x.text,
        x.scope,
        x.statedUnits,
        x.deadline?.raw ?? null,
        x.deadline?.due ?? null,
        x.deadline?.ongoing ?? false,
      ]),
    })),
    indicators: draft.indicators.map((i) => [i.name, i.op, i.target, i.targetHigh ?? null, i.unit, i.by]),
  };
}

async function storedContent(db: Db, planId: number): Promise<Content> {
  const plan = await db
    .selectFrom("plans")
    .select(["title", "doc_number", "issuer", "issued_on", "period_from", "period_to"])
    .where("id", "=", planId)
    .executeTakeFirstOrThrow();
  const tasks = await db
    .selectFrom("tasks")
    .select(["id", "key", "title"])
    .where("plan_id", "=", planId)
    .orderBy("position")
    .execute();
  const measures = await db
    .selectFrom("measures")
    .select(["task_id", "text", "scope", "stated_units", "deadline_raw", "due_on", "ongoing"])
    .where("plan_id", "=", planId)
    .orderBy("position")
    .execute();
  const indicators = await db
    .selectFrom("indicators")
    .select(["name", "op", "target", "target_high", "unit", "due_by"])
    .where("plan_id", "=", planId)
    .orderBy("id")
    .execute();
  return {
    meta: [plan.title, plan.doc_number, plan.issuer, plan.issued_on, plan.period_from, plan.period_to],
    tasks: tasks.map((t) => ({
      key: t.key,
      title: t.title,
      measures: measures
        .filter((m) => m.task_id === t.id)
        .map((m) => [m.text, m.scope, m.stated_units, m.deadline_raw, m.due_on, m.ongoing]),
    })),
    indicators: indicators.map((i) => [i.name, i.op, i.target, i.target_high, i.unit, i.due_by]),
  };
}

/** The latest version of the same plan (same org and 文号 or title) when the file changes nothing in it. */
export async function identicalTo(
  db: Db,
  previous: { id: number; version: number } | undefined,
  draft: PlanDraft,
): Promise<Identical | null> {
  if (!previous) return null;
  const file = await db.selectFrom("plan_files").select("sha256").where("plan_id", "=", previous.id).executeTakeFirst();
  const same = (reason: Identical["reason"]): Identical => ({
    planId: previous.id,
    version: previous.version,
    reason,
    message: {
      zh: `与已导入的第 ${previous.version} 版相同，没有变化，未创建新版本。`,
      en: `Nothing changed: the file is the same as version ${previous.version} already imported; no new version was created.`,
    },
  });
  if (file?.sha256 === sha256(draft.file.bytes)) return same("checksum");
  const stored = await storedContent(db, previous.id);
  return JSON.stringify(stored) === JSON.stringify(draftContent(draft)) ? same("content") : null;
}
