// The public shapes of orgs, aliases and groups, and the bodies that change them.
import { z } from "zod";
import type { OrgGroup } from "../../services/orgs/group-queries.ts";
import { PATH_SEPARATOR } from "../../services/orgs/names.ts";
import type { Org } from "../../services/orgs/queries.ts";
import { ORG_KINDS } from "../../services/orgs/queries.ts";

import { idSchema } from "../schemas.ts";

export { idParams, idSchema } from "../schemas.ts";
export const kindSchema = z.enum(ORG_KINDS);

export const orgNameSchema = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(200, "must be at most 200 characters")
  .refine((s) => !s.includes(PATH_SEPARATOR), `must not contain "${PATH_SEPARATOR}"`);
export const regionCodeSchema = z
  .string()
  .trim()
  .regex(/^\d{6}(\d{3}(\d{3})?)?$/, "must be a 6-, 9- or 12-digit region code (GB/T 2260), e.g. 370900");

export const orgSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  kind: kindSchema,
  parentId: z.number().int().nullable(),
  regionCode: z.string(),
  isRegionOffice: z
    .boolean()
    .describe("Receives the measures a plan hands down to its region (its IP office / market-regulation bureau)"),
  rowVersion: z.number().int().describe("Send it back with PATCH; a stale one gets 409"),
  aliases: z.array(z.object({ id: z.number().int(), alias: z.string() })),
});

export function presentOrg(org: Org): z.input<typeof orgSchema> {
  return {
    id: org.id,
    name: org.name,
    kind: org.kind,
    parentId: org.parentId,
    regionCode: org.regionCode,
    isRegionOffice: org.isRegionOffice,
    rowVersion: org.rowVersion,
    aliases: org.aliasEntries,
  };
}

export const newOrgSchema = z.object({
  name: orgNameSchema,
  kind: kindSchema,
  parentId: idSchema.nullable().describe("null: a top-level org (admins only)"),
  regionCode: regionCodeSchema,
  isRegionOffice: z.boolean().default(false),
});

export const orgPatchSchema = z
  .object({
    rowVersion: z.number().int().positive().describe("The rowVersion you last read (optimistic lock)"),
    name: orgNameSchema.optional(),
    kind: kindSchema.optional(),
    parentId: idSchema.nullable().optional().describe("Move the org; null makes it top-level (admins only)"),
    regionCode: regionCodeSchema.optional(),
    isRegionOffice: z.boolean().optional(),
  })
  .refine(
    ({ rowVersion: _, ...patch }) => Object.values(patch).some((v) => v !== undefined),
    "give at least one field to change besides rowVersion",
  );

export const groupSchema = z.object({
  id: z.number().int(),
  ownerOrgId: z.number().int().describe("The org from whose point of view the printed name means these members"),
  name: z.string(),
  members: z.array(z.object({ id: z.number().int(), name: z.string() })),
});

export function presentGroup(group: OrgGroup): z.input<typeof groupSchema> {
  return { id: group.id, ownerOrgId: group.ownerOrgId, name: group.name, members: group.members };
}
