// Listening is kept apart from building the app, so tests never open a port.
import type { FastifyInstance } from "fastify";
import type { Store } from "../store/db.ts";
import { buildApp } from "./app.ts";
import type { ServerConfig } from "./context.ts";

export type ServeOptions = {
  store: Store;
  port: number;
  host: string;
  config?: Partial<ServerConfig>;
  log?: (line: string) => void;
};

export async function startServer(options: ServeOptions): Promise<{ app: FastifyInstance; url: string }> {
  const app = buildApp({ store: options.store, config: options.config ?? {} });
  await app.listen({ port: options.port, host: options.host });
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  // 0.0.0.0 is where it listens, not an address a browser can open.
  const shownHost = options.host === "0.0.0.0" || options.host === "::" ? "localhost" : options.host;
  const url = `http://${shownHost.includes(":") ? `[${shownHost}]` : shownHost}:${port}`;
  (options.log ?? ((line) => process.stdout.write(`${line}\n`)))(
    `Luoshi listening on ${url} (API docs: ${url}/api/docs)`,
  );
  return { app, url };
}
