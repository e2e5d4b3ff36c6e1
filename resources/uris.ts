/** URI of the AQL guide resource. */
export const aqlGuideUri = 'qradar://aql/guide';

/** URI of the effective policy resource. */
export const policyUri = 'qradar://policy';

/** URI of the pending approval requests resource. */
export const pendingApprovalsUri = 'qradar://approvals/pending';

/** URI template of one offense. */
export const offenseUriTemplate = 'qradar://offenses/{id}';

/** URI template of the assets behind one IP address. */
export const assetUriTemplate = 'qradar://assets/{ip}';

/** Returns the resource URI of an offense. */
export function offenseResourceUri(offenseId: number): string {
  return `qradar://offenses/${offenseId}`;
}

/** Returns the resource URI of the assets of an IP address (IPv6 percent-encoded). */
export function assetResourceUri(ip: string): string {
  return `qradar://assets/${encodeURIComponent(ip)}`;
}
