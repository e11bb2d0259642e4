// `luoshi decompose ASSIGNMENT_ID --as USER --to ORG[:lead|support][:YYYY-MM-DD] … [--instruction T]`: an
// office (or a unit) scripting 二次分解 — the same service and rules as POST /api/assignments/:id/decompose;
// exit 2 with the reason when it is refused.
import { parseArgs } from "node:util";
import { decomposeAs, type SubAssignmentInput, type SubRole } from "../services/decompose/decompose.ts";
import { findOrgByRef } from "../services/orgs/orgs.ts";
import { actorNamed } from "../services/supervision-loop/access.ts";
import { type Store, storeFromEnv } from "../store/db.ts";
import { ConflictError, InputError, NotAllowedError, NotFoundError } from "../store/errors.ts";
import { type CliIo, processIo } from "./loop.ts";
import { timeZoneOfEnv } from "./time-zone.ts";
import { UsageError } from "./usage-error.ts";

export const DECOMPOSE_USAGE = `usage:
  luoshi decompose ASSIGNMENT_ID --as USER --to ORG[:lead|support][:YYYY-MM-DD] [--to …] [--instruction T] [--format text|json]
    ORG is an org id, exact name or alias; the role defaults to support, the due date to the parent's.`;

/** "泰山区市场监督管理局:lead:2025-05-31" → its parts; the org may itself hold ":" only when given by id. */
export function parseTarget(spec: string): { org: string; role: SubRole; dueOn: string | undefined } {
  const parts = spec.split(":");
  let role: SubRole = "support";
  let dueOn: string | undefined;
  while (parts.length > 1) {
    const last = parts.at(-1) as string;
    if (/^\d{4}-\d{2}-\d{2}$/.test(last) && dueOn === undefined) dueOn = last;
    else if ((last === "lead" || last === "support") && parts.length > 1) role = last;
    else break;
    parts.pop();
  }
  const org = parts.join(":").trim();
  if (org === "") throw new UsageError(`--to "${spec}": name the org\n${DECOMPOSE_USAGE}`);
  return { org, role, dueOn };
}

export async function runDecompose(
  args: string[],
  openStore: () => Promise<Store> = () => storeFromEnv(),
  io: CliIo = processIo,
): Promise<number> {
  const { values, positionals } = parseArgs({
    args: args.filter((a) => a !== "--debug"),
    allowPositionals: true,
    options: {
      as: { type: "string" },
      to: { type: "string", multiple: true },
      instruction: { type: "string" },
      format: { type: "string", default: "text" },
    },
  });
  const id = Number(positionals[0]);
  if (positionals.length !== 1 || !(Number.isInteger(id) && id > 0))
    throw new UsageError(`give the assignment's id\n${DECOMPOSE_USAGE}`);
  if (!values.as) throw new UsageError(`--as USER is required\n${DECOMPOSE_USAGE}`);
  const targets = (values.to ?? []).map(parseTarget);
  if (targets.length === 0) throw new UsageError(`give at least one --to ORG\n${DECOMPOSE_USAGE}`);
  const timeZone = timeZoneOfEnv();
  const store = await openStore();
  try {
    const actor = await actorNamed(store.db, values.as);
    if (!actor) throw new UsageError(`no active user "${values.as}"`);
    const children: SubAssignmentInput[] = [];
    for (const t of targets) {
      const found = await findOrgByRef(store.db, t.org);
      if (found.matches.length !== 1)
        throw new UsageError(
          found.matches.length === 0
            ? `--to "${t.org}": no such org (see luoshi orgs export)`
            : `--to "${t.org}" names ${found.matches.length} orgs (ids ${found.matches.map((m) => m.id).join(", ")}); give the id`,
        );
      children.push({
        orgId: (found.matches[0] as { id: number }).id,
        role: t.role,
        dueOn: t.dueOn,
        instruction: values.instruction,
      });
    }
    const created = await decomposeAs(
      store.db,
      { id: actor.userId, role: actor.role, orgId: actor.orgId },
      { assignmentId: id, children, timeZone },
    );
    if (values.format === "json") io.out(`${JSON.stringify(created, null, 2)}\n`);
    else for (const c of created) io.out(`assignment ${c.id}: ${c.orgName} (${c.role}) due ${c.dueOn ?? "—"}\n`);
    return 0;
  } catch (error) {
    if (
      error instanceof InputError ||
      error instanceof ConflictError ||
      error instanceof NotFoundError ||
      error instanceof NotAllowedError
    ) {
      const field = error instanceof InputError && error.field ? ` (${error.field})` : "";
      io.err(`luoshi decompose: ${error.message}${field}\n`);
      return 2;
    }
    throw error;
  } finally {
    await store.close();
  }
}
