import { ApiError } from './api-error.js';

/**
 * API versions the simulator supports without reservation, oldest first, as a
 * QRadar 7.5.0 UP13 console does: its own 26.0 and the two majors before it.
 */
export const supportedApiVersions = ['24.0', '25.0', '26.0'] as const;

/** The version a request without a `Version` header gets. */
export const currentApiVersion = '26.0';

// NOTE: which old versions a 7.5.0 UP13 console still serves is unverified.
// IBM's api-samples treat 1.0 as removed, and Ansible's ibm.qradar collection
// still pins 9.1, so the simulator serves 9.0 and newer, flagged deprecated.
const deprecatedApiVersions = [
  '9.0',
  '9.1',
  '10.0',
  '10.1',
  '11.0',
  '12.0',
  '12.1',
  '13.0',
  '13.1',
  '14.0',
  '15.0',
  '16.0',
  '17.0',
  '18.0',
  '19.0',
  '20.0',
  '21.0',
  '22.0',
  '23.0',
];

const removedApiVersions = [
  '1.0',
  '2.0',
  '3.0',
  '4.0',
  '5.0',
  '6.0',
  '7.0',
  '8.0',
];

/** One entry of `GET /api/help/versions`, without its id. */
export interface ApiVersionEntry {
  version: string;
  deprecated: boolean;
  removed: boolean;
}

/** Lists every version of the simulated console, oldest first. */
export function listApiVersions(): ApiVersionEntry[] {
  return [
    ...removedApiVersions.map((version) => ({
      version,
      deprecated: true,
      removed: true,
    })),
    ...deprecatedApiVersions.map((version) => ({
      version,
      deprecated: true,
      removed: false,
    })),
    ...supportedApiVersions.map((version) => ({
      version,
      deprecated: false,
      removed: false,
    })),
  ];
}

function normalizeVersion(text: string): string {
  const trimmed = text.trim();
  return /^\d+$/.test(trimmed) ? `${trimmed}.0` : trimmed;
}

/**
 * Checks a request's `Version` header and returns the response headers it
 * calls for: none for a supported version or a missing header, `Deprecated`
 * for a deprecated one. Throws a 422 ApiError for a removed or unknown
 * version.
 */
export function checkApiVersion(
  header: string | undefined,
): Record<string, string> {
  if (header === undefined || header.trim() === '') return {};
  const version = normalizeVersion(header);
  if ((supportedApiVersions as readonly string[]).includes(version)) return {};
  if (deprecatedApiVersions.includes(version)) {
    // QRadar adds a Deprecated header to responses of a deprecated version
    // (IBM api-samples, introduction/07_DeprecatedHeader.py). The header
    // value is the simulator's own wording.
    return {
      deprecated: `API version ${version} is deprecated; ${currentApiVersion} is current.`,
    };
  }
  const choices = `Send one of ${supportedApiVersions.join(', ')}, or read GET /api/help/versions.`;
  if (removedApiVersions.includes(version)) {
    // IBM's api-samples (introduction/08_RemovedVersion.py) expect 422 and
    // "has been removed" for a removed version.
    throw new ApiError(
      422,
      1005,
      `API version ${version} has been removed. ${choices}`,
      { description: 'The requested API version has been removed.' },
    );
  }
  // NOTE: how a real console responds to a version it never had (such as
  // 99.0) is unverified, so this reuses the 422 of a removed version.
  throw new ApiError(
    422,
    1005,
    `API version ${JSON.stringify(header.trim())} is not a valid version. ${choices}`,
    { description: 'The requested API version does not exist.' },
  );
}
