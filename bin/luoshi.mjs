#!/usr/bin/env node
// The `luoshi` command. Runs the built JavaScript in dist/ (scripts/build-cli.mjs; `npm install` makes it) when
// it was built from the sources as they are now; otherwise rebuilds it first (esbuild, about a second), so the
// build is never stale. If building fails, runs the TypeScript sources through tsx (slower to start) and says
// so. LUOSHI_TSX=1 always runs the sources through tsx.
import { pathToFileURL } from "node:url";
import { buildCli, currentBuild } from "../scripts/build-cli.mjs";

const argv = process.argv.slice(2);
// Stack traces of the built files point into the TypeScript sources.
if (argv.includes("--debug")) process.setSourceMapsEnabled(true);

async function builtEntry() {
  if (process.env.LUOSHI_TSX === "1") return null;
  const current = currentBuild();
  if (current) return current;
  try {
    return await buildCli({ quiet: true });
  } catch (error) {
    const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
    process.stderr.write(`luoshi: could not build dist/ (${reason}); running the sources through tsx instead\n`);
    return null;
  }
}

const entry = await builtEntry();
let main;
if (entry) ({ main } = await import(pathToFileURL(entry).href));
else {
  const { register } = await import("tsx/esm/api");
  register();
  ({ main } = await import("../src/cli/main.ts"));
}
process.exitCode = await main(argv);
