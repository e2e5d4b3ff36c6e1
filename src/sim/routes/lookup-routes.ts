import { ApiError, invalidParameter, notFound } from '../http/api-error.js';
import {
  booleanParam,
  listResult,
  objectResult,
  pathId,
} from '../http/respond.js';
import type { RequestContext, Route, RouteResult } from '../http/route.js';
import type { DocumentTable } from '../store/offense-store.js';

interface DocumentEndpoint {
  table: DocumentTable;
  path: string;
  idName: string;
  kind: string;
  sortableFields?: ReadonlySet<string>;
  /** False where QRadar has no GET by id, as for assets. */
  hasItemRoute?: boolean;
}

function documentRoutes(endpoint: DocumentEndpoint): Route[] {
  const routes: Route[] = [
    {
      method: 'GET',
      template: endpoint.path,
      handle: (context) =>
        listResult(context, context.services.offenses.list(endpoint.table), {
          ...(endpoint.sortableFields === undefined
            ? {}
            : { sortableFields: endpoint.sortableFields }),
        }),
    },
    {
      method: 'GET',
      template: `${endpoint.path}/{${endpoint.idName}}`,
      handle: (context) => {
        const id = pathId(context, endpoint.idName, endpoint.kind);
        const document = context.services.offenses.get(endpoint.table, id);
        if (document === undefined) {
          throw notFound(
            `${endpoint.kind} ${id} not found: list them with GET ${endpoint.path}.`,
          );
        }
        return objectResult(context, document);
      },
    },
  ];
  return endpoint.hasItemRoute === false ? routes.slice(0, 1) : routes;
}

function listClosingReasons(context: RequestContext): RouteResult {
  const includeReserved = booleanParam(context, 'include_reserved') ?? false;
  const includeDeleted = booleanParam(context, 'include_deleted') ?? false;
  const reasons = context.services.offenses
    .closingReasons()
    .filter(
      (reason) =>
        (includeReserved || !reason.is_reserved) &&
        (includeDeleted || !reason.is_deleted),
    );
  return listResult(context, reasons as unknown as Record<string, unknown>[]);
}

function createClosingReason(context: RequestContext): RouteResult {
  const text = context.query.get('reason')?.trim() ?? '';
  if (text.length < 5 || text.length > 60) {
    throw invalidParameter(
      `Invalid reason ${JSON.stringify(text)}: a closing reason has 5 to 60 characters.`,
    );
  }
  const reason = context.services.offenses.createClosingReason(text);
  if (reason === undefined) {
    throw new ApiError(
      409,
      1004,
      `Closing reason ${JSON.stringify(text)} already exists: use its id from GET /api/siem/offense_closing_reasons.`,
    );
  }
  return objectResult(context, reason, 201);
}

/** Routes for closing reasons, offense types, addresses, rules and assets. */
export const lookupRoutes: Route[] = [
  {
    method: 'GET',
    template: '/api/siem/offense_closing_reasons',
    handle: listClosingReasons,
  },
  {
    method: 'POST',
    template: '/api/siem/offense_closing_reasons',
    handle: createClosingReason,
  },
  {
    method: 'GET',
    template: '/api/siem/offense_closing_reasons/{closing_reason_id}',
    handle: (context) => {
      const id = pathId(context, 'closing_reason_id', 'Closing reason');
      const reason = context.services.offenses.closingReason(id);
      if (reason === undefined) {
        throw notFound(
          `Closing reason ${id} not found: list them with GET /api/siem/offense_closing_reasons.`,
        );
      }
      return objectResult(context, reason);
    },
  },
  {
    method: 'GET',
    template: '/api/siem/offense_types',
    handle: (context) => {
      // Offense types sort by id only, and QRadar reports code 1012 rather than 1030 here.
      const sort = context.query.get('sort');
      if (sort !== null && !/^[ +-]?id$/.test(sort)) {
        throw new ApiError(
          422,
          1012,
          `Invalid sort parameter ${JSON.stringify(sort)}: offense types sort only by id.`,
        );
      }
      return listResult(
        context,
        context.services.offenses.list('offense_types'),
      );
    },
  },
  {
    method: 'GET',
    template: '/api/siem/offense_types/{offense_type_id}',
    handle: (context) => {
      const id = pathId(context, 'offense_type_id', 'Offense type');
      const type = context.services.offenses.get('offense_types', id);
      if (type === undefined) {
        throw notFound(
          `Offense type ${id} not found: list them with GET /api/siem/offense_types.`,
        );
      }
      return objectResult(context, type);
    },
  },
  ...documentRoutes({
    table: 'source_addresses',
    path: '/api/siem/source_addresses',
    idName: 'source_address_id',
    kind: 'Source address',
  }),
  ...documentRoutes({
    table: 'local_destination_addresses',
    path: '/api/siem/local_destination_addresses',
    idName: 'local_destination_address_id',
    kind: 'Local destination address',
  }),
  ...documentRoutes({
    table: 'analytics_rules',
    path: '/api/analytics/rules',
    idName: 'rule_id',
    kind: 'Rule',
  }),
  ...documentRoutes({
    table: 'assets',
    path: '/api/asset_model/assets',
    idName: 'asset_id',
    kind: 'Asset',
    hasItemRoute: false,
    sortableFields: new Set([
      'id',
      'domain_id',
      'vulnerability_count',
      'risk_score_sum',
    ]),
  }),
];
