import type { SourceDocument } from "../blocks.ts";
import type { ParsedPlan, ParseOptions } from "../types.ts";

export function parseDocument(doc: SourceDocument, _options: ParseOptions = {}): ParsedPlan {
  return {
    title: "",
    docNumber: null,
    issuer: null,
    issuedOn: null,
    period: null,
    tasks: [],
    indicators: [],
    warnings: [],
    format: doc.format,
  };
}
