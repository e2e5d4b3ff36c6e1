// A seeded mutator for metamorphic tests: renames hosts, users, addresses,
// ids and rules, rewords descriptions and reorders events of a case file,
// consistently everywhere the values occur (payloads and notes included).

type Json = Record<string, unknown>;

/** The renames applied to one case, original to new. */
export interface CaseRenames {
  ips: Map<string, string>;
  hosts: Map<string, string>;
  users: Map<string, string>;
  offenseId: number;
}

// Names that mean the same thing in every estate (built-in accounts) or
// are ordinary words a payload also uses. Renaming them would change the
// meaning of the case rather than its identifiers.
const keptUsers = new Set([
  'administrator',
  'admin',
  'root',
  'guest',
  'system',
  'krbtgt',
  'test',
  'user',
  'scanner',
  'finance',
  'reception',
  'backup',
  'support',
  'sales',
  'info',
  'service',
  'oracle',
  'postgres',
  'www',
  'web',
  'mail',
  'office',
]);

function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    // mulberry32
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function isInternal(ip: string): boolean {
  const [a = 0, b = 0] = ip.split('.').map(Number);
  return (
    a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)
  );
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function walk(
  value: unknown,
  visit: (key: string, value: unknown, parent: Json) => void,
  key = '',
  parent: Json = {},
): void {
  if (Array.isArray(value)) {
    for (const item of value) walk(item, visit, key, parent);
  } else if (typeof value === 'object' && value !== null) {
    for (const [childKey, child] of Object.entries(value))
      walk(child, visit, childKey, value as Json);
  } else {
    visit(key, value, parent);
  }
}

/**
 * Returns a mutated copy of a case and the renames used. The same seed
 * gives the same mutation.
 */
export function mutateCase(
  original: Json,
  seed: number,
): { mutated: Json; renames: CaseRenames } {
  const random = createRandom(seed);
  const pick = (size: number): number => Math.floor(random() * size);
  const ips = new Map<string, string>();
  const usedIps = new Set<string>();
  const hosts = new Map<string, string>();
  const users = new Map<string, string>();

  walk(original, (key, value) => {
    if (typeof value !== 'string') return;
    if (/^\d{1,3}(\.\d{1,3}){3}$/.test(value) && value !== '0.0.0.0')
      usedIps.add(value);
  });
  const newIp = (ip: string): string => {
    for (;;) {
      const candidate = isInternal(ip)
        ? `10.${100 + pick(100)}.${pick(250)}.${1 + pick(250)}`
        : `${['192.0.2', '198.51.100', '203.0.113'][pick(3)] ?? '192.0.2'}.${1 + pick(250)}`;
      if (!usedIps.has(candidate)) {
        usedIps.add(candidate);
        return candidate;
      }
    }
  };
  walk(original, (key, value) => {
    if (typeof value !== 'string') return;
    for (const match of value.matchAll(
      /(?<![\d.])\d{1,3}(?:\.\d{1,3}){3}(?![\d]|\.\d)/g,
    )) {
      const ip = match[0];
      if (ip === '0.0.0.0' || ip.split('.').some((part) => Number(part) > 255))
        continue;
      if (!ips.has(ip)) ips.set(ip, newIp(ip));
    }
    if (key === 'name' || key === 'username') return;
  });
  const assets = (original['assets'] ?? []) as Json[];
  for (const asset of assets) {
    for (const hostname of (asset['hostnames'] ?? []) as Json[]) {
      const raw = hostname['name'];
      const name = typeof raw === 'string' ? raw.toLowerCase() : '';
      const label = name.split('.')[0] ?? '';
      if (label !== '' && !hosts.has(label))
        hosts.set(label, `h${seed % 97}x${hosts.size}${pick(1000)}`);
    }
  }
  walk(original, (key, value) => {
    if (key !== 'username' || typeof value !== 'string') return;
    const name = value.trim().toLowerCase();
    if (!/^[a-z][a-z0-9._-]{2,30}$/.test(name) || keptUsers.has(name)) return;
    if (!users.has(name))
      users.set(name, `u${seed % 89}y${users.size}${pick(1000)}`);
  });

  let text = JSON.stringify(original);
  for (const [from, to] of ips) {
    text = text.replace(
      new RegExp(`(?<![\\d.])${escapeRegExp(from)}(?![\\d]|\\.\\d)`, 'g'),
      to,
    );
  }
  for (const [from, to] of [...hosts].sort(
    (left, right) => right[0].length - left[0].length,
  )) {
    text = text.replace(
      new RegExp(`(?<![\\w-])${escapeRegExp(from)}(?![\\w-])`, 'gi'),
      (match) => (match === match.toUpperCase() ? to.toUpperCase() : to),
    );
  }
  for (const [from, to] of [...users].sort(
    (left, right) => right[0].length - left[0].length,
  )) {
    text = text.replace(
      new RegExp(`(?<![\\w.-])${escapeRegExp(from)}(?![\\w-])`, 'gi'),
      to,
    );
  }
  const mutated = JSON.parse(text) as Json;

  // Ids: the offense, its rules and assets move by a seeded offset.
  const offset = 5000 + pick(4000);
  const offense = mutated['offense'] as Json;
  const oldOffenseId = Number(offense['id']);
  const offenseId = oldOffenseId + offset;
  offense['id'] = offenseId;
  const ruleIds = new Map<number, number>();
  const renameRule = (rule: Json): void => {
    const id = Number(rule['id']);
    if (!ruleIds.has(id)) ruleIds.set(id, id + offset);
    rule['id'] = ruleIds.get(id);
    if (typeof rule['name'] === 'string')
      rule['name'] = `Custom rule ${ruleIds.get(id) ?? 0}`;
  };
  for (const rule of (offense['rules'] ?? []) as Json[]) renameRule(rule);
  for (const rule of (mutated['rules'] ?? []) as Json[]) renameRule(rule);
  for (const asset of (mutated['assets'] ?? []) as Json[])
    asset['id'] = Number(asset['id']) + offset;
  for (const list of ['events', 'flows'] as const) {
    for (const record of (mutated[list] ?? []) as Json[]) {
      if (Array.isArray(record['offense_ids'])) {
        record['offense_ids'] = (record['offense_ids'] as number[]).map((id) =>
          id === oldOffenseId ? offenseId : id,
        );
      }
      if (Array.isArray(record['creeventlist'])) {
        record['creeventlist'] = (record['creeventlist'] as number[]).map(
          (id) => ruleIds.get(id) ?? id,
        );
      }
    }
  }
  for (const list of [
    'source_addresses',
    'local_destination_addresses',
  ] as const) {
    for (const record of (mutated[list] ?? []) as Json[]) {
      record['offense_ids'] = ((record['offense_ids'] ?? []) as number[]).map(
        (id) => (id === oldOffenseId ? offenseId : id),
      );
    }
  }
  // Rewording keeps the text but not its form.
  if (typeof offense['description'] === 'string') {
    offense['description'] =
      `Reworded (seed ${seed}): ${offense['description'].replace(/\s+/g, ' ').trim()}`;
  }
  // Reorder events (a seeded Fisher-Yates shuffle).
  const events = (mutated['events'] ?? []) as unknown[];
  for (let index = events.length - 1; index > 0; index -= 1) {
    const other = pick(index + 1);
    [events[index], events[other]] = [events[other], events[index]];
  }
  return { mutated, renames: { ips, hosts, users, offenseId } };
}

/** Maps a decision target through the renames. */
export function renameTarget(
  target: string | undefined,
  renames: CaseRenames,
): string | undefined {
  if (target === undefined) return undefined;
  return (
    renames.ips.get(target) ??
    renames.hosts.get(target.toLowerCase()) ??
    renames.users.get(target.toLowerCase()) ??
    target
  );
}
