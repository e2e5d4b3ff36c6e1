// QRadar's asset filter `hostnames contains name="…"` compares names exactly,
// case included, and assets often store a host's short name in capitals
// (`FS01`) next to its FQDN. These helpers query every usual spelling and
// then decide in code which returned asset really is the host asked for.

/** Kind of match between an asset's host names and a requested name. */
export type HostnameMatch = 'exact' | 'short';

function normalizeHostname(name: string): string {
  return name.trim().replace(/\.$/, '').toLowerCase();
}

function shortName(name: string): string {
  return name.split('.')[0] ?? name;
}

/**
 * Lists the spellings to look a host name up by: as given, lower case and
 * upper case, and its short name (before the first dot) in both cases.
 */
export function hostnameSpellings(name: string): string[] {
  const asGiven = name.trim().replace(/\.$/, '');
  const short = shortName(asGiven);
  return [
    ...new Set([
      asGiven,
      asGiven.toLowerCase(),
      asGiven.toUpperCase(),
      short,
      short.toLowerCase(),
      short.toUpperCase(),
    ]),
  ].filter((spelling) => spelling !== '');
}

/**
 * Compares a requested host name with an asset's names, ignoring case:
 * `exact` when the asset has the name, `short` when only the short names
 * agree (`fs01` against `FS01.corp.example`, or the reverse). An asset that
 * lists the host's short name only under another domain (`fs01.corp.example`
 * for `fs01.lab.example`) is another host and does not match.
 */
export function matchHostname(
  assetNames: readonly string[],
  requested: string,
): HostnameMatch | undefined {
  const requestedName = normalizeHostname(requested);
  const names = assetNames.map(normalizeHostname);
  if (names.includes(requestedName)) return 'exact';
  const requestedShort = shortName(requestedName);
  if (
    requestedName.includes('.') &&
    names.some(
      (name) => name.includes('.') && shortName(name) === requestedShort,
    )
  )
    return undefined;
  return names.some((name) => shortName(name) === requestedShort)
    ? 'short'
    : undefined;
}
