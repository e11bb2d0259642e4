// A 400/422 problem names the fields it refuses ("body.username"); put each message under its form field
// so the person sees where to look, and keep the rest for the alert above the form.
import type { FormInstance } from "antd";
import { ApiError } from "../../api/client.ts";

/** Marks the fields the server named; returns whether any field of the form was among them. */
export function showFieldErrors<T>(form: FormInstance<T>, error: unknown, fields: readonly string[]): boolean {
  if (!(error instanceof ApiError)) return false;
  const named = (error.problem?.errors ?? [])
    .map((e) => ({ name: e.path.replace(/^body\./, ""), message: e.message }))
    .filter((e) => fields.includes(e.name));
  if (named.length === 0) return false;
  form.setFields(named.map((e) => ({ name: e.name as never, errors: [e.message] })));
  return true;
}
