// `luoshi demo`: loads the demo data into an empty database and prints the demo logins.
import { dayIn } from "../domain/today.ts";
import { type DemoLogin, isEmpty, loadDemo, loadDemoIfEmpty } from "../services/demo/demo.ts";
import type { Store } from "../store/db.ts";
import { storeFromEnv } from "../store/db.ts";
import { timeZoneOfEnv } from "./time-zone.ts";

export async function runDemo(): Promise<number> {
  const timeZone = timeZoneOfEnv();
  const store = await storeFromEnv();
  try {
    if (!(await isEmpty(store))) {
      process.stderr.write(
        "luoshi: the database already has users; the demo loads only into an empty one (set LUOSHI_DATA to a new directory)\n",
      );
      return 2;
    }
    process.stderr.write("loading demo data (orgs, users, five seed plans, progress)…\n");
    await loadDemoAndPrint(store, timeZone);
    return 0;
  } finally {
    await store.close();
  }
}

/** The demo as of today in `timeZone` (LUOSHI_TIME_ZONE, as the server's today). */
export async function loadDemoAndPrint(store: Store, timeZone: string): Promise<void> {
  process.stderr.write("loading demo data (orgs, users, five seed plans, progress)…\n");
  printLogins(await loadDemo(store, dayIn(timeZone, new Date())));
}

/** serve --demo: the demo on a first start, loaded by one server however many start together. */
export async function loadDemoOnceAndPrint(store: Store, timeZone: string): Promise<void> {
  const logins = await loadDemoIfEmpty(store, dayIn(timeZone, new Date()), () =>
    process.stderr.write("loading demo data (orgs, users, five seed plans, progress)…\n"),
  );
  if (logins) printLogins(logins);
}

function printLogins(logins: DemoLogin[]): void {
  process.stdout.write("demo logins (password for all: luoshi-demo):\n");
  for (const l of logins)
    process.stdout.write(`  ${l.username.padEnd(10)} ${l.role.padEnd(12)} ${l.org} — ${l.what}\n`);
}
