// `luoshi assign MEASURE_ID --as USER [--add ORG[:lead|support|owner]] [--remove ORG] [--role ORG:ROLE] [--confirm]`:
// reassignment after import for a plan office that scripts it — the measure's current units with the changes
// applied, through the same service and rules as PUT /api/measures/:id/units; exit 2 with the reason when
// refused (removing a unit with reports needs --confirm).
import { parseArgs } from "node:util";
import { findOrgByRef } from "../services/orgs/orgs.ts";
import { actorNamed } from "../services/supervision-loop/access.ts";
import {
  ASSIGNMENT_ROLES,
  measureUnits,
  reassignMeasure,
  type UnitInput,
} from "../services/supervision-loop/reassign.ts";
import { type Store, storeFromEnv } from "../store/db.ts";
import { ConflictError, InputError, NotAllowedError, NotFoundError } from "../store/errors.ts";
import type { AssignmentRole } from "../store/schema.ts";
import { type CliIo, processIo } from "./loop.ts";
import { timeZoneOfEnv } from "./time-zone.ts";
import { UsageError } from "./usage-error.ts";

export const ASSIGN_USAGE = `usage:
  luoshi assign MEASURE_ID --as USER [--add ORG[:lead|support|owner]]… [--remove ORG]… [--role ORG:lead|support|owner]…
                [--confirm] [--format text|json]
    ORG is an org id, exact name or alias. Without changes it lists the measure's units. --confirm removes a unit
    whose assignment has reports (they are kept in the audit log).`;

function splitRole(spec: string, flag: string, required: boolean): { org: string; role: AssignmentRole | undefined } {
  const at = spec.lastIndexOf(":");
  const tail = at >= 0 ? spec.slice(at + 1) : "";
  if (ASSIGNMENT_ROLES.includes(tail as AssignmentRole))
    return { org: spec.slice(0, at), role: tail as AssignmentRole };
  if (required) throw new UsageError(`${flag} "${spec}": give ORG:lead, ORG:support or ORG:owner\n${ASSIGN_USAGE}`);
  return { org: spec, role: undefined };
}

export async function runAssign(
  args: string[],
  openStore: () => Promise<Store> = () => storeFromEnv(),
  io: CliIo = processIo,
): Promise<number> {
  const { values, positionals } = parseArgs({
    args: args.filter((a) => a !== "--debug"),
    allowPositionals: true,
    options: {
      as: { type: "string" },
      add: { type: "string", multiple: true },
      remove: { type: "string", multiple: true },
      role: { type: "string", multiple: true },
      confirm: { type: "boolean" },
      format: { type: "string", default: "text" },
    },
  });
  const id = Number(positionals[0]);
  if (positionals.length !== 1 || !(Number.isInteger(id) && id > 0))
    throw new UsageError(`give the measure's id\n${ASSIGN_USAGE}`);
  if (!values.as) throw new UsageError(`--as USER is required\n${ASSIGN_USAGE}`);
  const timeZone = timeZoneOfEnv();
  const store = await openStore();
  try {
    const actor = await actorNamed(store.db, values.as);
    if (!actor) throw new UsageError(`no active user "${values.as}"`);
    const org = async (ref: string, flag: string) => {
      const found = await findOrgByRef(store.db, ref);
      if (found.matches.length === 1) return (found.matches[0] as { id: number }).id;
      throw new UsageError(
        found.matches.length === 0
          ? `${flag} "${ref}": no such org (see luoshi orgs export)`
          : `${flag} "${ref}" names ${found.matches.length} orgs (ids ${found.matches.map((m) => m.id).join(", ")}); give the id`,
      );
    };
    const current = await measureUnits(store.db, actor, id);
    const units = new Map<number, AssignmentRole>(current.map((u) => [u.orgId, u.role]));
    for (const spec of values.remove ?? []) {
      const orgId = await org(spec, "--remove");
      if (!units.delete(orgId)) throw new UsageError(`--remove "${spec}": not a unit of measure ${id}`);
    }
    for (const spec of values.role ?? []) {
      const { org: ref, role } = splitRole(spec, "--role", true);
      const orgId = await org(ref, "--role");
      if (!units.has(orgId)) throw new UsageError(`--role "${spec}": not a unit of measure ${id}; use --add`);
      units.set(orgId, role as AssignmentRole);
    }
    for (const spec of values.add ?? []) {
      const { org: ref, role } = splitRole(spec, "--add", false);
      const orgId = await org(ref, "--add");
      if (units.has(orgId)) throw new UsageError(`--add "${spec}": already a unit of measure ${id}; use --role`);
      units.set(orgId, role ?? "support");
    }
    const changes = (values.add ?? []).length + (values.remove ?? []).length + (values.role ?? []).length;
    const list: UnitInput[] = [...units].map(([orgId, role]) => ({ orgId, role }));
    const result =
      changes === 0
        ? { units: current }
        : await reassignMeasure(store.db, actor, {
            measureId: id,
            units: list,
            confirmRemoval: values.confirm === true,
            timeZone,
          });
    if (values.format === "json") io.out(`${JSON.stringify(result, null, 2)}\n`);
    else {
      if ("kept" in result)
        io.out(
          `measure ${id}: ${result.added.length} added, ${result.changed.length} changed, ${result.removed.length} removed, ${result.kept} kept\n`,
        );
      for (const u of result.units)
        io.out(`  assignment ${u.assignmentId}: ${u.orgName} (${u.role}), ${u.reports} reports\n`);
    }
    return 0;
  } catch (error) {
    if (
      error instanceof InputError ||
      error instanceof ConflictError ||
      error instanceof NotFoundError ||
      error instanceof NotAllowedError
    ) {
      const field = error instanceof InputError && error.field ? ` (${error.field})` : "";
      io.err(`luoshi assign: ${error.message}${field}\n`);
      return 2;
    }
    throw error;
  } finally {
    await store.close();
  }
}
