// `luoshi orgs export FILE.xlsx|FILE.csv`, `luoshi orgs import FILE`, `luoshi orgs reference`: the org
// directory as a spreadsheet a plan office can review and extend, and the built-in reference directory.
import { readFile, writeFile } from "node:fs/promises";
import { basename, extname } from "node:path";
import { importOrgDirectory } from "../services/orgs/orgs.ts";
import {
  exportOrgs,
  ImportError,
  loadReferenceDirectory,
  sniffSheetFormat,
  type TransferFormat,
} from "../services/orgs/queries.ts";
import { type Store, storeFromEnv } from "../store/db.ts";
import { UsageError } from "./usage-error.ts";

export async function runOrgs(args: string[], openStore: () => Promise<Store> = () => storeFromEnv()): Promise<number> {
  const [action, file, ...extra] = args.filter((a) => a !== "--debug");
  if (extra.length > 0) throw new UsageError(`orgs ${action}: unexpected argument "${extra[0]}"`);
  switch (action) {
    case "export": {
      if (!file) throw new UsageError("orgs export: name the file to write (FILE.xlsx or FILE.csv)");
      const format = formatFromName(file);
      if (!format) throw new UsageError(`orgs export: "${file}" should end in .xlsx or .csv`);
      const bytes = await withStore(openStore, (store) => exportOrgs(store.db, format));
      await writeFile(file, bytes);
      process.stdout.write(`wrote ${file}\n`);
      return 0;
    }
    case "import": {
      if (!file) throw new UsageError("orgs import: name the file to read (.xlsx or .csv)");
      const bytes = await readInput(file);
      if (!bytes) return 2;
      try {
        // As the API's import: checked in a worker within the document limits, one transaction, each org
        // created or changed audited (no acting user: the CLI runs with the server's own rights).
        const summary = await withStore(openStore, (store) =>
          importOrgDirectory(
            store.db,
            { userId: null, at: new Date() },
            { bytes, format: sniffSheetFormat(bytes), name: basename(file) },
          ),
        );
        process.stdout.write(
          `${file}: ${summary.created} created, ${summary.updated} updated, ${summary.aliasesAdded} aliases added\n`,
        );
        return 0;
      } catch (error) {
        if (!(error instanceof ImportError)) throw error;
        process.stderr.write(`luoshi: ${file}: ${error.message}\n`);
        return 2;
      }
    }
    case "reference": {
      if (file) throw new UsageError(`orgs reference: unexpected argument "${file}"`);
      const s = await withStore(openStore, (store) => loadReferenceDirectory(store.db));
      process.stdout.write(
        `reference directory: ${s.orgsCreated} orgs, ${s.aliasesAdded} aliases, ${s.groupsCreated} groups, ${s.membersAdded} group members added\n`,
      );
      return 0;
    }
    default:
      throw new UsageError(action ? `unknown orgs command "${action}"` : "orgs: say export, import or reference");
  }
}

async function withStore<T>(openStore: () => Promise<Store>, work: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore();
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

async function readInput(file: string): Promise<Buffer | undefined> {
  try {
    return await readFile(file);
  } catch (error) {
    const code = error instanceof Error && "code" in error ? error.code : undefined;
    process.stderr.write(`luoshi: ${file}: ${code === "ENOENT" ? "no such file" : "cannot read the file"}\n`);
    return undefined;
  }
}

function formatFromName(file: string): TransferFormat | undefined {
  const ext = extname(file).toLowerCase();
  return ext === ".xlsx" ? "xlsx" : ext === ".csv" ? "csv" : undefined;
}
