import type { Route } from '../http/route.js';
import { arielRoutes } from './ariel-routes.js';
import { lookupRoutes } from './lookup-routes.js';
import { noteRoutes } from './note-routes.js';
import { offenseRoutes } from './offense-routes.js';
import { referenceSetRoutes } from './reference-set-routes.js';
import { systemRoutes } from './system-routes.js';

/** Every endpoint the simulator serves. */
export const simulatorRoutes: readonly Route[] = [
  ...systemRoutes,
  ...offenseRoutes,
  ...noteRoutes,
  ...lookupRoutes,
  ...referenceSetRoutes,
  ...arielRoutes,
];

export { supportedApiVersions } from '../http/api-versions.js';
