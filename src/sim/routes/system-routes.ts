import { listApiVersions } from '../http/api-versions.js';
import { listResult } from '../http/respond.js';
import type { Route } from '../http/route.js';

/** Routes for `/help/versions` and `/system/about`, as a QRadar 7.5.0 UP13 console serves them. */
export const systemRoutes: Route[] = [
  {
    method: 'GET',
    template: '/api/help/versions',
    handle: (context) =>
      listResult(
        context,
        listApiVersions().map((entry, index) => ({
          id: index + 1,
          ...entry,
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
        release_name: '7.5.0 UpdatePackage 13 (simulated)',
        build_version: '2024.12.0.20250101000000',
        external_version: '7.5.0',
        fips_enabled: false,
      },
    }),
  },
];
