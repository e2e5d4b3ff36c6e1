import { z } from 'zod';

/** An integer id or count; QRadar ids fit in a JavaScript safe integer. */
export const integer = z.int();

/** Epoch milliseconds, as QRadar sends every time field. */
export const epochMs = z.number();

/**
 * Marks a field optional and nullable: QRadar sends `null` for unset values,
 * and a `fields` selection leaves others out.
 */
export function optional<Schema extends z.ZodType>(schema: Schema) {
  return schema.nullish();
}
