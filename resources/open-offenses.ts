import { eq, type Offense, type QRadarClient } from '../src/qradar/index.js';

/** Most open offenses that resources/list and id completion consider. */
export const maxListedOpenOffenses = 100;

/**
 * Lists open offenses, most recently updated first, with the fields a
 * listing needs. Offenses beyond the first `maxListedOpenOffenses` are left
 * out, so a console with many open offenses is never paged through here.
 */
export async function listOpenOffenses(
  client: QRadarClient,
  signal?: AbortSignal,
): Promise<Offense[]> {
  const page = await client.listOffenses({
    filter: eq('status', 'OPEN'),
    sort: [{ field: 'last_updated_time', direction: 'desc' }],
    fields: ['id', 'description', 'magnitude', 'last_updated_time'],
    range: { start: 0, limit: maxListedOpenOffenses },
    ...(signal === undefined ? {} : { signal }),
  });
  return page.items;
}

/**
 * Completes an offense id: the open offenses whose id starts with the typed
 * digits, in the order listOpenOffenses returns them.
 */
export function completeOffenseId(
  offenses: readonly Offense[],
  typed: string,
): string[] {
  const prefix = typed.trim();
  if (!/^\d*$/.test(prefix)) return [];
  return offenses
    .map((offense) => String(offense.id))
    .filter((id) => id.startsWith(prefix));
}
