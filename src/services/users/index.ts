// User accounts: the use cases (accounts.ts) shared by the API and the CLI.
export * from "./accounts.ts";
