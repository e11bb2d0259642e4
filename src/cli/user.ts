// `luoshi user add USERNAME --org ORG --role ROLE [--name NAME] [--password P]`: creates a local account,
// e.g. the first admin of a fresh installation. Prints a generated password when none is given.
import { parseArgs } from "node:util";
import { findOrgByRef } from "../services/orgs/orgs.ts";
import { addUser } from "../services/users/index.ts";
import { generatePassword, USER_ROLES, UserInputError, UsernameTakenError } from "../services/users/queries.ts";
import { type Store, storeFromEnv } from "../store/db.ts";
import type { UserRole } from "../store/schema.ts";
import { UsageError } from "./usage-error.ts";

export const USER_USAGE = `usage: luoshi user add USERNAME --org ORG_ID_OR_NAME --role ${USER_ROLES.join("|")} [--name NAME] [--password P]`;

export async function runUser(
  args: string[],
  io: { out: (text: string) => void; openStore: () => Promise<Store> } = {
    out: (text) => process.stdout.write(text),
    openStore: () => storeFromEnv(),
  },
): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== "add") throw new UsageError(sub ? `unknown user command "${sub}"\n${USER_USAGE}` : USER_USAGE);
  let parsed: ReturnType<typeof parseAddOptions>;
  try {
    parsed = parseAddOptions(rest);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1) throw new UsageError(`user add takes exactly one USERNAME\n${USER_USAGE}`);
  if (!values.org) throw new UsageError(`--org is required\n${USER_USAGE}`);
  if (!values.role) throw new UsageError(`--role is required\n${USER_USAGE}`);
  if (!(USER_ROLES as readonly string[]).includes(values.role))
    throw new UsageError(`--role must be one of ${USER_ROLES.join(", ")}, not "${values.role}"`);
  const role = values.role as UserRole;
  const password = values.password ?? generatePassword();

  const store = await io.openStore();
  try {
    const org = await resolveOrg(store, values.org);
    // No acting user: the CLI runs with the server's own rights.
    const user = await addUser(
      store.db,
      { userId: null },
      {
        username: positionals[0] as string,
        displayName: values.name ?? "",
        password,
        role,
        orgId: org.id,
      },
    );
    io.out(`created ${user.role} "${user.username}" (id ${user.id}) in ${org.name} (org ${org.id})\n`);
    if (values.password === undefined) io.out(`password: ${password}\n`);
    return 0;
  } catch (error) {
    if (error instanceof UserInputError || error instanceof UsernameTakenError) throw new UsageError(error.message);
    throw error;
  } finally {
    await store.close();
  }
}

function parseAddOptions(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    options: {
      org: { type: "string" },
      role: { type: "string" },
      name: { type: "string" },
      password: { type: "string" },
      debug: { type: "boolean" },
    },
  });
}

/** An org by id, exact name or alias; a name that fits several orgs must be given by id. */
async function resolveOrg(store: Store, ref: string): Promise<{ id: number; name: string }> {
  const found = await findOrgByRef(store.db, ref);
  if (found.matches.length === 1) return found.matches[0] as { id: number; name: string };
  if (found.matches.length === 0)
    throw new UsageError(found.byId ? `no organization with id ${ref}` : `no organization named "${ref}"`);
  throw new UsageError(
    `"${ref}" names ${found.matches.length} organizations (ids ${found.matches.map((m) => m.id).join(", ")}); give --org as an id`,
  );
}
