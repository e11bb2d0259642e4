// Uploaded documents are parsed in worker threads, never on the thread that answers requests: each worker has its
// own heap limit and each job a wall-clock limit, after which the worker is terminated. So a hostile or merely huge
// document costs one worker (and a 422 naming the limit), while health checks and every other request go on.
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { PlanLimitError } from "../../parse/errors.ts";
import { DOCUMENT_LIMITS, formatMs, limitProblem, overLimit } from "../../parse/readers/limits.ts";
import type { OrgSheetRow, TransferFormat } from "../orgs/sheet.ts";
import type { ParseJob, PlanParse } from "./jobs.ts";
import { fromFailure } from "./jobs.ts";
import type { JobReply } from "./worker.ts";

export type PoolOptions = {
  /** Workers running at once; further jobs wait their turn. */
  size: number;
  /** Wall-clock limit per job, from the moment a worker takes it. */
  timeoutMs: number;
  /** Each worker's old-generation heap (V8 resourceLimits); a document that needs more is refused. */
  memoryMb: number;
  /** A worker idle this long is ended, giving back the memory its last document used. */
  idleMs: number;
};

export const POOL_DEFAULTS: Readonly<PoolOptions> = Object.freeze({
  size: Math.max(1, Math.min(2, availableParallelism() - 1)),
  timeoutMs: DOCUMENT_LIMITS.parseMs,
  memoryMb: 768,
  idleMs: 5 * 60_000,
});

const ENTRY = new URL("./worker-entry.mjs", import.meta.url);

type Pending = {
  id: number;
  job: ParseJob;
  timeoutMs: number;
  resolve(value: unknown): void;
  reject(error: Error): void;
};
type Slot = {
  worker: Worker;
  ready: boolean;
  current?: Pending;
  timer?: NodeJS.Timeout;
  idleTimer?: NodeJS.Timeout;
  dead?: boolean;
};

export class ParsePool {
  private readonly options: PoolOptions;
  private readonly slots = new Set<Slot>();
  private readonly idle: Slot[] = [];
  private readonly queue: Pending[] = [];
  private nextId = 1;

  constructor(options: Partial<PoolOptions> = {}) {
    this.options = { ...POOL_DEFAULTS, ...options };
  }

  /** Workers alive now (busy or idle). */
  get workers(): number {
    return this.slots.size;
  }

  /** Runs the job on the next free worker; `timeoutMs` overrides the pool's time limit for this job. */
  run(job: ParseJob, options: { timeoutMs?: number } = {}): Promise<unknown> {
    const timeoutMs = options.timeoutMs ?? this.options.timeoutMs;
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, job, timeoutMs, resolve, reject });
      this.pump();
    });
  }

  /** Starts the workers ahead of the first upload (a worker takes a second or two to load the readers). */
  warm(): void {
    while (this.slots.size < this.options.size) this.toIdle(this.spawn());
  }

  async close(): Promise<void> {
    const slots = [...this.slots];
    this.slots.clear();
    this.idle.length = 0;
    const closed = new Error("the parsing pool was closed");
    for (const pending of this.queue.splice(0)) pending.reject(closed);
    for (const slot of slots) {
      slot.dead = true;
      clearTimeout(slot.timer);
      clearTimeout(slot.idleTimer);
      slot.current?.reject(closed);
      slot.current = undefined;
    }
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }

  private pump(): void {
    while (this.queue.length > 0) {
      const slot = this.idle.pop() ?? (this.slots.size < this.options.size ? this.spawn() : undefined);
      if (!slot) return;
      const pending = this.queue.shift() as Pending;
      clearTimeout(slot.idleTimer);
      slot.current = pending;
      slot.worker.ref();
      if (slot.ready) this.startClock(slot);
      slot.worker.postMessage({ id: pending.id, job: pending.job });
    }
  }

  /** The time limit runs from when a loaded worker has the job: loading the readers is not the document's cost. */
  private startClock(slot: Slot): void {
    const pending = slot.current;
    if (!pending) return;
    slot.timer = setTimeout(() => this.fail(slot, timeoutError(pending)), pending.timeoutMs);
  }

  private spawn(): Slot {
    const worker = new Worker(ENTRY, {
      // Not the parent's flags (node --test, --import tsx): the entry registers tsx itself.
      execArgv: [],
      resourceLimits: { maxOldGenerationSizeMb: this.options.memoryMb, maxYoungGenerationSizeMb: 32 },
    });
    const slot: Slot = { worker, ready: false };
    this.slots.add(slot);
    worker.unref();
    worker.on("message", (reply: JobReply | { ready: true }) => {
      if (!("id" in reply)) {
        slot.ready = true;
        this.startClock(slot);
        return;
      }
      if (slot.current?.id !== reply.id) return;
      const pending = slot.current;
      this.release(slot);
      if (reply.ok) pending.resolve(reply.value);
      else pending.reject(fromFailure(reply.failure));
    });
    worker.on("error", (error: Error & { code?: string }) => {
      const job = slot.current?.job;
      this.fail(
        slot,
        job && error.code === "ERR_WORKER_OUT_OF_MEMORY"
          ? new PlanLimitError(
              job.fileName,
              "parse memory",
              limitProblem("parse memory", "解析内存", `${this.options.memoryMb} MB`, null),
            )
          : error,
      );
    });
    worker.on("exit", (code) => this.fail(slot, new Error(`the parsing worker stopped (exit code ${code})`)));
    return slot;
  }

  /** The job is done: the worker goes back to the idle list and the next job may start. */
  private release(slot: Slot): void {
    clearTimeout(slot.timer);
    slot.current = undefined;
    slot.worker.unref();
    if (!slot.dead) this.toIdle(slot);
    this.pump();
  }

  private toIdle(slot: Slot): void {
    this.idle.push(slot);
    slot.idleTimer = setTimeout(() => this.fail(slot, new Error("idle")), this.options.idleMs).unref();
  }

  /** The worker is lost (timed out, out of memory, crashed): its job fails with `error`, a new worker takes over. */
  private fail(slot: Slot, error: Error): void {
    if (slot.dead) return;
    slot.dead = true;
    clearTimeout(slot.timer);
    clearTimeout(slot.idleTimer);
    this.slots.delete(slot);
    const at = this.idle.indexOf(slot);
    if (at >= 0) this.idle.splice(at, 1);
    const pending = slot.current;
    slot.current = undefined;
    void slot.worker.terminate();
    pending?.reject(error);
    this.pump();
  }
}

function timeoutError({ job, timeoutMs }: Pending): PlanLimitError {
  return overLimit(
    job.fileName,
    { ...DOCUMENT_LIMITS, parseMs: timeoutMs },
    "parseMs",
    `still parsing after ${formatMs(timeoutMs)}`,
  );
}

let shared: ParsePool | undefined;

/** The process's pool, made on first use. */
export function parsingPool(): ParsePool {
  shared ??= new ParsePool();
  return shared;
}

/** Replaces the process's pool (tests use a short time limit); the old one's workers are ended. */
export async function replaceParsingPool(pool: ParsePool): Promise<void> {
  const old = shared;
  shared = pool;
  await old?.close();
}

/** Reads and parses an uploaded plan document in a worker: the ParsedPlan and the blocks it was read from. */
export async function parsePlanUpload(
  bytes: Uint8Array,
  fileName: string,
  options: { year?: number } = {},
): Promise<PlanParse> {
  const job: ParseJob = {
    kind: "plan",
    bytes,
    fileName,
    ...(options.year === undefined ? {} : { year: options.year }),
  };
  return (await parsingPool().run(job)) as PlanParse;
}

/** Reads and checks every row of an uploaded org directory sheet in a worker. */
export async function readOrgSheetUpload(
  bytes: Uint8Array,
  format: TransferFormat,
  fileName: string,
): Promise<OrgSheetRow[]> {
  return (await parsingPool().run({ kind: "orgSheet", bytes, format, fileName })) as OrgSheetRow[];
}
