// A self-contained, script-free page rendering the OpenAPI document: every endpoint with its roles,
// parameters and schemas. No CDN, so it works on an office network without internet access.
import type { OpenApiDocument } from "./openapi.ts";

const html = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string,
  );

const pre = (value: unknown) => `<pre>${html(JSON.stringify(value, null, 2))}</pre>`;

type Operation = {
  summary?: string;
  description?: string;
  parameters?: { name: string; in: string; required: boolean; schema: unknown; description?: string }[];
  requestBody?: { content: Record<string, { schema: unknown }> };
  responses?: Record<string, { description: string; content?: Record<string, { schema: unknown }> }>;
};

function renderOperation(method: string, path: string, op: Operation): string {
  const params = op.parameters ?? [];
  const paramRows = params
    .map(
      (p) =>
        `<tr><td><code>${html(p.name)}</code></td><td>${p.in}</td><td>${p.required ? "yes" : ""}</td><td><code>${html(JSON.stringify(p.schema))}</code>${p.description ? ` ${html(p.description)}` : ""}</td></tr>`,
    )
    .join("");
  const body = op.requestBody ? Object.values(op.requestBody.content)[0]?.schema : undefined;
  const responses = Object.entries(op.responses ?? {})
    .map(([status, r]) => {
      const [type, media] = Object.entries(r.content ?? {})[0] ?? [];
      const schema = media && type !== "application/problem+json" ? pre(media.schema) : "";
      return `<li><b>${html(status)}</b> ${html(r.description)}${type ? ` <code>${html(type)}</code>` : ""}${schema}</li>`;
    })
    .join("");
  return `<details id="${html(`${method}-${path}`)}"><summary><span class="m ${method}">${method.toUpperCase()}</span> <code>${html(path)}</code> ${html(op.summary ?? "")}</summary>
<p>${html(op.description ?? "").replace(/\n\n/g, "<br>")}</p>
${params.length ? `<h4>Parameters</h4><table><tr><th>name</th><th>in</th><th>required</th><th>schema</th></tr>${paramRows}</table>` : ""}
${body ? `<h4>Request body (application/json)</h4>${pre(body)}` : ""}
<h4>Responses</h4><ul>${responses}</ul></details>`;
}

export function renderDocs(doc: OpenApiDocument): string {
  const sections = Object.entries(doc.paths)
    .flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => renderOperation(method, path, op as Operation)),
    )
    .join("\n");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${html(doc.info.title)} ${html(doc.info.version)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font:14px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
details{border:1px solid #ddd;border-radius:4px;margin:.4rem 0;padding:.3rem .6rem}
summary{cursor:pointer}pre{background:#f6f6f6;padding:.5rem;overflow:auto;font-size:12px}
.m{display:inline-block;min-width:4.2rem;font-weight:bold}.get{color:#0a7}.post{color:#07c}.patch{color:#a60}.delete{color:#c33}.put{color:#a0a}
table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:2px 6px;text-align:left;vertical-align:top}
</style></head><body>
<h1>${html(doc.info.title)} <small>${html(doc.info.version)}</small></h1>
<p>${html(doc.info.description)}</p>
<p>Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI ${html(doc.openapi)}). Errors: ${pre(doc.components.schemas?.Problem)}</p>
${sections}
</body></html>`;
}
