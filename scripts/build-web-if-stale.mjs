// `npm start` builds the web app first when web/dist is missing or older than its sources, so a fresh clone
// needs only `npm install` and `npm start`.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

const newest = (dir) =>
  readdirSync(dir, { withFileTypes: true }).reduce((latest, entry) => {
    const path = join(dir, entry.name);
    const time = entry.isDirectory() ? newest(path) : statSync(path).mtimeMs;
    return Math.max(latest, time);
  }, 0);

const built = "web/dist/index.html";
const sources = Math.max(newest("web/src"), statSync("web/index.html").mtimeMs, statSync("web/vite.config.ts").mtimeMs);
if (!existsSync(built) || statSync(built).mtimeMs < sources) {
  const started = performance.now();
  console.log("Building the web app into web/dist (once per change of web/; some 15 s)…");
  execFileSync(
    process.execPath,
    ["node_modules/vite/bin/vite.js", "build", "--config", "web/vite.config.ts", "--logLevel", "warn"],
    {
      stdio: "inherit",
    },
  );
  console.log(`  done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
} else console.log("The web app (web/dist) is up to date.");
