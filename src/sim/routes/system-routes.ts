import { listResult } from '../http/respond.js';
import type { Route } from '../http/route.js';

/** API versions the simulator serves, as a QRadar 7.5.0 UP12 console lists them. */
export const supportedApiVersions = ['24.0', '25.0', '26.0'] as const;

const listedVersions = [
  '20.0',
  '21.0',
  '22.0',
  '23.0',
  ...supportedApiVersions,
];

/** Routes for `/help/versions` and `/system/about`. */
export const systemRoutes: Route[] = [
  {
    method: 'GET',
    template: '/api/help/versions',
    handle: (context) =>
      listResult(
        context,
        listedVersions.map((version, index) => ({
          id: index + 1,
          version,
          deprecated: !(supportedApiVersions as readonly string[]).includes(
            version,
          ),
          removed: Number(version) < 23,
          root_resource_ids: [],
        })),
      ),
  },
  {
    method: 'GET',
    template: '/api/system/about',
    handle: () => ({
      status: 200,
      body: {
        release_name: '7.5.0 UpdatePackage 12 (simulated)',
        build_version: '2024.12.0.20250101000000',
        external_version: '7.5.0',
        fips_enabled: false,
      },
    }),
  },
];
