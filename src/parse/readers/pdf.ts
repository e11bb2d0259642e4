import type { SourceDocument } from "../blocks.ts";
export async function readPdf(_bytes: Uint8Array, _fileName: string): Promise<SourceDocument> {
  return { format: "pdf", blocks: [] };
}
