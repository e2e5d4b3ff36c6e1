import { ApiError, invalidParameter, notFound } from '../http/api-error.js';
import {
  booleanParam,
  listResult,
  objectResult,
  pathId,
} from '../http/respond.js';
import type { RequestContext, Route } from '../http/route.js';
import { apiTokenUsername } from '../store/builtin-data.js';
import type { JsonRecord } from '../store/offense-store.js';

const offenseStatuses = new Set(['OPEN', 'HIDDEN', 'CLOSED']);

function offenseNotFound(id: number): ApiError {
  return notFound(
    `Offense ${id} not found: list offenses with GET /api/siem/offenses.`,
  );
}

function readClosingReasonId(context: RequestContext): number | undefined {
  const text = context.query.get('closing_reason_id');
  if (text === null || text === '') return undefined;
  if (!/^\d+$/.test(text)) {
    throw invalidParameter(
      `Invalid closing_reason_id ${JSON.stringify(text)}: expected an integer id from GET /api/siem/offense_closing_reasons.`,
    );
  }
  return Number(text);
}

function checkClosingReason(context: RequestContext, reasonId: number): void {
  const reason = context.services.offenses.closingReason(reasonId);
  if (reason === undefined) {
    throw invalidParameter(
      `Closing reason ${reasonId} not found: list valid reasons with GET /api/siem/offense_closing_reasons.`,
    );
  }
  if (reason.is_reserved || reason.is_deleted) {
    throw new ApiError(
      409,
      1008,
      `Failed to close the offense: closing reason ${reasonId} is ${reason.is_deleted ? 'deleted' : 'reserved'}. Use a reason from GET /api/siem/offense_closing_reasons.`,
    );
  }
}

/**
 * Validates the update parameters and returns the function that applies
 * them. Closing needs a valid reason that is neither reserved nor deleted.
 */
function planUpdate(
  context: RequestContext,
  current: JsonRecord,
): (offense: JsonRecord) => JsonRecord {
  const statusText = context.query.get('status');
  const status = statusText === null ? undefined : statusText.toUpperCase();
  if (status !== undefined && !offenseStatuses.has(status)) {
    throw invalidParameter(
      `Invalid status ${JSON.stringify(statusText)}: expected OPEN, HIDDEN or CLOSED.`,
    );
  }
  const reasonId = readClosingReasonId(context);
  const isClosing = status === 'CLOSED';
  const isClosed = current['status'] === 'CLOSED' && status === undefined;
  if (isClosing && reasonId === undefined) {
    throw new ApiError(
      409,
      1008,
      `Failed to close offense ${String(current['id'])}: closing_reason_id is required. Pick one from GET /api/siem/offense_closing_reasons.`,
    );
  }
  if (reasonId !== undefined && !isClosing && !isClosed) {
    throw invalidParameter(
      'Invalid closing_reason_id: it applies only together with status=CLOSED.',
    );
  }
  if (reasonId !== undefined) checkClosingReason(context, reasonId);
  const followUp = booleanParam(context, 'follow_up');
  const isProtected = booleanParam(context, 'protected');
  const assignedTo = context.query.get('assigned_to');
  const nowMs = context.services.now();

  return (offense) => {
    const next: JsonRecord = { ...offense, last_persisted_time: nowMs };
    if (assignedTo !== null)
      next['assigned_to'] = assignedTo === '' ? null : assignedTo;
    if (followUp !== undefined) next['follow_up'] = followUp;
    if (isProtected !== undefined) next['protected'] = isProtected;
    if (isClosing) {
      if (offense['status'] !== 'CLOSED') {
        next['close_time'] = nowMs;
        next['closing_user'] = apiTokenUsername;
      }
      next['status'] = 'CLOSED';
    } else if (status !== undefined) {
      next['status'] = status;
      next['close_time'] = null;
      next['closing_user'] = null;
      next['closing_reason_id'] = null;
    }
    if (reasonId !== undefined) next['closing_reason_id'] = reasonId;
    return next;
  };
}

/** Routes for offenses: list, one by id, and updates through the query string. */
export const offenseRoutes: Route[] = [
  {
    method: 'GET',
    template: '/api/siem/offenses',
    handle: (context) =>
      listResult(context, context.services.offenses.list('offenses')),
  },
  {
    method: 'GET',
    template: '/api/siem/offenses/{offense_id}',
    handle: (context) => {
      const id = pathId(context, 'offense_id', 'Offense');
      const offense = context.services.offenses.get('offenses', id);
      if (offense === undefined) throw offenseNotFound(id);
      return objectResult(context, offense);
    },
  },
  {
    method: 'POST',
    template: '/api/siem/offenses/{offense_id}',
    handle: (context) => {
      const id = pathId(context, 'offense_id', 'Offense');
      const store = context.services.offenses;
      const current = store.get('offenses', id);
      if (current === undefined) throw offenseNotFound(id);
      const apply = planUpdate(context, current);
      const updated = store.updateOffense(id, apply);
      if (updated === undefined) throw offenseNotFound(id);
      context.services.logger.info(
        { offenseId: id, status: updated['status'] },
        'offense updated',
      );
      return objectResult(context, updated);
    },
  },
];
