// One process at a time on an embedded data directory. PGlite is a single-process database: a second
// process opening the same directory writes its own copy of the pages, and whichever closes last wins
// (acknowledged writes of the other are lost). So the directory carries a lock file, taken before PGlite
// opens it and naming the holder; a lock whose process is gone (kill -9, a crash) is replaced.
import { linkSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join, resolve } from "node:path";

export const LOCK_FILE = "luoshi.lock";

export type LockHolder = { pid: number; host: string; startedAt: string; command: string };

/** Another live process holds the data directory. */
export class DataDirLockedError extends Error {
  override name = "DataDirLockedError";
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder,
  ) {
    const where = holder.host === hostname() ? "" : ` on host ${holder.host}`;
    super(
      `the data directory ${dataDir} is in use by process ${holder.pid}${where} (${holder.command || "luoshi"}, ` +
        `since ${holder.startedAt}). Stop that server first, or make the change through the running server's ` +
        `API or web app. If no such process runs any more, remove ${join(dataDir, LOCK_FILE)}. ` +
        `/ 数据目录 ${dataDir} 正被进程 ${holder.pid} 使用：请先停止该服务器，或通过正在运行的服务器的 API 或网页完成此操作。`,
    );
  }
}

export type DataDirLock = { path: string; release(): void };

/** Takes the lock of dataDir (which must exist) or throws DataDirLockedError naming the holder. */
export function lockDataDir(dataDir: string): DataDirLock {
  const dir = resolve(dataDir);
  const path = join(dir, LOCK_FILE);
  const me: LockHolder = {
    pid: process.pid,
    host: hostname(),
    startedAt: new Date().toISOString(),
    command: process.argv.slice(2, 3).join(" ") ? `luoshi ${process.argv[2]}` : "luoshi",
  };
  const mine = `${path}.${process.pid}`;
  writeFileSync(mine, `${JSON.stringify(me)}\n`, { mode: 0o600 });
  try {
    // Two tries: the second after setting a stale lock aside; a live holder found either time is final.
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        // link() creates the lock with its content in one step, only if absent: two processes starting
        // at once cannot both win, and nobody ever reads a half-written lock.
        linkSync(mine, path);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
        const holder = readHolder(path);
        if (holder && isAlive(holder)) throw new DataDirLockedError(dir, holder);
        setAsideStale(path, dir);
        continue;
      }
      return ownLock(path, me);
    }
  } finally {
    rmSync(mine, { force: true });
  }
  const holder = readHolder(path);
  throw new DataDirLockedError(dir, holder ?? { pid: 0, host: "?", startedAt: "?", command: "" });
}

/** Moves a stale lock out of the way; if a live process took the lock meanwhile, puts it back. */
function setAsideStale(path: string, dir: string): void {
  const aside = `${path}.stale.${process.pid}`;
  try {
    renameSync(path, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return; // someone else set it aside
    throw error;
  }
  const moved = readHolder(aside);
  if (moved && isAlive(moved)) {
    try {
      linkSync(aside, path);
    } finally {
      rmSync(aside, { force: true });
    }
    throw new DataDirLockedError(dir, moved);
  }
  rmSync(aside, { force: true });
}

function ownLock(path: string, me: LockHolder): DataDirLock {
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    // Only our own lock: never remove one a later process took over after judging ours stale.
    const holder = readHolder(path);
    if (holder?.pid === me.pid && holder.startedAt === me.startedAt) rmSync(path, { force: true });
  };
  process.once("exit", release);
  return {
    path,
    release: () => {
      process.removeListener("exit", release);
      release();
    },
  };
}

function readHolder(path: string): LockHolder | null {
  try {
    const parsed = JSON.parse(readFileSync(path, "utf8")) as Partial<LockHolder>;
    if (typeof parsed.pid !== "number") return null;
    return {
      pid: parsed.pid,
      host: String(parsed.host ?? ""),
      startedAt: String(parsed.startedAt ?? ""),
      command: String(parsed.command ?? ""),
    };
  } catch {
    // Unreadable or half-written (the holder died between create and write): treat as stale.
    return null;
  }
}

function isAlive(holder: LockHolder): boolean {
  // A process on another host (a shared network directory) cannot be checked from here: assume alive.
  if (holder.host !== hostname()) return true;
  if (holder.pid === process.pid) return true;
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
