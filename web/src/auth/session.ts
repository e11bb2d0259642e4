// The signed-in user, shared by every page through TanStack Query; null when signed out.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ApiError, api, setCsrfToken, unwrap } from "../api/client.ts";
import type { paths } from "../api/schema";

export type Session = paths["/api/session"]["get"]["responses"]["200"]["content"]["application/json"];
export type SessionUser = Session["user"];
export type UserRole = SessionUser["role"];

export const SESSION_KEY = ["session"] as const;

async function fetchSession(): Promise<Session | null> {
  try {
    const session = await unwrap(api.GET("/api/session"));
    setCsrfToken(session.csrfToken);
    return session;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

export function useSession() {
  return useQuery({ queryKey: SESSION_KEY, queryFn: fetchSession, staleTime: 60_000, retry: false });
}

/** The session of a page that is only rendered when signed in (inside the shell). */
export function useUser(): SessionUser {
  const { data } = useSession();
  if (!data) throw new Error("useUser outside a signed-in page");
  return data.user;
}

export function useSignIn() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { username: string; password: string }) => unwrap(api.POST("/api/session", { body })),
    onSuccess(session) {
      setCsrfToken(session.csrfToken);
      client.clear();
      client.setQueryData(SESSION_KEY, session);
    },
  });
}

export function useSignOut() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.DELETE("/api/session")),
    onSettled() {
      setCsrfToken(null);
      client.clear();
      client.setQueryData(SESSION_KEY, null);
    },
  });
}

/** What each role may do in the app; the server enforces the same rules, this only hides what would fail. */
export const can = {
  importPlans: (role: UserRole) => role === "admin" || role === "plan_office",
  supervise: (role: UserRole) => role === "admin" || role === "plan_office",
  report: (role: UserRole) => role === "reporter" || role === "plan_office" || role === "admin",
  /** Record indicator values: reporters for their own org, plan offices for their subtree, admins for any. */
  recordIndicators: (role: UserRole) => role === "reporter" || role === "plan_office" || role === "admin",
  administer: (role: UserRole) => role === "admin" || role === "plan_office",
  assess: (role: UserRole) => role !== "reporter",
};
