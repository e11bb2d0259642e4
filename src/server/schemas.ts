// Pieces of the public API's shapes that every feature uses: ids in paths and bodies, timestamps.
import { z } from "zod";

export const idSchema = z.coerce
  .number({ error: "must be a positive whole number (an id)" })
  .int("must be a positive whole number (an id)")
  .positive("must be a positive whole number (an id)")
  .max(Number.MAX_SAFE_INTEGER);

/** `/api/<things>/:id` */
export const idParams = z.object({ id: idSchema });

/** An ISO 8601 instant as the server writes it (toISOString); documented, not pattern-checked. */
export const timestampSchema = z.string().meta({ format: "date-time", examples: ["2025-03-01T08:00:00.000Z"] });
