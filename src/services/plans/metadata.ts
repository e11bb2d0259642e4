// A plan's document metadata — title, 文号, issuer, date of issue, period — as a person corrects it: in the
// import wizard before the plan is written, or later in the plan settings. The parser reads these from the
// document and can get them wrong (a publication note glued to the title, a period it could not find);
// whatever a person enters is checked here, the same way for both paths.
import type { ParsedPlan } from "../../parse/types.ts";
import { InputError } from "../../store/errors.ts";

export type PlanMetadata = {
  title: string;
  docNumber: string | null;
  issuer: string | null;
  issuedOn: string | null;
  periodFrom: number | null;
  periodTo: number | null;
};

/** The fields to change; null clears an optional one (the title cannot be cleared). */
export type PlanMetadataPatch = Partial<PlanMetadata>;

export const METADATA_FIELDS = ["title", "docNumber", "issuer", "issuedOn", "periodFrom", "periodTo"] as const;
export const TITLE_MAX_LENGTH = 200;
const TEXT_MAX_LENGTH = 100;
export const MIN_YEAR = 1949;
export const MAX_YEAR = 2100;

function optionalText(value: string | null, field: string, max: number): string | null {
  if (value === null) return null;
  const trimmed = value.trim();
  if (trimmed.length > max) throw new InputError(`${field} must be at most ${max} characters`, field);
  return trimmed === "" ? null : trimmed;
}

function isCalendarDay(day: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return false;
  const parsed = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(day);
}

function year(value: number | null, field: string): number | null {
  if (value === null) return null;
  if (!Number.isInteger(value) || value < MIN_YEAR || value > MAX_YEAR)
    throw new InputError(`${field} must be a year from ${MIN_YEAR} to ${MAX_YEAR}`, field);
  return value;
}

/** `current` with `patch` applied, each field checked and normalised (trimmed; empty text is null). */
export function applyMetadata(current: PlanMetadata, patch: PlanMetadataPatch): PlanMetadata {
  const merged = { ...current, ...patch };
  const title = merged.title.replace(/\s+/g, " ").trim();
  if (title === "") throw new InputError("title must not be empty", "title");
  if (title.length > TITLE_MAX_LENGTH)
    throw new InputError(`title must be at most ${TITLE_MAX_LENGTH} characters`, "title");
  const issuedOn = merged.issuedOn === null || merged.issuedOn.trim() === "" ? null : merged.issuedOn.trim();
  if (issuedOn !== null && !isCalendarDay(issuedOn))
    throw new InputError("issuedOn must be a real date like 2025-03-31", "issuedOn");
  const periodFrom = year(merged.periodFrom, "periodFrom");
  const periodTo = year(merged.periodTo, "periodTo");
  if ((periodFrom === null) !== (periodTo === null))
    throw new InputError(
      "give both periodFrom and periodTo (the plan's first and last year), or neither",
      periodFrom === null ? "periodFrom" : "periodTo",
    );
  if (periodFrom !== null && periodTo !== null && periodTo < periodFrom)
    throw new InputError(`periodTo (${periodTo}) must not be before periodFrom (${periodFrom})`, "periodTo");
  return {
    title,
    docNumber: optionalText(merged.docNumber, "docNumber", TEXT_MAX_LENGTH),
    issuer: optionalText(merged.issuer, "issuer", TITLE_MAX_LENGTH),
    issuedOn,
    periodFrom,
    periodTo,
  };
}

/** Whether the patch names any metadata field. */
export const touchesMetadata = (patch: PlanMetadataPatch): boolean =>
  METADATA_FIELDS.some((f) => patch[f] !== undefined);

/** The parsed plan with a person's corrections to its metadata, checked; unchanged without any. */
export function correctParsedPlan(plan: ParsedPlan, patch: PlanMetadataPatch | undefined): ParsedPlan {
  if (!patch || !touchesMetadata(patch)) return plan;
  const fixed = inImport(() =>
    applyMetadata(
      {
        title: plan.title,
        docNumber: plan.docNumber,
        issuer: plan.issuer,
        issuedOn: plan.issuedOn,
        periodFrom: plan.period?.from ?? null,
        periodTo: plan.period?.to ?? null,
      },
      patch,
    ),
  );
  return {
    ...plan,
    title: fixed.title,
    docNumber: fixed.docNumber,
    issuer: fixed.issuer,
    issuedOn: fixed.issuedOn,
    period:
      fixed.periodFrom === null || fixed.periodTo === null ? null : { from: fixed.periodFrom, to: fixed.periodTo },
  };
}

/** At import the corrections travel as the request's `metadata`, so a problem names that field. */
function inImport<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof InputError) throw new InputError(error.message, `metadata.${error.field}`);
    throw error;
  }
}
