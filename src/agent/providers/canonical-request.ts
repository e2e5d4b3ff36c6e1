import { createHash } from 'node:crypto';

import type { ContentBlock, ModelRequest } from '../provider.js';

const isoTime =
  /\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?/g;
const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
// Epoch milliseconds from 2001 to 2286.
const epochMs = /(?<!\d)1\d{12}(?!\d)/g;
// Epoch seconds from 2020 to 2033, as syslog payloads carry them.
const epochSeconds = /(?<![\d.])1[6-9]\d{8}(?![\d])/g;
// Syslog header times such as "Nov 20 06:00:01".
const syslogTime =
  /\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) {1,2}\d{1,2} \d{2}:\d{2}:\d{2}\b/g;
// Store and tool ids such as run_3f9a0c1d2e4b or call_abc123.
const prefixedId = /\b(?:[a-z]+)_[0-9a-zA-Z]{6,}\b/g;
const idField = /("(?:[a-z]+_)?ids?"\s*:\s*)(\[[^\]]*\]|"[^"]*"|\d+)/gi;
const offenseNumber = /\b(offense|run|request|search)( |:|#)(\d+)\b/gi;

const idKey = /^(?:[a-z]+_)?ids?$/i;

function canonicalText(text: string): string {
  return text
    .replace(isoTime, '<time>')
    .replace(uuid, '<uuid>')
    .replace(epochMs, '<time>')
    .replace(epochSeconds, '<time>')
    .replace(syslogTime, '<time>')
    .replace(idField, '$1"<id>"')
    .replace(prefixedId, '<id>')
    .replace(offenseNumber, '$1$2<id>');
}

function canonicalValue(value: unknown, key = ''): unknown {
  if (idKey.test(key) && value !== null && typeof value !== 'object') {
    return '<id>';
  }
  if (typeof value === 'string') return canonicalText(value);
  if (typeof value === 'number') {
    return Number.isInteger(value) && value >= 1e12 && value < 1e13
      ? '<time>'
      : value;
  }
  if (Array.isArray(value)) return value.map((item) => canonicalValue(item));
  if (typeof value === 'object' && value !== null) {
    const sorted: Record<string, unknown> = {};
    for (const childKey of Object.keys(value).sort()) {
      sorted[childKey] = canonicalValue(
        (value as Record<string, unknown>)[childKey],
        childKey,
      );
    }
    return sorted;
  }
  return value;
}

function canonicalBlock(block: ContentBlock): unknown {
  if (block.type === 'text')
    return { type: 'text', text: canonicalText(block.text) };
  if (block.type === 'tool_result') {
    return {
      type: 'tool_result',
      name: block.name,
      text: canonicalText(block.text),
      isError: block.isError,
    };
  }
  return {
    type: 'tool_call',
    name: block.name,
    arguments: canonicalValue(block.arguments),
  };
}

/**
 * Returns the canonical form of a model request. Times, UUIDs and ids become
 * placeholders, tool-call ids and structured data are dropped and keys are
 * sorted, so a re-run of the same case with other ids and store times maps
 * to the same cassette entry.
 */
export function canonicalRequest(request: ModelRequest): unknown {
  return {
    system: canonicalText(request.system),
    tools: request.tools.map((tool) => tool.name),
    messages: request.messages.map((message) => ({
      role: message.role,
      content: message.content.map(canonicalBlock),
    })),
  };
}

/** Returns the sha256 hex key of a request's canonical form. */
export function requestKey(request: ModelRequest): string {
  return createHash('sha256')
    .update(JSON.stringify(canonicalRequest(request)))
    .digest('hex');
}
