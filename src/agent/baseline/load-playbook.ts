import { readFileSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

import {
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  type Document,
} from 'yaml';

import {
  crossCheckPlaybook,
  playbookSchema,
  type Playbook,
} from './playbook-schema.js';

const playbookErrorBrand = Symbol.for('qradar-mcp.PlaybookError');

/** An invalid playbook file; the message names the file, line and key. */
export class PlaybookError extends Error {
  readonly code = 'PLAYBOOK_INVALID';
  readonly [playbookErrorBrand] = true;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PlaybookError';
  }

  /** Tells whether a value is a PlaybookError, also across duplicate bundles. */
  static is(value: unknown): value is PlaybookError {
    return (
      typeof value === 'object' &&
      value !== null &&
      (value as Record<symbol, unknown>)[playbookErrorBrand] === true
    );
  }
}

/**
 * Returns the package root, found from this module's location (under src/
 * or dist/src/), never from the working directory.
 */
export function packageRootFromHere(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const parts = here.split(sep);
  const index = parts.lastIndexOf('src');
  const root = parts.slice(0, index).join(sep);
  return root.endsWith(`${sep}dist`) ? dirname(root) : root;
}

/** Path of the shipped playbook. */
export function defaultPlaybookPath(): string {
  return join(packageRootFromHere(), 'playbook', 'default-playbook.yaml');
}

function nodeLine(node: unknown, lines: LineCounter): number | undefined {
  const range = (node as { range?: [number, number, number] } | null)?.range;
  return range === undefined ? undefined : lines.linePos(range[0]).line;
}

function lineOf(
  document: Document,
  lines: LineCounter,
  path: readonly (string | number)[],
): number | undefined {
  // Walk up the path until a node exists, so a missing key reports its
  // parent; a map entry reports the line of its key.
  for (let length = path.length; length > 0; length -= 1) {
    const parent: unknown = document.getIn(path.slice(0, length - 1), true);
    const last = path[length - 1];
    if (isMap(parent)) {
      const pair = parent.items.find(
        (item) => isScalar(item.key) && String(item.key.value) === String(last),
      );
      const line = nodeLine(pair?.key, lines);
      if (line !== undefined) return line;
    } else if (isSeq(parent) && typeof last === 'number') {
      const line = nodeLine(parent.items[last], lines);
      if (line !== undefined) return line;
    }
  }
  return nodeLine(document.contents, lines);
}

function describe(path: readonly (string | number)[]): string {
  return path.length === 0 ? 'the document' : path.join('.');
}

/**
 * Parses and validates playbook YAML. Throws PlaybookError listing every
 * problem as "<file>:<line>: <key>: <message>".
 */
export function parsePlaybook(text: string, source: string): Playbook {
  const lines = new LineCounter();
  const document = parseDocument(text, {
    lineCounter: lines,
    prettyErrors: false,
  });
  if (document.errors.length > 0) {
    const problems = document.errors.map((error) => {
      const line = lines.linePos(error.pos[0]).line;
      return `${source}:${line}: ${error.message.split('\n')[0] ?? 'invalid YAML'}`;
    });
    throw new PlaybookError(
      `Invalid playbook ${source}:\n${problems.join('\n')}`,
    );
  }
  const parsed = playbookSchema.safeParse(document.toJS());
  const issues = parsed.success
    ? crossCheckPlaybook(parsed.data)
    : parsed.error.issues.map((issue) => ({
        path: issue.path.filter(
          (part): part is string | number => typeof part !== 'symbol',
        ),
        message: issue.message,
      }));
  if (!parsed.success || issues.length > 0) {
    const problems = issues.map((issue) => {
      const line = lineOf(document, lines, issue.path);
      return `${source}:${line ?? '?'}: ${describe(issue.path)}: ${issue.message}`;
    });
    throw new PlaybookError(
      `Invalid playbook ${source}:\n${problems.join('\n')}\nFix the file or run without --playbook to use the shipped one.`,
    );
  }
  return parsed.data;
}

/** Reads and validates a playbook file; the shipped one when no path is given. */
export function loadPlaybook(path?: string): Playbook {
  const file = path ?? defaultPlaybookPath();
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new PlaybookError(
      `Failed to read playbook ${file}: ${(error as Error).message}. Check the --playbook path.`,
      { cause: error },
    );
  }
  return parsePlaybook(text, file);
}
