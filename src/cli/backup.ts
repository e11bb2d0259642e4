// `luoshi backup FILE` and `luoshi restore FILE`: a full logical export of the database, and its
// restore into an empty one (a new LUOSHI_DATA directory or an empty PostgreSQL database).
import { chmod, readFile, writeFile } from "node:fs/promises";
import { backup, restore } from "../store/backup.ts";
import { storeFromEnv } from "../store/db.ts";
import { ConflictError, InputError } from "../store/errors.ts";
import { UsageError } from "./usage-error.ts";

export async function runBackup(args: string[]): Promise<number> {
  const [file, ...extra] = args.filter((a) => a !== "--debug");
  if (!file || extra.length > 0) throw new UsageError("backup: name exactly one FILE to write");
  const store = await storeFromEnv();
  try {
    const bytes = await backup(store.db);
    // The backup holds password and session hashes: readable by its owner only, even when it replaces
    // an older file (whose mode writeFile would keep).
    await writeFile(file, bytes, { mode: 0o600 });
    await chmod(file, 0o600);
    process.stdout.write(`wrote ${file} (${bytes.length} bytes)\n`);
    return 0;
  } finally {
    await store.close();
  }
}

export async function runRestore(args: string[]): Promise<number> {
  const [file, ...extra] = args.filter((a) => a !== "--debug");
  if (!file || extra.length > 0) throw new UsageError("restore: name exactly one backup FILE to read");
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch {
    process.stderr.write(`luoshi: ${file}: no such file or not readable\n`);
    return 2;
  }
  const store = await storeFromEnv();
  try {
    const counts = await restore(store.db, bytes);
    const rows = Object.values(counts).reduce((a, b) => a + b, 0);
    process.stdout.write(
      `restored ${rows} rows from ${file} (${counts.plans ?? 0} plans, ${counts.assignments ?? 0} assignments)\n`,
    );
    return 0;
  } catch (error) {
    if (!(error instanceof InputError || error instanceof ConflictError)) throw error;
    process.stderr.write(`luoshi: ${file}: ${error.message} (nothing restored)\n`);
    return 2;
  } finally {
    await store.close();
  }
}
