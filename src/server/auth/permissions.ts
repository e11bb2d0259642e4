// Moved to services/access/ (usable by services, CLI and jobs). This re-export keeps routes written
// against the old path compiling; import from "../../services/access/index.ts" instead.
export * from "../../services/access/index.ts";
