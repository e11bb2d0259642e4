// Prepared statements on a PostgreSQL server. Kysely's pg dialect sends every query unnamed, so the server
// parses, analyzes and plans it again on every run: for the list page (one statement with its count)
// planning took longer than running it. Here the pool's clients send a statement the process runs often
// under a name derived from its text; pg then parses it once per connection and the server plans it as it
// sees fit — after five runs a generic plan, kept, when that plan costs no more than the custom ones did.
//
// Bounded on purpose, since a connection keeps its statements (and the server their plans) until it closes:
// only texts of at most maxSqlLength characters that the process has run minRuns times are named (one-off
// and generated statements, e.g. IN lists of every length, stay unnamed), and at most maxPerConnection per
// connection. A statement with an array parameter is never named: `org_id = any($1)` is as cheap to plan
// for a reporter's one org as for the national office's 3,000, but their best plans differ and a generic
// plan would be one plan for both. Nor is a statement matching text (LIKE, @@): a generic plan cannot see the
// pattern, and a rare term's best plan (an index lookup) is a common term's worst (a walk in list order
// that finds its page at once), nor can it use an index for a prefix LIKE. Statements without parameters (migrations, several statements in one
// text) go through the simple protocol as before.
import { createHash } from "node:crypto";
import { LRUCache } from "lru-cache";
import type pg from "pg";

export type PreparedStatementOptions = {
  maxSqlLength: number;
  maxPerConnection: number;
  minRuns: number;
};

export const PREPARED_STATEMENT_DEFAULTS: PreparedStatementOptions = {
  maxSqlLength: 10_000,
  maxPerConnection: 200,
  minRuns: 3,
};

const MATCHES_TEXT = /\blike\b|@@/i;

type QueryFn = (...args: unknown[]) => Promise<pg.QueryResult>;

/** "cached plan must not change result type": a table under the statement's `select *` changed meanwhile. */
const stalePlan = (error: unknown): boolean =>
  (error as { code?: unknown }).code === "0A000" && /cached plan must not change result type/.test(String(error));

/** Makes the pool's clients prepare the process's frequent statements; call it right after creating the pool. */
export function prepareStatements(pool: pg.Pool, options: PreparedStatementOptions = PREPARED_STATEMENT_DEFAULTS) {
  // How often each candidate text ran in this process, for the most recent texts.
  const runs = new LRUCache<string, number>({ max: 4 * options.maxPerConnection });
  const nameOf = (text: string) => `luoshi_${createHash("sha1").update(text).digest("hex")}`;
  pool.on("connect", (client) => {
    const named = new Set<string>();
    const unnamed = new Set<string>();
    const query = client.query.bind(client) as QueryFn;
    const patched: QueryFn = async (...args) => {
      const [text, values] = args;
      if (
        args.length !== 2 ||
        typeof text !== "string" ||
        !Array.isArray(values) ||
        values.length === 0 ||
        text.length > options.maxSqlLength ||
        values.some(Array.isArray) ||
        MATCHES_TEXT.test(text) ||
        unnamed.has(text)
      )
        return query(...args);
      if (!named.has(text)) {
        const n = (runs.get(text) ?? 0) + 1;
        runs.set(text, n);
        if (n < options.minRuns || named.size >= options.maxPerConnection) return query(text, values);
        named.add(text);
      }
      try {
        return await query({ name: nameOf(text), text, values });
      } catch (error) {
        if (!stalePlan(error)) throw error;
        // The server's statement is stale for good: this connection runs the text unnamed from now on, and
        // runs it again at once unless a transaction was under way (it is aborted; its caller sees the error).
        named.delete(text);
        unnamed.add(text);
        if (client.getTransactionStatus() !== "I") throw error;
        return query(text, values);
      }
    };
    (client as unknown as { query: QueryFn }).query = patched;
  });
}
