// Evidence files attached to progress reports or to the answer of a supervision notice (minutes, photos,
// signed documents). Kept in the database with their sha256, so a backup holds everything and a download
// can be checked against the upload.
import { createHash } from "node:crypto";
import { extname } from "node:path";
import type { Kysely } from "kysely";
import { writeAudit } from "../../store/audit.ts";
import { InputError, NotFoundError } from "../../store/errors.ts";
import type { Database } from "../../store/schema.ts";

type Db = Kysely<Database>;

export const MAX_EVIDENCE_BYTES = 20 * 1024 * 1024;

// By extension; the stored type is always the canonical one, never what the client claimed, so a
// download can never be served as e.g. text/html.
const TYPES: Record<string, { canonical: string; also: readonly string[] }> = {
  pdf: { canonical: "application/pdf", also: [] },
  docx: { canonical: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", also: [] },
  xlsx: { canonical: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", also: [] },
  doc: { canonical: "application/msword", also: [] },
  xls: { canonical: "application/vnd.ms-excel", also: [] },
  jpg: { canonical: "image/jpeg", also: ["image/jpg", "image/pjpeg"] },
  jpeg: { canonical: "image/jpeg", also: ["image/jpg", "image/pjpeg"] },
  png: { canonical: "image/png", also: [] },
  zip: { canonical: "application/zip", also: ["application/x-zip-compressed", "application/x-zip"] },
  txt: { canonical: "text/plain", also: [] },
};
// What browsers and tools send when they do not know the type; the extension decides then.
const GENERIC = new Set(["application/octet-stream", "binary/octet-stream", ""]);

export const ALLOWED_EXTENSIONS = Object.keys(TYPES);

/** What a file is attached to: a progress report or a notice (its answer). */
export type EvidenceOwner = { reportId: number } | { noticeId: number };

export type EvidenceInput = EvidenceOwner & {
  fileName: string;
  mimeType: string;
  bytes: Uint8Array;
  userId: number | null;
  at?: Date | undefined;
  /** Size limit; tests lower it rather than build 20 MB bodies. */
  maxBytes?: number | undefined;
};

export type Evidence = {
  id: number;
  reportId: number | null;
  noticeId: number | null;
  fileName: string;
  mimeType: string;
  size: number;
  sha256: string;
  uploadedAt: Date;
};

/** Checks name, type and size; returns the type to store. Throws InputError (400 or 413). */
export function checkEvidence(fileName: string, mimeType: string, size: number, maxBytes = MAX_EVIDENCE_BYTES): string {
  const name = fileName.trim();
  if (!name || name.length > 255 || /[\\/\0]/.test(name))
    throw new InputError("give a file name of 1–255 characters without / or \\", "fileName");
  const ext = extname(name).slice(1).toLowerCase();
  const type = TYPES[ext];
  if (!type)
    throw new InputError(
      `files of type ".${ext}" are not accepted; allowed: ${ALLOWED_EXTENSIONS.map((e) => `.${e}`).join(" ")}`,
      "fileName",
    );
  const claimed = (mimeType.split(";")[0] ?? "").trim().toLowerCase();
  if (!GENERIC.has(claimed) && claimed !== type.canonical && !type.also.includes(claimed))
    throw new InputError(
      `content type ${claimed} does not match a .${ext} file (expected ${type.canonical})`,
      "mimeType",
    );
  if (size === 0) throw new InputError("the file is empty", "bytes");
  if (size > maxBytes)
    throw new InputError(
      `the file is ${(size / 1048576).toFixed(1)} MB; evidence files may be at most ${maxBytes / 1048576} MB`,
      "bytes",
      413,
    );
  return type.canonical;
}

export async function addEvidence(db: Db, input: EvidenceInput): Promise<Evidence> {
  const mimeType = checkEvidence(input.fileName, input.mimeType, input.bytes.byteLength, input.maxBytes);
  const sha256 = createHash("sha256").update(input.bytes).digest("hex");
  return db.transaction().execute(async (tx) => {
    const owner =
      "reportId" in input
        ? await tx.selectFrom("progress_reports").select("id").where("id", "=", input.reportId).executeTakeFirst()
        : await tx.selectFrom("notices").select("id").where("id", "=", input.noticeId).executeTakeFirst();
    if (!owner) throw new NotFoundError("reportId" in input ? "No such report." : "No such notice.");
    const row = await tx
      .insertInto("evidence_files")
      .values({
        report_id: "reportId" in input ? input.reportId : null,
        notice_id: "noticeId" in input ? input.noticeId : null,
        file_name: input.fileName.trim(),
        mime_type: mimeType,
        size: input.bytes.byteLength,
        sha256,
        content: Buffer.from(input.bytes),
        ...(input.at ? { uploaded_at: input.at } : {}),
      })
      .returning(["id", "report_id", "notice_id", "file_name", "mime_type", "size", "sha256", "uploaded_at"])
      .executeTakeFirstOrThrow();
    const evidence = toEvidence(row);
    await writeAudit(tx, {
      userId: input.userId,
      action: "evidence.add",
      entity: "evidence_file",
      entityId: row.id,
      after: {
        reportId: evidence.reportId,
        noticeId: evidence.noticeId,
        fileName: evidence.fileName,
        size: evidence.size,
        sha256,
      },
      ...(input.at ? { at: input.at } : {}),
    });
    return evidence;
  });
}

type EvidenceRow = {
  id: number;
  report_id: number | null;
  notice_id: number | null;
  file_name: string;
  mime_type: string;
  size: number;
  sha256: string;
  uploaded_at: Date;
};

function toEvidence(row: EvidenceRow): Evidence {
  return {
    id: row.id,
    reportId: row.report_id,
    noticeId: row.notice_id,
    fileName: row.file_name,
    mimeType: row.mime_type,
    size: row.size,
    sha256: row.sha256,
    uploadedAt: new Date(row.uploaded_at),
  };
}

/**
 * One file with its bytes and, for the permission check, the org owning its report or notice and the
 * measure it is about (a notice's first measure); undefined if there is none.
 */
export async function getEvidence(
  db: Db,
  id: number,
): Promise<(Evidence & { orgId: number; measureId: number; bytes: Buffer }) | undefined> {
  const row = await db
    .selectFrom("evidence_files as e")
    .leftJoin("progress_reports as r", "r.id", "e.report_id")
    .leftJoin("assignments as a", "a.id", "r.assignment_id")
    .leftJoin("notices as n", "n.id", "e.notice_id")
    .select((eb) => [
      eb.fn.coalesce("a.org_id", "n.org_id").as("org_id"),
      eb.fn.coalesce("a.measure_id", "n.measure_id").as("measure_id"),
    ])
    .select([
      "e.id",
      "e.report_id",
      "e.notice_id",
      "e.file_name",
      "e.mime_type",
      "e.size",
      "e.sha256",
      "e.uploaded_at",
      "e.content",
    ])
    .where("e.id", "=", id)
    .executeTakeFirst();
  if (!row || row.org_id === null || row.measure_id === null) return undefined;
  return { ...toEvidence(row), orgId: row.org_id, measureId: row.measure_id, bytes: Buffer.from(row.content) };
}
