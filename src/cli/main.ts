// `luoshi <command>`: dispatches to one module per command. Returns the process exit code:
// 0 success, 2 bad input or usage, 1 internal error. Each command's module is loaded only when it runs, so
// `luoshi parse` or `--help` does not load the server, the database or the spreadsheet libraries.
import { PlanInputError } from "../parse/errors.ts";
import { DataDirLockedError } from "../store/data-lock.ts";
import { UsageError } from "./usage-error.ts";

const USAGE = `usage: luoshi <command> [options]

commands:
  parse FILE [--year Y] [--format json|text] [--debug]   read a plan document and print the parsed plan
  align LOWER_FILE --upper FILE… [--format json|text] [--top N]
                                                     suggest the upper-level task each task of LOWER_FILE
                                                     implements (default: json, top 3)
  import FILE… --org ORG [--cadence monthly|quarterly] [--year Y] [--confirm-outside-region]
         [--choose VIA=ORG[,ORG…]]… [--opt-in VIA=YYYY-MM-DD]…
                                                     import plans for the plan office ORG (id or name)
  orgs export FILE.xlsx|FILE.csv                     write the org directory as a spreadsheet
  orgs import FILE                                   add and update orgs from a spreadsheet (.xlsx or .csv)
  orgs reference                                     load the built-in reference directory (adds what is missing)
  user add USERNAME --org ORG --role ROLE [--name N] [--password P]
                                                     create a local account (roles: admin|plan_office|reporter|viewer)
  serve [--port P] [--host H] [--demo]               run the HTTP API (PORT, default 8080); --demo loads the
                                                     demo data on a first start
  demo                                               load the demo data into an empty database
  loop queue|review|extension|closure … --as USER    the supervision loop: what waits, review a report
                                                     (--accept | --return R), decide an extension or a
                                                     closure (--approve | --reject R), withdraw an
                                                     extension request (extension ID --withdraw)
  assign MEASURE_ID --as USER [--add ORG[:ROLE]] [--remove ORG] [--role ORG:ROLE] [--confirm]
                                                     change a measure's units and roles after import
  decompose ASSIGNMENT_ID --as USER --to ORG[:lead|support][:YYYY-MM-DD] … [--instruction T]
                                                     decompose an assignment to units under its holder
  backup FILE                                        write a full logical backup (gzip JSON lines)
  restore FILE                                       restore a backup into an empty database

environment: LUOSHI_DATA (embedded database directory, default ./data) or DATABASE_URL (PostgreSQL)
`;

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
        return await (await import("./parse.ts")).runParse(rest);
      case "align":
        return await (await import("./align.ts")).runAlign(rest);
      case "import":
        return await (await import("./import.ts")).runImport(rest);
      case "orgs":
        return await (await import("./orgs.ts")).runOrgs(rest);
      case "user":
        return await (await import("./user.ts")).runUser(rest);
      case "backup":
        return await (await import("./backup.ts")).runBackup(rest);
      case "restore":
        return await (await import("./backup.ts")).runRestore(rest);
      case "demo":
        return await (await import("./demo.ts")).runDemo();
      case "loop":
        return await (await import("./loop.ts")).runLoop(rest);
      case "assign":
        return await (await import("./assign.ts")).runAssign(rest);
      case "decompose":
        return await (await import("./decompose.ts")).runDecompose(rest);
      case "serve":
        return await (await import("./serve.ts")).runServe(rest);
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
