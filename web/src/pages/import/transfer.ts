// Sending a plan document to the server: the file read as base64 (the API takes JSON), posted with
// XMLHttpRequest because fetch cannot report upload progress, and the answer typed from the API schema.
import { ApiError, csrfHeaders, type Problem } from "../../api/client.ts";
import type { BodyOf, ResponseOf } from "../../api/types.ts";

export type ImportBody = BodyOf<"/api/plans/import", "post">;
export type Preview = ResponseOf<"/api/plans/preview", "post">;
export type ImportResult = ResponseOf<"/api/plans/import", "post">;
export type ParsedPlan = Preview["plan"];
export type SourceLoc = ParsedPlan["tasks"][number]["source"];

/** The server takes up to 30 MB of JSON; base64 makes a file a third larger. */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;
export const ACCEPTED = ".docx,.xlsx,.pdf,.html,.htm,.txt";

export function readAsBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(",") + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error("the file could not be read"));
    reader.readAsDataURL(file);
  });
}

/** One phase of a request: sending the body (with its fraction) or waiting for the server's answer. */
export type Progress = { phase: "uploading"; fraction: number } | { phase: "processing" };

export function postJson<T>(path: string, body: unknown, onProgress?: (progress: Progress) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", path);
    xhr.setRequestHeader("content-type", "application/json");
    for (const [name, value] of Object.entries(csrfHeaders())) xhr.setRequestHeader(name, value);
    xhr.responseType = "text";
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress?.({ phase: "uploading", fraction: event.loaded / event.total });
    };
    xhr.upload.onload = () => onProgress?.({ phase: "processing" });
    xhr.onerror = () => reject(new Error("network"));
    xhr.onload = () => {
      let payload: unknown;
      try {
        payload = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        payload = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(payload as T);
      else reject(new ApiError(xhr.status, isProblem(payload) ? payload : undefined));
    };
    xhr.send(JSON.stringify(body));
  });
}

function isProblem(value: unknown): value is Problem {
  return typeof value === "object" && value !== null && "title" in value && "status" in value;
}

/** A location as people read it: 第 9 行, 第 2 页 表 1 第 4 行, 工作表“任务清单”第 6 行. */
export function describeLoc(loc: SourceLoc, lang: "zh" | "en"): string {
  const zh = lang === "zh";
  const parts: string[] = [];
  if (loc.sheet !== undefined) parts.push(zh ? `工作表“${loc.sheet}”` : `sheet “${loc.sheet}”`);
  if (loc.page !== undefined) parts.push(zh ? `第 ${loc.page} 页` : `page ${loc.page}`);
  if (loc.table !== undefined) parts.push(zh ? `表 ${loc.table}` : `table ${loc.table}`);
  if (loc.row !== undefined) parts.push(zh ? `第 ${loc.row} 行` : `row ${loc.row}`);
  if (loc.paragraph !== undefined) parts.push(zh ? `第 ${loc.paragraph} 段` : `paragraph ${loc.paragraph}`);
  if (loc.line !== undefined) parts.push(zh ? `第 ${loc.line} 行` : `line ${loc.line}`);
  return parts.join(zh ? " " : ", ");
}

/** The same key the server uses, whatever order the fields came in. */
export const locKey = (loc: SourceLoc): string =>
  JSON.stringify(Object.entries(loc).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
