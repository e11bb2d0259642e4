// Checks that a value is a well-formed ParsedPlan, whatever its content. Robustness tests feed the
// parser garbage; a plan it returns may be empty or silly, but it must never be malformed, since the
// tracker stores it without further checks.

const ROLES = new Set(["lead", "support", "owner"]);
const SCOPES = new Set(["issuer", "all-subordinates", "some-subordinates"]);
const OPS = new Set([">=", ">", "=", "<=", "range"]);
const FORMATS = new Set(["txt", "docx", "xlsx", "html", "pdf"]);

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const isStringOrNull = (v: unknown): boolean => v === null || typeof v === "string";

/** yyyy-mm-dd naming a real calendar day ("2021-02-30" is a parser bug, not a date). */
export function isIsoDate(v: unknown): boolean {
  if (typeof v !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

function unitProblems(u: unknown, at: string): string[] {
  if (!isObj(u)) return [`${at}: not an object`];
  const out: string[] = [];
  if (typeof u.name !== "string" || u.name.length === 0) out.push(`${at}.name: empty or not a string`);
  if (!ROLES.has(u.role as string)) out.push(`${at}.role: ${JSON.stringify(u.role)}`);
  if (typeof u.fanout !== "boolean") out.push(`${at}.fanout: not a boolean`);
  return out;
}

function deadlineProblems(d: unknown, at: string): string[] {
  if (d === null) return [];
  if (!isObj(d)) return [`${at}: not an object or null`];
  const out: string[] = [];
  if (typeof d.raw !== "string") out.push(`${at}.raw: not a string`);
  if (d.due !== null && !isIsoDate(d.due)) out.push(`${at}.due: ${JSON.stringify(d.due)} is not null or yyyy-mm-dd`);
  if (typeof d.ongoing !== "boolean") out.push(`${at}.ongoing: not a boolean`);
  return out;
}

function measureProblems(m: unknown, at: string): string[] {
  if (!isObj(m)) return [`${at}: not an object`];
  const out: string[] = [];
  if (typeof m.text !== "string" || m.text.length === 0) out.push(`${at}.text: empty or not a string`);
  if (m.scope !== null && !SCOPES.has(m.scope as string)) out.push(`${at}.scope: ${JSON.stringify(m.scope)}`);
  if (!Array.isArray(m.units)) out.push(`${at}.units: not an array`);
  else out.push(...m.units.flatMap((u, i) => unitProblems(u, `${at}.units[${i}]`)));
  out.push(...deadlineProblems(m.deadline, `${at}.deadline`));
  return out;
}

function taskProblems(t: unknown, at: string): string[] {
  if (!isObj(t)) return [`${at}: not an object`];
  const out: string[] = [];
  if (typeof t.key !== "string" || t.key.length === 0) out.push(`${at}.key: empty or not a string`);
  if (typeof t.title !== "string") out.push(`${at}.title: not a string`);
  if (!Array.isArray(t.measures)) out.push(`${at}.measures: not an array`);
  else out.push(...t.measures.flatMap((m, i) => measureProblems(m, `${at}.measures[${i}]`)));
  return out;
}

function indicatorProblems(x: unknown, at: string): string[] {
  if (!isObj(x)) return [`${at}: not an object`];
  const out: string[] = [];
  if (typeof x.name !== "string") out.push(`${at}.name: not a string`);
  if (!OPS.has(x.op as string)) out.push(`${at}.op: ${JSON.stringify(x.op)}`);
  if (!Number.isFinite(x.target)) out.push(`${at}.target: ${String(x.target)} is not a finite number`);
  if (x.op === "range" && !Number.isFinite(x.targetHigh)) out.push(`${at}.targetHigh: a range needs a high end`);
  if (typeof x.unit !== "string") out.push(`${at}.unit: not a string`);
  if (!isStringOrNull(x.by)) out.push(`${at}.by: not a string or null`);
  return out;
}

function metaProblems(p: Obj): string[] {
  const out: string[] = [];
  if (typeof p.title !== "string") out.push("title: not a string");
  for (const f of ["docNumber", "issuer"] as const) if (!isStringOrNull(p[f])) out.push(`${f}: not a string or null`);
  if (p.issuedOn !== null && !isIsoDate(p.issuedOn)) out.push(`issuedOn: ${JSON.stringify(p.issuedOn)}`);
  const period = p.period;
  if (period !== null) {
    if (!isObj(period) || !Number.isInteger(period.from) || !Number.isInteger(period.to)) {
      out.push(`period: ${JSON.stringify(period)}`);
    } else if ((period.from as number) > (period.to as number)) out.push(`period: from after to`);
  }
  if (!FORMATS.has(p.format as string)) out.push(`format: ${JSON.stringify(p.format)}`);
  return out;
}

/** Every way the value falls short of the ParsedPlan contract; empty when it is well formed. */
export function planShapeProblems(plan: unknown): string[] {
  if (!isObj(plan)) return ["plan: not an object"];
  const out = metaProblems(plan);
  if (!Array.isArray(plan.tasks)) out.push("tasks: not an array");
  else out.push(...plan.tasks.flatMap((t, i) => taskProblems(t, `tasks[${i}]`)));
  if (!Array.isArray(plan.indicators)) out.push("indicators: not an array");
  else out.push(...plan.indicators.flatMap((x, i) => indicatorProblems(x, `indicators[${i}]`)));
  if (!Array.isArray(plan.warnings)) out.push("warnings: not an array");
  try {
    JSON.stringify(plan);
  } catch (error) {
    out.push(`plan: not serialisable as JSON (${String(error)})`);
  }
  return out;
}
