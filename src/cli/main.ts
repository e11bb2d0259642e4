// `luoshi <command>`: dispatches to one module per command. Returns the process exit code:
// 0 success, 2 bad input or usage, 1 internal error.
import { PlanInputError } from "../parse/errors.ts";
import { DataDirLockedError } from "../store/data-lock.ts";
import { ALIGN_USAGE, runAlign } from "./align.ts";
import { runBackup, runRestore } from "./backup.ts";
import { runDemo } from "./demo.ts";
import { IMPORT_USAGE, runImport } from "./import.ts";
import { ORGS_USAGE, runOrgs } from "./orgs.ts";
import { runParse } from "./parse.ts";
import { runServe } from "./serve.ts";
import { runUser } from "./user.ts";

const USAGE = `usage: luoshi <command> [options]

commands:
  parse FILE [--year Y] [--format json|text] [--debug]   read a plan document and print the parsed plan
${ALIGN_USAGE}${IMPORT_USAGE}${ORGS_USAGE}  user add USERNAME --org ORG --role ROLE [--name N] [--password P]
                                                     create a local account (roles: admin|plan_office|reporter|viewer)
  serve [--port P] [--host H] [--demo]               run the HTTP API (PORT, default 8080); --demo loads the
                                                     demo data on a first start
  demo                                               load the demo data into an empty database
  backup FILE                                        write a full logical backup (gzip JSON lines)
  restore FILE                                       restore a backup into an empty database

environment: LUOSHI_DATA (embedded database directory, default ./data) or DATABASE_URL (PostgreSQL)
`;

import { UsageError } from "./usage-error.ts";

/**
 * A reader that stops early (`luoshi parse plan.docx | head -1`) closes the pipe; the next write fails with EPIPE,
 * which Node raises as an unhandled 'error' event with a stack trace. Output nobody reads is no failure: leave
 * quietly, as Unix tools do.
 */
export function exitQuietlyOnClosedPipe(stream: NodeJS.WriteStream = process.stdout): void {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(0);
    throw error;
  });
}

export async function main(argv: string[]): Promise<number> {
  exitQuietlyOnClosedPipe();
  const [command, ...rest] = argv;
  const debug = rest.includes("--debug");
  try {
    switch (command) {
      case "parse":
        return await runParse(rest);
      case "align":
        return await runAlign(rest);
      case "import":
        return await runImport(rest);
      case "orgs":
        return await runOrgs(rest);
      case "user":
        return await runUser(rest);
      case "backup":
        return await runBackup(rest);
      case "restore":
        return await runRestore(rest);
      case "demo":
        return await runDemo();
      case "serve":
        return await runServe(rest);
      case undefined:
      case "help":
      case "--help":
      case "-h":
        process.stdout.write(USAGE);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`luoshi: ${error.message}\n${USAGE}`);
      return 2;
    }
    if (error instanceof DataDirLockedError) {
      process.stderr.write(`luoshi: ${error.message}\n`);
      return 2;
    }
    if (error instanceof PlanInputError) {
      process.stderr.write(`luoshi: ${error.message}\n`);
      if (debug) process.stderr.write(`${error.stack}\n`);
      return 2;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`luoshi: internal error: ${message} (run with --debug for details)\n`);
    if (debug && error instanceof Error) process.stderr.write(`${error.stack}\n`);
    return 1;
  }
}
