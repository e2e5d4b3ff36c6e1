/** An asset from QRadar's asset model, reduced to what the policy reads. */
export interface AssetRecord {
  id: number;
  ipAddresses: string[];
  hostnames: string[];
  /** Asset properties by name (`Weight`, `CVSS Collateral Damage Potential`, …); values are strings. */
  properties: Record<string, string>;
}

/**
 * Finds the asset behind an address or host name. The tools layer implements
 * it with the QRadar client; it returns undefined when no asset matches and
 * the best match when several do.
 */
export interface AssetResolver {
  findAsset(
    query: { ip: string } | { hostname: string },
    options?: { signal?: AbortSignal },
  ): Promise<AssetRecord | undefined>;
}

/** Converts QRadar's asset `properties` array into the map AssetRecord uses. */
export function assetPropertiesFromQRadar(
  properties: readonly { name: string; value: string | null }[] | undefined,
): Record<string, string> {
  const map: Record<string, string> = {};
  for (const property of properties ?? []) {
    if (property.value !== null) map[property.name] = property.value;
  }
  return map;
}
