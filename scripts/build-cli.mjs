// Builds the CLI and server (src/) into dist/ with esbuild, so `luoshi` starts without compiling TypeScript.
// Run by `npm install` (prepare) and by bin/luoshi.mjs whenever a source is newer than the build.
//
// Layout: each build is a directory of its own, dist/b-<time>-<pid>/, holding main.js, one main-less
// chunk per lazily loaded command, and one <name>.js per `src/**/*.worker.ts` (a worker thread's script);
// dist/current.json names the current one and the sources it was made from. A build never changes once
// written, so a process starting while another rebuilds still loads a whole, consistent build.
//
// Bundled modules see `import.meta.url` and `import.meta.dirname` of their source file, so files read
// beside a source (migrations, the reference directory, the seeds, web/dist) are found where they are.
// Packages stay external: native and wasm ones (PGlite, jieba, pdfjs) load from node_modules as usual.
// A worker script is located with `globalThis.__LUOSHI_DIST__` (the current build's URL, set in every
// built file): `new URL("parse.worker.js", globalThis.__LUOSHI_DIST__)`, else the .ts source under tsx.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const ROOT = fileURLToPath(new URL("..", import.meta.url));
const SRC = join(ROOT, "src");
const DIST = join(ROOT, "dist");
const CURRENT = join(DIST, "current.json");
/** Files whose change makes a build stale besides the sources: this script. */
const BUILD_INPUTS = [fileURLToPath(import.meta.url)];

/** The newest modification time and the number of the build's inputs (sources under src/ but tests). */
export function sourceState() {
  let newest = 0;
  let files = 0;
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (!entry.name.endsWith(".test.ts")) {
        files += 1;
        newest = Math.max(newest, statSync(path).mtimeMs);
      }
    }
  };
  walk(SRC);
  for (const path of BUILD_INPUTS) newest = Math.max(newest, statSync(path).mtimeMs);
  return { newest, files };
}

/** The current build's main.js when it was made from the sources as they are now; otherwise null. */
export function currentBuild(state = sourceState()) {
  let current;
  try {
    current = JSON.parse(readFileSync(CURRENT, "utf8"));
  } catch {
    return null;
  }
  if (current.newest !== state.newest || current.files !== state.files) return null;
  const main = join(DIST, current.build, "main.js");
  try {
    statSync(main);
  } catch {
    return null;
  }
  return main;
}

function workerEntries(dir = SRC, out = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) workerEntries(path, out);
    else if (entry.name.endsWith(".worker.ts")) out.push(path);
  }
  return out;
}

/** Rewrites a source's import.meta.url/dirname to its source file's, relative to the built file. */
const sourceMeta = (outDir) => ({
  name: "source-import-meta",
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, (args) => {
      const text = readFileSync(args.path, "utf8");
      if (!text.includes("import.meta.")) return { contents: text, loader: "ts" };
      // Every built file sits directly in outDir, so the source's place is the same from each of them.
      const file = relative(outDir, args.path).split("\\").join("/");
      const dir = relative(outDir, dirname(args.path)).split("\\").join("/");
      const contents = text
        .replaceAll("import.meta.url", `new URL(${JSON.stringify(file)}, import.meta.url).href`)
        .replaceAll("import.meta.dirname", `__luoshiJoin(import.meta.dirname, ${JSON.stringify(dir)})`)
        .replaceAll("import.meta.filename", `__luoshiJoin(import.meta.dirname, ${JSON.stringify(file)})`);
      return { contents, loader: "ts" };
    });
  },
});

/** Builds src/ into a new directory under dist/ and makes it the current build; returns its main.js. */
export async function buildCli({ quiet = false } = {}) {
  const started = performance.now();
  const state = sourceState();
  const { build } = await import("esbuild");
  const name = `b-${Date.now().toString(36)}-${process.pid}`;
  const outDir = join(DIST, name);
  const tmpDir = join(DIST, `.${name}`);
  mkdirSync(tmpDir, { recursive: true });
  try {
    await build({
      absWorkingDir: ROOT,
      entryPoints: [
        { in: join(SRC, "cli", "main.ts"), out: "main" },
        ...workerEntries().map((path) => ({
          in: path,
          out: relative(SRC, path).replace(/\.ts$/, "").split(/[\\/]/).join("-"),
        })),
      ],
      outdir: tmpDir,
      bundle: true,
      splitting: true,
      format: "esm",
      platform: "node",
      target: "node20",
      packages: "external",
      entryNames: "[name]",
      chunkNames: "chunk-[hash]",
      sourcemap: "linked",
      logLevel: quiet ? "error" : "warning",
      banner: {
        js: [
          'import { join as __luoshiJoin } from "node:path";',
          'globalThis.__LUOSHI_DIST__ ??= new URL("./", import.meta.url).href;',
        ].join("\n"),
      },
      plugins: [sourceMeta(outDir)],
    });
    renameSync(tmpDir, outDir);
  } catch (error) {
    rmSync(tmpDir, { recursive: true, force: true });
    throw error;
  }
  const record = `${CURRENT}.${process.pid}`;
  writeFileSync(record, `${JSON.stringify({ build: name, ...state })}\n`);
  renameSync(record, CURRENT);
  removeOldBuilds(name);
  if (!quiet)
    console.log(
      `Built the CLI and server into ${relative(ROOT, outDir)} in ${Math.round(performance.now() - started)} ms.`,
    );
  return join(outDir, "main.js");
}

/**
 * Removes all but the current and the three newest other builds, and none younger than ten minutes: a server
 * started on an older build may still start a worker from it, and a process starting now may be loading one.
 */
function removeOldBuilds(keep) {
  const cutoff = Date.now() - 10 * 60_000;
  const builds = readdirSync(DIST, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && entry.name !== keep && /^\.?b-/.test(entry.name))
    .map((entry) => ({ path: join(DIST, entry.name), time: statSync(join(DIST, entry.name)).mtimeMs }))
    .sort((a, b) => b.time - a.time);
  for (const build of builds.slice(3)) if (build.time < cutoff) rmSync(build.path, { recursive: true, force: true });
}

// `node scripts/build-cli.mjs`: build now (npm's prepare), unless the current build is up to date.
if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const force = process.argv.includes("--force");
  if (force || !currentBuild()) await buildCli();
}
