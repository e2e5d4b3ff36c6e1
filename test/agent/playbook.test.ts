import { describe, expect, it } from 'vitest';

import {
  loadPlaybook,
  parsePlaybook,
  PlaybookError,
} from '../../src/agent/baseline/load-playbook.js';

function errorOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(PlaybookError.is(error)).toBe(true);
    return (error as Error).message;
  }
  throw new Error('expected a PlaybookError');
}

const minimal = `version: 1
internal_networks: [10.0.0.0/8]
classes:
  login_failure:
    keywords: [failed]
signals:
  guessing:
    kind: count
    class: login_failure
    group_by: source_ip
    stage: credential_access
    weight: 0.5
disposition:
  weak_below: 0.4
actions: []
guards:
  high_value_min_confidence: 0.8
confidence: { floor: 0.2, cap: 0.95, corroboration_bonus: 0.05 }
severity: { credential_access: 6 }
injection: { keywords: [] }
`;

describe('playbook loading', () => {
  it('loads shipped playbook', () => {
    const playbook = loadPlaybook();
    expect(Object.keys(playbook.signals).length).toBeGreaterThan(10);
    expect(playbook.classes['reconnaissance']?.categories[0]).toEqual({
      low: 1000,
      high: 1999,
    });
  });

  it('accepts minimal playbook', () => {
    expect(
      parsePlaybook(minimal, 'mini.yaml').signals['guessing']?.min_events,
    ).toBe(1);
  });

  it('reports wrong value with line', () => {
    const text = minimal.replace('weight: 0.5', 'weight: 7');
    expect(errorOf(() => parsePlaybook(text, 'bad.yaml'))).toContain(
      'bad.yaml:12: signals.guessing.weight',
    );
  });

  it('reports unknown class with line', () => {
    const text = minimal.replace(
      'class: login_failure',
      'class: login_failures',
    );
    expect(errorOf(() => parsePlaybook(text, 'bad.yaml'))).toMatch(
      /bad\.yaml:9: signals\.guessing\.class: unknown class "login_failures"/,
    );
  });

  it('reports missing key at parent line', () => {
    const text = minimal.replace('    group_by: source_ip\n', '');
    expect(errorOf(() => parsePlaybook(text, 'bad.yaml'))).toContain(
      'bad.yaml:7: signals.guessing.group_by',
    );
  });

  it('reports unknown key', () => {
    const text = minimal.replace(
      '    weight: 0.5\n',
      '    weight: 0.5\n    wieght: 1\n',
    );
    expect(errorOf(() => parsePlaybook(text, 'bad.yaml'))).toContain(
      'bad.yaml:7: signals.guessing',
    );
  });

  it('reports invalid category range', () => {
    const text = minimal.replace(
      '    keywords: [failed]',
      '    categories: ["3000-2000"]\n    keywords: [failed]',
    );
    expect(errorOf(() => parsePlaybook(text, 'bad.yaml'))).toContain(
      'bad.yaml:5: classes.login_failure.categories.0',
    );
  });

  it('reports YAML syntax error with line', () => {
    expect(
      errorOf(() => parsePlaybook('version: 1\nclasses: [\n', 'broken.yaml')),
    ).toMatch(/broken\.yaml:\d+:/);
  });

  it('reports missing file', () => {
    expect(errorOf(() => loadPlaybook('/nonexistent/playbook.yaml'))).toContain(
      'Failed to read playbook /nonexistent/playbook.yaml',
    );
  });
});
