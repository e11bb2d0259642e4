// Runs every *.test.ts under src/ and test/ with node's test runner (through tsx) and closes
// with the plain "N passed, N failed" line CI reads.
import { spawn } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";

function findTests(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (name === "node_modules" || name === "fixtures") continue;
    if (statSync(path).isDirectory()) findTests(path, out);
    else if (name.endsWith(".test.ts")) out.push(path);
  }
  return out;
}

const only = process.argv.slice(2);
const files = only.length > 0 ? only : ["src", "test"].flatMap((d) => findTests(d)).sort();
const child = spawn(
  process.execPath,
  [
    "--import",
    "tsx",
    "--test",
    "--test-reporter=spec",
    "--test-reporter=tap",
    "--test-reporter-destination=stdout",
    "--test-reporter-destination=.test-tap.log",
    ...files,
  ],
  { stdio: ["ignore", "inherit", "inherit"] },
);
child.on("exit", async (code) => {
  const { readFileSync, rmSync } = await import("node:fs");
  let passed = 0;
  let failed = 0;
  try {
    const tap = readFileSync(".test-tap.log", "utf8");
    passed = Number(/^# pass (\d+)/m.exec(tap)?.[1] ?? 0);
    failed = Number(/^# fail (\d+)/m.exec(tap)?.[1] ?? 0);
    rmSync(".test-tap.log");
  } catch {
    failed = failed || 1;
  }
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(code ?? 1);
});
