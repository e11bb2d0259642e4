// The parsing worker's message loop: one job at a time, its result or its failure posted back.
import { parentPort } from "node:worker_threads";
import { type ParseJob, runJob, toFailure } from "./jobs.ts";

export type JobRequest = { id: number; job: ParseJob };
export type JobReply =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; failure: ReturnType<typeof toFailure> };

const port = parentPort;
if (!port) throw new Error("parsing/worker.ts runs only as a worker thread");
port.on("message", async ({ id, job }: JobRequest) => {
  let reply: JobReply;
  try {
    reply = { id, ok: true, value: await runJob(job) };
  } catch (error) {
    reply = { id, ok: false, failure: toFailure(error) };
  }
  port.postMessage(reply);
});
port.postMessage({ ready: true });
