import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";

/** Writes .br and .gz beside each text asset, so `luoshi serve` sends them without compressing per request. */
function precompress(): Plugin {
  let outDir = "";
  return {
    name: "luoshi-precompress",
    apply: "build",
    configResolved(config) {
      outDir = join(config.root, config.build.outDir);
    },
    closeBundle() {
      const walk = (dir: string): string[] =>
        readdirSync(dir).flatMap((name) => {
          const path = join(dir, name);
          return statSync(path).isDirectory() ? walk(path) : [path];
        });
      for (const path of walk(outDir).filter((p) => /\.(js|css|html|svg|json)$/.test(p))) {
        const bytes = readFileSync(path);
        if (bytes.length < 1024) continue;
        writeFileSync(`${path}.gz`, gzipSync(bytes, { level: 9 }));
        writeFileSync(`${path}.br`, brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
      }
    },
  };
}

// Built into web/dist and served by `luoshi serve`; in development `npm run dev:web` proxies /api to it.
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react(), precompress()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // Route chunks are split by lazy imports; the budget is checked by the e2e run, not by this warning.
    chunkSizeWarningLimit: 2000,
  },
  server: { proxy: { "/api": `http://localhost:${process.env.PORT ?? 8080}` } },
});
