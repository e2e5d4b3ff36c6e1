import type { RunRecord } from '../store/index.js';
import { sanitizeText } from '../text/index.js';
import type { ContentBlock, ModelMessage } from './provider.js';
import type { RunOutcome, RunUsage } from './run-record.js';
import { renderTable } from './triage-table.js';

function inert(value: unknown, maxLength = 200): string {
  return sanitizeText(value, { singleLine: true, maxLength });
}

function outcomeOf(run: RunRecord): RunOutcome | undefined {
  return (run.outcome ?? undefined) as RunOutcome | undefined;
}

function durationOf(run: RunRecord): string {
  if (run.finishedAt === null) return '-';
  const ms = Date.parse(run.finishedAt) - Date.parse(run.startedAt);
  return Number.isNaN(ms) ? '-' : `${(ms / 1000).toFixed(1)} s`;
}

/** Formats stored runs as a table, newest first; attacker text sanitized. */
export function formatRunList(runs: readonly RunRecord[]): string[] {
  const rows = runs.map((run) => {
    const outcome = outcomeOf(run);
    const recommendation = outcome?.recommendation;
    return [
      inert(run.id, 40),
      String(run.offenseId ?? '-'),
      inert(`${run.provider}/${run.model}`, 40),
      inert(run.state, 20),
      inert(outcome?.result ?? '-', 20),
      recommendation === undefined
        ? '-'
        : inert(
            `${recommendation.action} ${recommendation.target ?? ''}`.trim(),
            40,
          ),
      inert(run.startedAt, 30),
      durationOf(run),
    ];
  });
  return renderTable(
    [
      'run',
      'offense',
      'provider/model',
      'state',
      'result',
      'action',
      'started',
      'took',
    ],
    rows,
  );
}

function describeBlock(block: ContentBlock): string {
  switch (block.type) {
    case 'text':
      return `text: ${inert(block.text, 600)}`;
    case 'tool_call':
      return `call ${inert(block.name, 60)} ${inert(JSON.stringify(block.arguments), 400)}`;
    case 'tool_result':
      return `result ${inert(block.name, 60)}${block.isError ? ' (error)' : ''}: ${inert(block.text, 400)}`;
  }
}

/**
 * Formats one stored run for `agent show`: outcome, recommendation, policy
 * decision, usage, cost, timings, tool calls and the transcript. Every
 * value is sanitized, because tool results carry attacker-written text.
 */
export function formatRunDetails(run: RunRecord): string[] {
  const outcome = outcomeOf(run);
  const usage = (run.usage ?? undefined) as RunUsage | undefined;
  const recommendation = outcome?.recommendation;
  const lines = [
    `Run ${inert(run.id)} for offense ${run.offenseId ?? '-'}`,
    `Provider   ${inert(run.provider)} / ${inert(run.model)} in ${inert(run.mode)} mode`,
    `State      ${inert(run.state)}; result ${inert(outcome?.result ?? '-')}${outcome?.stopReason === undefined ? '' : ` (stopped: ${inert(outcome.stopReason)})`}`,
    `Started    ${inert(run.startedAt)}; finished ${inert(run.finishedAt ?? '-')}`,
  ];

  if (outcome?.detail !== undefined)
    lines.push(`Detail     ${inert(outcome.detail, 500)}`);
  if (recommendation !== undefined) {
    lines.push(
      `Stage      ${recommendation.attack_stage}; disposition ${recommendation.disposition}; severity ${recommendation.severity}`,
      `Action     ${recommendation.action}${recommendation.target === undefined ? '' : ` ${inert(recommendation.target)}`}; confidence ${recommendation.confidence.toFixed(2)}`,
      `Rationale  ${inert(recommendation.rationale, 1000)}`,
      ...recommendation.evidence.map(
        (item) =>
          `Evidence   ${inert(item.kind, 20)} ${inert(item.ref, 60)}: ${inert(item.excerpt, 300)}`,
      ),
    );
  }

  if (outcome?.decision !== undefined) {
    const decision = outcome.decision;
    lines.push(
      `Policy     ${decision.decision} (rule ${inert(decision.rule)})${decision.request_id === undefined ? '' : `; approval request ${inert(decision.request_id)}`}${decision.would_be === undefined ? '' : `; would be ${inert(decision.would_be)}`}`,
    );
  }
  if (outcome?.resume !== undefined) {
    lines.push(
      `Resume     approval ${inert(outcome.resume.status)}${outcome.resume.decision === undefined ? '' : `; ${outcome.resume.decision.decision} (rule ${inert(outcome.resume.decision.rule)})`}`,
    );
  }
  lines.push(
    `Note       ${outcome?.noteWritten === true ? 'written' : 'not written'}`,
  );
  if (usage !== undefined) {
    const cost =
      usage.costUsd === undefined
        ? 'n/a (no listed price)'
        : `$${usage.costUsd.toFixed(4)}`;
    lines.push(
      `Usage      ${usage.turns} model turns, ${usage.toolCalls} tool calls, ${usage.inputTokens} input and ${usage.outputTokens} output tokens, cost ${cost}`,
    );
  }

  const timings = outcome?.timings;
  if (timings !== undefined) {
    lines.push(
      `Timings    total ${timings.totalMs} ms; model ${timings.modelMs} ms and tools ${timings.toolMs} ms, each summed over concurrent calls`,
    );
  }

  lines.push('', 'Tool calls:');
  for (const call of outcome?.toolCalls ?? []) {
    lines.push(
      `  ${call.caller === 'runner' ? 'runner' : 'model '} ${inert(call.name, 40)} ${call.durationMs} ms${call.isError ? ' (error)' : ''} ${inert(JSON.stringify(call.arguments), 300)}`,
    );
  }

  const transcript = Array.isArray(run.transcript)
    ? (run.transcript as ModelMessage[])
    : [];
  lines.push('', 'Transcript:');
  transcript.forEach((message, index) => {
    for (const block of message.content)
      lines.push(`  ${index + 1} ${message.role}: ${describeBlock(block)}`);
  });
  return lines;
}
