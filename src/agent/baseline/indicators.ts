import { sanitizeText } from '../../text/index.js';
import { compileKeywords } from './classify.js';
import type { EventFact, NoteFact, TriageFacts } from './facts.js';
import { injectionClass } from './gather.js';
import type { Playbook } from './playbook-schema.js';

/** Text addressed to an automated responder, found in the offense's data. */
export interface Indicator {
  ref: string;
  excerpt: string;
  /** The event that carried the text, if an event did. */
  event: EventFact | undefined;
}

/** Shortens attacker text to one sanitized line. */
export function excerptOf(text: string, length = 160): string {
  return sanitizeText(text, { singleLine: true, maxLength: length });
}

function describe(where: string, text: string): string {
  return `${where} addresses an automated responder: "${excerptOf(text, 120)}"`;
}

/**
 * Finds text that tries to steer an automated responder: in the offense
 * description, event user names and payloads (matched by Ariel over the
 * whole payload), asset fields and notes. Such text is an indicator of
 * compromise and is never followed.
 */
export function findInjections(
  facts: TriageFacts,
  playbook: Playbook,
): Indicator[] {
  const pattern = compileKeywords(playbook.injection.keywords);
  if (pattern === undefined) return [];
  const fields = new Set(playbook.injection.fields);
  const found: Indicator[] = [];
  if (fields.has('description') && pattern.test(facts.description)) {
    found.push({
      ref: facts.offenseRef,
      excerpt: describe('offense description', facts.description),
      event: undefined,
    });
  }
  for (const event of facts.events) {
    const username = event.username ?? '';
    if (fields.has('username') && pattern.test(username)) {
      found.push({
        ref: event.ref ?? facts.offenseRef,
        excerpt: describe('event user name', username),
        event,
      });
    } else if (
      event.matchedClasses.has(injectionClass) ||
      (fields.has('payload') && pattern.test(event.payload))
    ) {
      found.push({
        ref: event.ref ?? facts.offenseRef,
        excerpt: describe('event payload', event.payload),
        event,
      });
    }
  }
  if (fields.has('asset')) {
    for (const asset of facts.assets) {
      if (pattern.test(asset.text)) {
        found.push({
          ref: asset.ref,
          excerpt: describe('asset field', asset.text),
          event: undefined,
        });
      }
    }
  }
  if (fields.has('note')) {
    for (const note of facts.notes) {
      if (isInjectedNote(note, playbook)) {
        found.push({
          ref: note.ref,
          excerpt: describe('note', note.text),
          event: undefined,
        });
      }
    }
  }
  const unique = new Map<string, Indicator>();
  for (const indicator of found) {
    if (!unique.has(indicator.excerpt))
      unique.set(indicator.excerpt, indicator);
  }
  return [...unique.values()].slice(0, 3);
}

/** Tells whether a note carries text addressed to an automated responder. */
export function isInjectedNote(note: NoteFact, playbook: Playbook): boolean {
  return compileKeywords(playbook.injection.keywords)?.test(note.text) === true;
}

function isNegated(
  text: string,
  index: number,
  negations: readonly string[],
): boolean {
  const before = text
    .slice(0, index)
    .toLowerCase()
    .split(/[^a-z0-9'-]+/)
    .filter((word) => word !== '');
  const window = before.slice(-3);
  return window.some((word) => negations.includes(word));
}

/**
 * Returns the first analyst note that records an approved activity. Such a
 * note carries a marker that no negation cancels, so "no change ticket"
 * does not count. It is not the agent's own, and it addresses no automated
 * responder, because a quoted attacker mail is not an approval.
 */
export function findApprovalNote(
  facts: TriageFacts,
  playbook: Playbook,
): NoteFact | undefined {
  const marker = compileKeywords(playbook.disposition.note_markers);
  if (marker === undefined) return undefined;
  const negations = playbook.disposition.negations.map((word) =>
    word.toLowerCase(),
  );
  const global = new RegExp(marker.source, 'gi');
  return facts.notes.find((note) => {
    if (note.text.includes('[qradar-mcp run')) return false;
    if (isInjectedNote(note, playbook)) return false;
    for (const match of note.text.matchAll(global)) {
      if (!isNegated(note.text, match.index, negations)) return true;
    }
    return false;
  });
}
