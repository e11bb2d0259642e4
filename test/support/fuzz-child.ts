// Runs one robustness property in its own process, so the test can kill it when the parser hangs:
// a synchronous infinite loop would block the test runner's own timers.
//
//   node --import tsx test/support/fuzz-child.ts PROPERTY NUM_RUNS [SEED]
//
// Before each run it writes the input to $LUOSHI_FUZZ_LAST (when set), so a hang leaves the culprit
// behind; on failure it writes the shrunk counterexample next to it and exits 1.
import { writeFileSync } from "node:fs";
import fc from "fast-check";
import { checkOneInput, isPropertyName, properties } from "./fuzz-properties.ts";

const [name = "", runs = "100", seedArg] = process.argv.slice(2);
if (!isPropertyName(name)) {
  console.error(`fuzz-child: unknown property "${name}"`);
  process.exit(2);
}
const lastPath = process.env.LUOSHI_FUZZ_LAST;

const details = await fc.check(
  fc.asyncProperty(properties[name], async (bytes) => {
    if (lastPath) writeFileSync(lastPath, bytes);
    await checkOneInput(bytes);
  }),
  { numRuns: Number(runs), ...(seedArg ? { seed: Number(seedArg) } : {}) },
);

if (details.failed) {
  const [example] = details.counterexample ?? [];
  const saved = lastPath ? `${lastPath}.counterexample` : null;
  if (saved && example) writeFileSync(saved, example);
  const preview = example ? new TextDecoder().decode(example.subarray(0, 200)) : "(none)";
  const reason = details.errorInstance instanceof Error ? details.errorInstance.stack : String(details.errorInstance);
  console.log(
    [
      `property "${name}" failed after ${details.numRuns} runs (seed ${details.seed}, path ${details.counterexamplePath})`,
      `reason: ${reason}`,
      `input: ${example?.length ?? 0} bytes${saved ? `, saved to ${saved}` : ""}`,
      `starts: ${JSON.stringify(preview)}`,
    ].join("\n"),
  );
  process.exit(1);
}
console.log(`property "${name}": ${details.numRuns} runs passed (seed ${details.seed})`);
