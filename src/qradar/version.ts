/**
 * API versions this client is written against, newest first: 26.0 is QRadar
 * 7.5.0 UP12/UP13, 12.0 is QRadar 7.3.x. Every endpoint the client calls
 * exists with the same shape across this range.
 */
export const supportedApiVersions: readonly string[] = [
  '26.0',
  '25.0',
  '24.0',
  '23.0',
  '22.0',
  '21.0',
  '20.0',
  '19.0',
  '18.0',
  '17.0',
  '16.0',
  '15.0',
  '14.0',
  '13.1',
  '13.0',
  '12.0',
];

/** One entry of `GET /api/help/versions` that matters for negotiation. */
export interface OfferedVersion {
  version: string;
  removed?: boolean | null | undefined;
}

function versionNumber(version: string): number {
  const match = /^(\d+)\.(\d+)$/.exec(version.trim());
  if (match === null) return Number.NaN;
  return Number(match[1]) * 1000 + Number(match[2]);
}

/** Compares versions such as `13.1` and `9.0` numerically, newest first. */
export function compareVersionsDescending(left: string, right: string): number {
  return versionNumber(right) - versionNumber(left);
}

/**
 * Picks the highest version that the console offers (and has not removed)
 * and that this client supports; undefined when they share none.
 */
export function pickApiVersion(
  offered: readonly OfferedVersion[],
  supported: readonly string[] = supportedApiVersions,
): string | undefined {
  const available = new Set(
    offered
      .filter((entry) => entry.removed !== true)
      .map((entry) => versionNumber(entry.version))
      .filter((value) => !Number.isNaN(value)),
  );
  return [...supported]
    .sort(compareVersionsDescending)
    .find((version) => available.has(versionNumber(version)));
}
