import { escapeHtml, sanitizeText } from '../../src/text/index.js';
import type { Proportion } from '../scoring/wilson.js';

/** One bar of a chart: a label, a value and an optional 95% interval. */
export interface ChartBar {
  label: string;
  /** Value in chart units: 0 to 1 for proportions, milliseconds for times. */
  value: number;
  low?: number | undefined;
  high?: number | undefined;
  /** Text printed at the end of the bar. */
  valueText: string;
  /** Fill colour, a CSS colour literal. */
  color?: string | undefined;
}

const rowHeight = 22;
const labelWidth = 300;
const barWidth = 320;
const valueWidth = 90;

function text(value: string, maxLength = 48): string {
  return escapeHtml(sanitizeText(value, { singleLine: true, maxLength }));
}

/**
 * Draws a horizontal bar chart as static SVG markup (no scripts), with
 * whiskers for 95% intervals; every label is sanitized and escaped.
 */
export function renderBarChart(
  title: string,
  bars: readonly ChartBar[],
  maximum: number,
): string {
  const scale = (value: number): number =>
    maximum <= 0 ? 0 : (Math.min(value, maximum) / maximum) * barWidth;
  const height = bars.length * rowHeight + 10;
  const width = labelWidth + barWidth + valueWidth;
  const rows = bars.map((bar, index) => {
    const y = index * rowHeight + 5;
    const middle = y + rowHeight / 2;
    const parts = [
      `<text x="${labelWidth - 8}" y="${middle + 4}" text-anchor="end">${text(bar.label)}</text>`,
      `<rect x="${labelWidth}" y="${y + 4}" width="${scale(bar.value).toFixed(1)}" height="${rowHeight - 8}" fill="${bar.color ?? '#4a78b5'}"/>`,
    ];
    if (bar.low !== undefined && bar.high !== undefined) {
      const x1 = (labelWidth + scale(bar.low)).toFixed(1);
      const x2 = (labelWidth + scale(bar.high)).toFixed(1);
      parts.push(
        `<line x1="${x1}" y1="${middle}" x2="${x2}" y2="${middle}" stroke="#222" stroke-width="1.5"/>`,
        `<line x1="${x1}" y1="${middle - 5}" x2="${x1}" y2="${middle + 5}" stroke="#222"/>`,
        `<line x1="${x2}" y1="${middle - 5}" x2="${x2}" y2="${middle + 5}" stroke="#222"/>`,
      );
    }
    parts.push(
      `<text x="${labelWidth + barWidth + 8}" y="${middle + 4}">${text(bar.valueText, 20)}</text>`,
    );
    return parts.join('');
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif" font-size="12">`,
    `<title>${text(title, 120)}</title>`,
    `<line x1="${labelWidth}" y1="0" x2="${labelWidth}" y2="${height}" stroke="#999"/>`,
    ...rows,
    '</svg>',
  ].join('\n');
}

/** Turns a proportion into a bar with its interval, or a zero bar when empty. */
export function proportionBar(
  label: string,
  proportion: Proportion,
  color?: string,
): ChartBar {
  return {
    label,
    value: proportion.value ?? 0,
    low: proportion.low ?? undefined,
    high: proportion.high ?? undefined,
    valueText:
      proportion.value === null
        ? 'n/a'
        : `${(proportion.value * 100).toFixed(1)}%`,
    color,
  };
}
