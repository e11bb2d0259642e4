// Access rules for services, routes, CLI and jobs: the scope (scope.ts) and the named checks (policies.ts).
export * from "./policies.ts";
export * from "./scope.ts";
