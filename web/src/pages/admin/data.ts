// The lists every admin tab reads: the org directory (the user's scope) and the user accounts.
import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { api, unwrap } from "../../api/client.ts";
import type { ResponseOf } from "../../api/types.ts";

export type Org = ResponseOf<"/api/orgs">["items"][number];
export type User = ResponseOf<"/api/users">["items"][number];
export type Plan = ResponseOf<"/api/plans">["items"][number];
export type Unresolved = ResponseOf<"/api/plans/{id}/unresolved">["items"][number];

export const ORGS_KEY = ["orgs"] as const;
export const USERS_KEY = ["users", "all"] as const;
export const unresolvedKey = (planId: number) => ["plans", planId, "unresolved"] as const;

export function useOrgs() {
  const query = useQuery({ queryKey: ORGS_KEY, queryFn: () => unwrap(api.GET("/api/orgs")) });
  const items = query.data?.items;
  const byId = useMemo(() => new Map((items ?? []).map((org) => [org.id, org])), [items]);
  return { ...query, orgs: items ?? [], byId };
}

const USER_PAGE = 200;

/** Every account in scope, page by page: a directory of people is small enough to sort and filter here. */
async function fetchAllUsers(): Promise<User[]> {
  const users: User[] = [];
  for (let offset = 0; ; offset += USER_PAGE) {
    const page = await unwrap(api.GET("/api/users", { params: { query: { limit: USER_PAGE, offset } } }));
    users.push(...page.items);
    if (page.items.length < USER_PAGE || users.length >= page.total) return users;
  }
}

export function useUsers(enabled = true) {
  return useQuery({ queryKey: USERS_KEY, queryFn: fetchAllUsers, enabled });
}
