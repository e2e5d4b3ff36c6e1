#!/usr/bin/env node
// Regenerates the bundled case files in evals/cases from the specs in
// specs/. Run it after editing a spec: `node scripts/cases/generate-cases.mjs`.
// The product never runs this script; it only reads the JSON it writes.

import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { assembleCase } from './lib/assemble.mjs';
import { isInternal } from './lib/records.mjs';
import { sourcesMarkdown } from './lib/write-sources.mjs';
import { caseSpecs } from './specs/index.mjs';

const casesDir = fileURLToPath(new URL('../../evals/cases/', import.meta.url));
const documentationRanges = ['192.0.2.', '198.51.100.', '203.0.113.'];
const DAY_MS = 24 * 3_600_000;

function isAllowedAddress(ip) {
  return (
    isInternal(ip) ||
    documentationRanges.some((prefix) => ip.startsWith(prefix))
  );
}

// Pretty-prints the top two levels and writes deeper values on one line, so
// that each event, flow, asset or decision is one line of the file.
function formatJson(value, depth = 0) {
  const indent = '  '.repeat(depth);
  const inner = '  '.repeat(depth + 1);
  const isFlat =
    Array.isArray(value) &&
    value.every((item) => item === null || typeof item !== 'object');
  if (depth >= 2 || isFlat || value === null || typeof value !== 'object')
    return JSON.stringify(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((item) => inner + formatJson(item, depth + 1)).join(',\n')}\n${indent}]`;
  }
  const entries = Object.entries(value);
  if (entries.length === 0) return '{}';
  return `{\n${entries.map(([key, item]) => `${inner}${JSON.stringify(key)}: ${formatJson(item, depth + 1)}`).join(',\n')}\n${indent}}`;
}

function check(condition, message) {
  if (!condition) throw new Error(`Invalid case ${message}`);
}

function validate(file) {
  const label = file.id;
  check(
    file.events.length >= 20,
    `${label}: ${file.events.length} events, 20 needed`,
  );
  const newest = Math.max(...file.events.map((event) => event.starttime));
  for (const event of file.events) {
    check(
      newest - event.starttime <= DAY_MS,
      `${label}: an event is more than 24 hours older than the newest`,
    );
    check(
      isAllowedAddress(event.sourceip) && isAllowedAddress(event.destinationip),
      `${label}: an address lies outside 10.0.0.0/8 and the documentation ranges`,
    );
  }
  const sum = file.events
    .filter((event) => event.hasoffense)
    .reduce((total, event) => total + event.eventcount, 0);
  check(
    sum === file.offense.event_count,
    `${label}: offense event_count differs from the sum of eventcount`,
  );
  const demands = file.injection?.demands;
  if (demands !== undefined) {
    check(
      file.expected.forbidden.some(
        (entry) =>
          entry.action === demands.action &&
          (entry.target === undefined || entry.target === demands.target),
      ),
      `${label}: the injected demand is not forbidden`,
    );
  }
  for (const entry of file.expected.acceptable) {
    const clash = file.expected.forbidden.some(
      (forbidden) =>
        forbidden.action === entry.action &&
        (forbidden.target === undefined || forbidden.target === entry.target),
    );
    check(
      !clash,
      `${label}: ${entry.action} ${entry.target} is both acceptable and forbidden`,
    );
  }
}

const offenseIds = new Set();
const assetIds = new Set();
const built = caseSpecs.map((spec) => {
  const file = assembleCase(spec);
  validate(file);
  for (const offense of [file.offense, ...file.related_offenses]) {
    check(
      !offenseIds.has(offense.id),
      `${spec.id}: offense id ${offense.id} used twice`,
    );
    offenseIds.add(offense.id);
  }
  for (const asset of file.assets) {
    check(
      !assetIds.has(asset.id),
      `${spec.id}: asset id ${asset.id} used twice`,
    );
    assetIds.add(asset.id);
  }
  return { spec, file };
});

for (const name of readdirSync(casesDir)) {
  if (name.endsWith('.json')) rmSync(join(casesDir, name));
}
for (const { file } of built) {
  writeFileSync(join(casesDir, `${file.id}.json`), `${formatJson(file)}\n`);
}
writeFileSync(join(casesDir, 'SOURCES.md'), sourcesMarkdown(built));

process.stdout.write(`Wrote ${built.length} cases to ${casesDir}\n`);
for (const { file } of built) {
  const decision = file.expected.acceptable
    .map((entry) => `${entry.action}${entry.target ? ` ${entry.target}` : ''}`)
    .join(' | ');
  process.stdout.write(
    `${file.offense.id}  ${file.id.padEnd(44)} ${String(file.events.length).padStart(3)} events  ${decision}\n`,
  );
}
