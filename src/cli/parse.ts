import { parseArgs } from "node:util";
import { parsePlanFile } from "../parse/index.ts";
import { formatOutline } from "./outline.ts";
import { UsageError } from "./usage-error.ts";

export async function runParse(args: string[]): Promise<number> {
  let parsed: ReturnType<typeof parseOptions>;
  try {
    parsed = parseOptions(args);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1) throw new UsageError("parse takes exactly one FILE");
  const format = values.format ?? "json";
  if (format !== "json" && format !== "text") throw new UsageError(`--format must be json or text, not "${format}"`);
  let year: number | undefined;
  if (values.year !== undefined) {
    year = Number(values.year);
    if (!Number.isInteger(year) || year < 1949 || year > 2100)
      throw new UsageError(`--year must be a year such as 2024, not "${values.year}"`);
  }
  const plan = await parsePlanFile(positionals[0] as string, year === undefined ? {} : { year });
  process.stdout.write(format === "json" ? `${JSON.stringify(plan, null, 2)}\n` : formatOutline(plan));
  return 0;
}

function parseOptions(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    options: { year: { type: "string" }, format: { type: "string" }, debug: { type: "boolean" } },
  });
}
