// Looking up the org a tracked thing belongs to and applying the scope rules to it: out of scope is 404
// (ids of other orgs reveal nothing), in scope but not writable is 403.

import { canWriteOrg, ensureVisible, inScope, orgScope } from "../../services/access/index.ts";
import { assignmentOrg } from "../../services/assignments/assignments.ts";
import { getEvidence } from "../../services/tracking/evidence.ts";
import { reportOwner } from "../../services/tracking/reports.ts";
import { signOffOrgs } from "../../services/tracking/sign-off.ts";
import type { SessionUser } from "../auth/sessions.ts";
import type { AppDeps } from "../context.ts";
import { forbidden } from "../problem.ts";

type Access = "read" | "write";

async function check(deps: AppDeps, user: SessionUser, orgId: number | undefined, what: string, access: Access) {
  const scope = await orgScope(deps.db, user);
  const visible = ensureVisible(scope, orgId === undefined ? undefined : { orgId }, what);
  if (access === "write" && !(await canWriteOrg(deps.db, user, visible.orgId)))
    throw forbidden(`Your role does not allow changing this ${what}.`);
  return visible.orgId;
}

export async function assignmentAccess(deps: AppDeps, user: SessionUser, id: number, access: Access) {
  return check(deps, user, await assignmentOrg(deps.db, id), "assignment", access);
}

export async function reportAccess(deps: AppDeps, user: SessionUser, id: number, access: Access) {
  return check(deps, user, (await reportOwner(deps.db, id))?.orgId, "report", access);
}

/**
 * The evidence file with its bytes, if the user may read it: its org is in scope, or the user's org leads
 * the measure (the lead unit reads its support units' reports, as GET /api/measures/:id shows them).
 */
export async function readableEvidence(deps: AppDeps, user: SessionUser, id: number) {
  const file = await getEvidence(deps.db, id);
  const scope = await orgScope(deps.db, user);
  if (file && !inScope(scope, file.orgId) && (await signOffOrgs(deps.db, file.measureId)).includes(user.orgId))
    return file;
  ensureVisible(scope, file, "evidence file");
  // ensureVisible threw unless the file exists.
  return file as NonNullable<typeof file>;
}
