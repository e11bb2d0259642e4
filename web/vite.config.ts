import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// Built into web/dist and served by `luoshi serve`; in development `npm run dev:web` proxies /api to it.
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // Route chunks are split by lazy imports; the budget is checked by the e2e run, not by this warning.
    chunkSizeWarningLimit: 2000,
  },
  server: { proxy: { "/api": `http://localhost:${process.env.PORT ?? 8080}` } },
});
