import { openStore } from "./src/store/db.ts";
import { listAssignments } from "./src/services/assignments/assignments.ts";
import { sql } from "kysely";
const store = await openStore({ url: "postgres://postgres@127.0.0.1:55432/luoshi_bench_national" });
await store.db.connection().execute(async (c) => {
  await sql`load 'auto_explain'`.execute(c);
  await sql`set auto_explain.log_min_duration = 50`.execute(c);
  await sql`set auto_explain.log_analyze = on`.execute(c);
  await sql`set client_min_messages = log`.execute(c);
  await sql`set auto_explain.log_level = log`.execute(c);
  const r = await listAssignments(c, { q: "知识产权", limit: 25 }, "2025-06-16");
  console.log(r.total);
});
await store.close();
