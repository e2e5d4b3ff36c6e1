import {
  AqlError,
  AqlSyntaxError,
  formatAqlMessage,
  parseTimeText,
  type AqlExpression,
  type AqlFunctionCall,
} from '../../aql/index.js';
import { nameTables } from './schema.js';

/** Translates a sub-expression to SQL, binding its literals. */
export type TranslateArgument = (expression: AqlExpression) => string;

/** Context of a function translation: binding, database and clock. */
export interface FunctionTranslation {
  translate: TranslateArgument;
  bind: (value: string | number) => string;
  database: string;
  nowMs: number;
}

const nameFunctions: Record<string, string> = {
  QIDNAME: nameTables.qid,
  QIDDESCRIPTION: nameTables.qid,
  CATEGORYNAME: nameTables.category,
  LOGSOURCENAME: nameTables.logSource,
  LOGSOURCETYPENAME: nameTables.logSourceType,
  PROTOCOLNAME: nameTables.protocol,
};
const aggregates: Record<string, string> = {
  SUM: 'SUM',
  MIN: 'MIN',
  MAX: 'MAX',
  AVG: 'AVG',
};
const arities: Record<string, number> = {
  ...Object.fromEntries(Object.keys(nameFunctions).map((name) => [name, 1])),
  ...Object.fromEntries(Object.keys(aggregates).map((name) => [name, 1])),
  COUNT: 1,
  UNIQUECOUNT: 1,
  DISTINCTCOUNT: 1,
  RULENAME: 1,
  DATEFORMAT: 2,
  UTF8: 1,
  STR: 1,
  LONG: 1,
  NOW: 0,
  PARSEDATETIME: 1,
  INCIDR: 2,
  INOFFENSE: 1,
  REFERENCESETCONTAINS: 2,
};

/** Names of the functions the engine runs, for error messages and tests. */
export const supportedFunctions: readonly string[] =
  Object.keys(arities).sort();

/** Functions whose SQL value is 0 or 1 and whose result QRadar returns as a boolean. */
export const predicateFunctions = new Set([
  'INCIDR',
  'INOFFENSE',
  'REFERENCESETCONTAINS',
]);

/** Tells whether a call is an aggregate. */
export function isAggregateCall(call: AqlFunctionCall): boolean {
  const name = call.name.toUpperCase();
  return (
    name === 'COUNT' ||
    name === 'UNIQUECOUNT' ||
    name === 'DISTINCTCOUNT' ||
    name in aggregates
  );
}

function checkArity(call: AqlFunctionCall, name: string): void {
  const expected = arities[name];
  if (expected === undefined) {
    throw new AqlError(
      formatAqlMessage(
        { position: call.position, token: call.name },
        `function ${call.name} is not supported by this QRadar simulator`,
        `Use one of ${supportedFunctions.join(', ')}.`,
      ),
      { location: { position: call.position, token: call.name } },
    );
  }
  if (call.star && name !== 'COUNT') {
    throw new AqlSyntaxError(
      { position: call.position, token: call.name },
      `${call.name}(*) is not valid`,
      `Only COUNT takes *.`,
    );
  }
  const count = call.star ? 1 : call.args.length;
  if (count !== expected) {
    throw new AqlSyntaxError(
      { position: call.position, token: call.name },
      `${call.name} takes ${expected} argument${expected === 1 ? '' : 's'} but got ${count}`,
      `Write ${call.name}(${Array.from({ length: expected }, (_, index) => `arg${index + 1}`).join(', ')}).`,
    );
  }
}

function argument(call: AqlFunctionCall, index: number): AqlExpression {
  const arg = call.args[index];
  if (arg === undefined)
    throw new AqlSyntaxError(
      { position: call.position, token: call.name },
      `${call.name} is missing an argument`,
    );
  return arg;
}

/**
 * Translates one AQL function call to SQL; throws AqlError naming a function
 * the engine cannot run and AqlSyntaxError on a wrong argument count.
 */
export function translateFunction(
  call: AqlFunctionCall,
  context: FunctionTranslation,
): string {
  const name = call.name.toUpperCase();
  checkArity(call, name);
  const arg = (index: number): string =>
    context.translate(argument(call, index));

  const nameTable = nameFunctions[name];
  if (nameTable !== undefined)
    return `(SELECT name FROM ${nameTable} WHERE id = ${arg(0)})`;
  const aggregate = aggregates[name];
  if (aggregate !== undefined) return `${aggregate}(${arg(0)})`;

  switch (name) {
    case 'COUNT':
      return call.star ? 'COUNT(*)' : `COUNT(${arg(0)})`;
    case 'UNIQUECOUNT':
    case 'DISTINCTCOUNT':
      return `COUNT(DISTINCT ${arg(0)})`;
    case 'RULENAME':
      return `aql_rulename(${arg(0)})`;
    case 'DATEFORMAT':
      return `aql_dateformat(${arg(0)}, ${arg(1)})`;
    case 'UTF8':
      return arg(0);
    case 'STR':
      return `CAST(${arg(0)} AS TEXT)`;
    case 'LONG':
      return `aql_long(${arg(0)})`;
    case 'NOW':
      return context.bind(context.nowMs);
    case 'PARSEDATETIME':
      return translateParseDateTime(call, context);
    case 'INCIDR':
      return `aql_incidr(${arg(0)}, ${arg(1)})`;
    case 'INOFFENSE':
      return `(t.rowid IN (SELECT row_id FROM offense_links WHERE database = ${context.bind(context.database)} AND offense_id = ${arg(0)}))`;
    case 'REFERENCESETCONTAINS':
      return `aql_refset(${arg(0)}, ${arg(1)})`;
    default:
      throw new AqlError(`function ${call.name} has no translation`);
  }
}

function translateParseDateTime(
  call: AqlFunctionCall,
  context: FunctionTranslation,
): string {
  const text = argument(call, 0);
  const parsed = text.kind === 'string' ? parseTimeText(text.value) : undefined;
  if (parsed === undefined) {
    throw new AqlSyntaxError(
      { position: text.position, token: text.text },
      'invalid time in PARSEDATETIME',
      "Use 'yyyy-MM-dd HH:mm[:ss]', 'now' or '<n> hours ago'.",
    );
  }
  return context.bind(
    parsed.kind === 'absolute' ? parsed.ms : context.nowMs + parsed.offsetMs,
  );
}
