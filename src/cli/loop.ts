// `luoshi loop`: the supervision loop for an office that scripts it (issue 10) — what waits, reviewing reports,
// deciding extensions and closures, in the name of a user (--as), with the same rules as the API.
import { parseArgs } from "node:util";
import { actorNamed, type LoopActor } from "../services/supervision-loop/access.ts";
import { approveClosure, rejectClosure } from "../services/supervision-loop/closure.ts";
import { decideExtension, withdrawExtension } from "../services/supervision-loop/extensions.ts";
import { loopQueue } from "../services/supervision-loop/queue.ts";
import { reviewReport } from "../services/supervision-loop/review.ts";
import { type Store, storeFromEnv } from "../store/db.ts";
import { ConflictError, InputError, NotAllowedError, NotFoundError } from "../store/errors.ts";
import { timeZoneOfEnv } from "./time-zone.ts";
import { UsageError } from "./usage-error.ts";

const USAGE = `usage:
  luoshi loop queue --as USER [--plan ID] [--format text|json]
  luoshi loop review REPORT_ID --as USER (--accept | --return REASON)
  luoshi loop extension REQUEST_ID --as USER (--approve [--note N] | --reject REASON | --withdraw)
  luoshi loop closure ASSIGNMENT_ID --as USER (--approve [--note N] | --reject REASON)`;

/** Where a CLI entry writes (tests pass their own; the CLI the process's streams). */
export type CliIo = { out(text: string): void; err(text: string): void };
export const processIo: CliIo = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
};

export async function runLoop(
  args: string[],
  openStore: () => Promise<Store> = () => storeFromEnv(),
  io: CliIo = processIo,
): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      as: { type: "string" },
      plan: { type: "string" },
      format: { type: "string", default: "text" },
      accept: { type: "boolean" },
      return: { type: "string" },
      approve: { type: "boolean" },
      reject: { type: "string" },
      withdraw: { type: "boolean" },
      note: { type: "string" },
    },
  });
  const [sub, idText] = positionals;
  if (!sub || !["queue", "review", "extension", "closure"].includes(sub)) throw new UsageError(USAGE);
  if (!values.as) throw new UsageError(`--as USER is required\n${USAGE}`);
  const id = Number(idText);
  if (sub !== "queue" && !(Number.isInteger(id) && id > 0)) throw new UsageError(`give the ${sub}'s id\n${USAGE}`);
  const timeZone = timeZoneOfEnv();
  const store = await openStore();
  try {
    const actor = await actorNamed(store.db, values.as);
    if (!actor) throw new UsageError(`no active user "${values.as}"`);
    return await run(store.db, actor, sub, id, { ...values, timeZone }, io);
  } catch (error) {
    if (
      error instanceof InputError ||
      error instanceof ConflictError ||
      error instanceof NotFoundError ||
      error instanceof NotAllowedError
    ) {
      io.err(`luoshi loop: ${error.message}\n`);
      return 2;
    }
    throw error;
  } finally {
    await store.close();
  }
}

type Values = {
  plan?: string;
  format?: string;
  accept?: boolean;
  return?: string;
  approve?: boolean;
  reject?: string;
  withdraw?: boolean;
  note?: string;
  /** Whose calendar "today" is (LUOSHI_TIME_ZONE). */
  timeZone: string;
};

async function run(
  db: Parameters<typeof loopQueue>[0],
  actor: LoopActor,
  sub: string,
  id: number,
  v: Values,
  io: CliIo,
): Promise<number> {
  const out = (x: unknown) => io.out(`${JSON.stringify(x, null, 2)}\n`);
  switch (sub) {
    case "queue": {
      const q = await loopQueue(db, actor, { now: new Date(), planId: v.plan ? Number(v.plan) : undefined });
      if (v.format === "json") out(q);
      else {
        const line = (
          what: string,
          rows: { taskKey: string; orgName: string; measureText: string }[],
          extra: (i: number) => string,
        ) => {
          io.out(`${what}: ${rows.length}\n`);
          for (const [i, r] of rows.entries())
            io.out(`  ${extra(i)}  ${r.taskKey} ${r.orgName}  ${r.measureText.slice(0, 40)}\n`);
        };
        line(
          "unacknowledged 未签收",
          q.unacknowledged,
          (i) => `assignment ${q.unacknowledged[i]?.assignmentId} (${q.unacknowledged[i]?.daysWaiting} d)`,
        );
        line("to review 待审核", q.toReview, (i) => `report ${q.toReview[i]?.reportId} ${q.toReview[i]?.period}`);
        line("returned 退回", q.returned, (i) => `report ${q.returned[i]?.reportId} ${q.returned[i]?.period}`);
        line(
          "extensions 延期",
          q.extensions,
          (i) => `request ${q.extensions[i]?.extension.id} → ${q.extensions[i]?.extension.requestedDueOn}`,
        );
        line("closures 办结", q.closures, (i) => `assignment ${q.closures[i]?.assignmentId} ${q.closures[i]?.closure}`);
      }
      return 0;
    }
    case "review":
      if (v.accept === (v.return !== undefined)) throw new UsageError(`give --accept or --return REASON\n${USAGE}`);
      out(
        await reviewReport(db, actor, {
          reportId: id,
          decision: v.accept ? "accept" : "return",
          note: v.return,
          timeZone: v.timeZone,
        }),
      );
      return 0;
    case "extension":
      if (v.withdraw) {
        if (v.approve || v.reject !== undefined)
          throw new UsageError(`give one of --approve, --reject, --withdraw\n${USAGE}`);
        out(await withdrawExtension(db, actor, { extensionId: id }));
        return 0;
      }
      if (v.approve === (v.reject !== undefined)) throw new UsageError(`give --approve or --reject REASON\n${USAGE}`);
      out(
        await decideExtension(db, actor, {
          extensionId: id,
          approve: v.approve === true,
          note: v.reject ?? v.note,
          timeZone: v.timeZone,
        }),
      );
      return 0;
    default: {
      if (v.approve === (v.reject !== undefined)) throw new UsageError(`give --approve or --reject REASON\n${USAGE}`);
      const input = { assignmentId: id, note: v.reject ?? v.note, timeZone: v.timeZone };
      out(await (v.approve ? approveClosure(db, actor, input) : rejectClosure(db, actor, input)));
      return 0;
    }
  }
}
