// The directory as a spreadsheet over HTTP: download it (each user their scope) and upload an edited one
// (admins anywhere, plan offices inside their subtree). The upload is checked row by row and applied in one
// transaction; bad rows come back as a 422 problem whose errors name each row and column.
import { z } from "zod";
import { orgScope, requireRole, scopeIds } from "../../services/access/index.ts";
import { importOrgDirectory } from "../../services/orgs/orgs.ts";
import { exportOrgs, sniffSheetFormat, type TransferFormat } from "../../services/orgs/queries.ts";
import { defineRoute, fileSchema, type Route, rawBodySchema } from "../route.ts";

const MAX_SHEET_BYTES = 10 * 1024 * 1024;
const CONTENT_TYPES: Record<TransferFormat, string> = {
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  csv: "text/csv; charset=utf-8",
};

const exportRoute = defineRoute({
  method: "GET",
  url: "/api/orgs/export",
  summary: "Download the org directory (your scope) as .xlsx or .csv",
  description: "Columns 名称, 类型, 上级, 区划代码, 是否本级区域局, 别名 — the same file POST /api/orgs/import reads.",
  tags: ["orgs"],
  auth: "user",
  query: z.object({ format: z.enum(["xlsx", "csv"]).default("xlsx") }),
  response: fileSchema,
  produces: "application/octet-stream",
  handler: async ({ query, user, deps }) => {
    const orgIds = scopeIds(await orgScope(deps.db, user));
    const bytes = await exportOrgs(deps.db, query.format, { orgIds });
    const day = deps.today();
    return { contentType: CONTENT_TYPES[query.format], fileName: `组织机构-${day}.${query.format}`, bytes };
  },
});

const importRoute = defineRoute({
  method: "POST",
  url: "/api/orgs/import",
  summary: "Upload an org spreadsheet (.xlsx or .csv): adds new orgs and aliases, updates kind and region",
  description:
    "The request body is the file itself (any Content-Type); .xlsx or .csv is told by its content. " +
    "Nothing is written unless every row is valid: otherwise 422 with errors[] naming row and column. " +
    "Plan offices may only change or add orgs inside their subtree. ?dryRun=true checks and counts only.",
  tags: ["orgs"],
  auth: requireRole("admin", "plan_office"),
  query: z.object({
    name: z.string().max(255).default("upload").describe("The file name, for the audit log"),
    dryRun: z
      .enum(["true", "false"])
      .default("false")
      .transform((v) => v === "true"),
  }),
  body: rawBodySchema,
  rawBody: { maxBytes: MAX_SHEET_BYTES },
  response: z.object({
    created: z.number().int(),
    updated: z.number().int(),
    aliasesAdded: z.number().int(),
    dryRun: z.boolean().describe("true: nothing was kept"),
  }),
  handler: async ({ query, body, user, deps }) => {
    const scope = await orgScope(deps.db, user);
    return importOrgDirectory(
      deps.db,
      { userId: user.id, at: deps.now() },
      { bytes: body, format: sniffSheetFormat(body), name: query.name },
      { writable: scope.all ? undefined : scope.ids, dryRun: query.dryRun },
    );
  },
});

export const transferRoutes: Route[] = [exportRoute, importRoute];
