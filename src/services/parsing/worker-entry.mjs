// A worker thread starts without the parent's module hooks: register tsx here, so that it loads TypeScript
// whether the server was started by bin/luoshi.mjs (which registers tsx itself) or by `node --import tsx`.
import { register } from "tsx/esm/api";

register();
await import("./worker.ts");
