// `luoshi serve [--port N] [--host H]`: runs the HTTP server until SIGINT/SIGTERM.
import { parseArgs } from "node:util";
import { deliveryFromEnv } from "../jobs/delivery.ts";
import { startScheduler } from "../jobs/scheduler.ts";
import { PublicUrlError, parsePublicUrl } from "../server/public-url.ts";
import { startServer } from "../server/serve.ts";
import { webRootIfBuilt } from "../server/web.ts";
import { storeFromEnv } from "../store/db.ts";
import { loadDemoOnceAndPrint } from "./demo.ts";
import { timeZoneOfEnv } from "./time-zone.ts";
import { UsageError } from "./usage-error.ts";

export async function runServe(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let values: { port?: string | undefined; host?: string | undefined; demo?: boolean | undefined };
  try {
    ({ values } = parseArgs({
      args,
      options: {
        port: { type: "string" },
        host: { type: "string" },
        demo: { type: "boolean" },
        debug: { type: "boolean" },
      },
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const portText = values.port ?? env.PORT ?? "8080";
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`the port must be a number from 0 to 65535, not "${portText}"`);
  const host = values.host ?? env.HOST ?? "127.0.0.1";
  const timeZone = timeZoneOfEnv(env);
  let publicUrl: string | null;
  try {
    publicUrl = parsePublicUrl(env.LUOSHI_PUBLIC_URL);
  } catch (error) {
    if (error instanceof PublicUrlError) throw new UsageError(error.message);
    throw error;
  }
  // A line per start-up step: the first start (a new database, the demo) takes a while and should say why.
  const step = async <T>(what: string, run: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    console.log(`${what}…`);
    const result = await run();
    console.log(`  done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    return result;
  };
  const where = env.DATABASE_URL
    ? "PostgreSQL (DATABASE_URL)"
    : `the embedded database in ${env.LUOSHI_DATA || "./data"}`;
  const store = await step(`Opening ${where} and applying any migrations`, () => storeFromEnv(env));
  // --demo: a first start on an empty database loads the demo, so a newcomer can sign in at once; of several
  // servers starting together on one database only one loads it.
  if (values.demo) await loadDemoOnceAndPrint(store, timeZone);
  const webRoot = webRootIfBuilt(env.LUOSHI_WEB_ROOT);
  if (!webRoot) console.log("The web app is not built (npm run build:web); serving the API only.");
  console.log("Starting the HTTP server…");
  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    server = await startServer({
      store,
      port,
      host,
      config: {
        cookieSecure: env.LUOSHI_SECURE_COOKIES === "1",
        trustProxy: env.LUOSHI_TRUST_PROXY === "1",
        publicUrl,
        logger: { level: env.LOG_LEVEL ?? "info" },
        webRoot,
        timeZone,
      },
    });
  } catch (error) {
    await store.close();
    throw error;
  }
  // The daily supervision run (jobs/daily.ts: reminders, then escalation of unanswered notices) happens once
  // a day across all server processes; each checks every minute.
  const scheduler = startScheduler({ store, delivery: deliveryFromEnv(env), timeZone });
  // Today's run right away rather than a minute after start; saying when it is over tells an operator
  // (and the browser tests) that the start-up work is done.
  scheduler
    .tick()
    .then((ran) => console.log(`Daily supervision ${ran ? "ran" : "had already run"} for today.`))
    .catch((error: unknown) => console.error("scheduler:", error));
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
  await scheduler.stop();
  await server.app.close();
  await store.close();
  return 0;
}
