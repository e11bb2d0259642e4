// Running work in the caller's transaction when there is one, so that a use case can compose store
// functions (and its audit entry) into one atomic change; otherwise in a transaction of its own.
import type { Kysely, Transaction } from "kysely";
import type { Database } from "./schema.ts";

export type Db = Kysely<Database> | Transaction<Database>;

export function inTransaction<T>(db: Db, work: (tx: Transaction<Database>) => Promise<T>): Promise<T> {
  // A Transaction is a Kysely whose isTransaction is true; nested transactions are not supported by Kysely.
  return db.isTransaction ? work(db as Transaction<Database>) : db.transaction().execute(work);
}
