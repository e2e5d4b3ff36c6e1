import { isIP } from 'node:net';

type JsonRecord = Record<string, unknown>;

/** Tells whether an address lies in a private (RFC 1918 or IPv6 ULA) network. */
export function isLocalAddress(ip: string): boolean {
  const version = isIP(ip);
  if (version === 4) {
    const [first = 0, second = 0] = ip.split('.').map(Number);
    return (
      first === 10 ||
      (first === 172 && second >= 16 && second <= 31) ||
      (first === 192 && second === 168)
    );
  }
  return version === 6 && /^f[cd]/i.test(ip);
}

function networkName(ip: string): string {
  if (!isLocalAddress(ip)) return 'other';
  const [first = '0', second = '0'] = ip.split('.');
  return `Net-10-172-192.Net_${first}_${first === '10' ? '0' : second}_0_0`;
}

/** One side of an offense's address list: sources or local destinations. */
type AddressKind = 'source' | 'local_destination';

/**
 * Collects the source and local destination address records of many
 * offenses, one record per IP with the offense ids and counts merged.
 */
export class AddressIndex {
  readonly #records = new Map<string, JsonRecord>();
  readonly #byId = new Map<number, string>();
  readonly #ipField: string;
  readonly #linkField: string;
  #nextId = 1;

  constructor(kind: AddressKind) {
    this.#ipField = kind === 'source' ? 'source_ip' : 'local_destination_ip';
    this.#linkField =
      kind === 'source'
        ? 'local_destination_address_ids'
        : 'source_address_ids';
  }

  /**
   * Adds a record from a case file; returns the conflicting IP when its id is
   * already used by a record of another IP.
   */
  addExplicit(record: JsonRecord): string | undefined {
    const ip = String(record[this.#ipField]);
    const id = Number(record['id']);
    const known = this.#byId.get(id);
    if (known !== undefined && known !== ip) return known;
    const existing = this.#records.get(ip);
    if (existing === undefined) {
      this.#records.set(ip, this.#withDefaults({ ...record }, ip, id));
    } else {
      mergeIds(existing, 'offense_ids', asIds(record['offense_ids']));
    }
    this.#byId.set(id, ip);
    this.#nextId = Math.max(this.#nextId, id + 1);
    return undefined;
  }

  /** Returns the record of an IP, creating it with a fresh id. */
  ensure(ip: string): JsonRecord {
    const existing = this.#records.get(ip);
    if (existing !== undefined) return existing;
    const id = this.#nextId;
    this.#nextId += 1;
    const record = this.#withDefaults({}, ip, id);
    this.#records.set(ip, record);
    this.#byId.set(id, ip);
    return record;
  }

  /** Counts one event or flow record for an offense at the given time. */
  observe(
    ip: string,
    offenseId: number,
    count: number,
    timeMs: number | undefined,
    magnitude: number,
  ): JsonRecord {
    const record = this.ensure(ip);
    mergeIds(record, 'offense_ids', [offenseId]);
    record['event_flow_count'] = Number(record['event_flow_count']) + count;
    record['magnitude'] = Math.max(Number(record['magnitude']), magnitude);
    if (timeMs !== undefined) {
      const first = record['first_event_flow_seen'];
      const last = record['last_event_flow_seen'];
      if (typeof first !== 'number' || timeMs < first)
        record['first_event_flow_seen'] = timeMs;
      if (typeof last !== 'number' || timeMs > last)
        record['last_event_flow_seen'] = timeMs;
    }
    return record;
  }

  /** Links a record to the id of an address on the other side. */
  link(ip: string, otherId: number): void {
    const record = this.#records.get(ip);
    if (record !== undefined) mergeIds(record, this.#linkField, [otherId]);
  }

  /** Returns the ids of the records that list an offense. */
  idsForOffense(offenseId: number): number[] {
    return [...this.#records.values()]
      .filter((record) => asIds(record['offense_ids']).includes(offenseId))
      .map((record) => Number(record['id']))
      .sort((left, right) => left - right);
  }

  /** Returns every record, ordered by id. */
  records(): JsonRecord[] {
    return [...this.#records.values()].sort(
      (left, right) => Number(left['id']) - Number(right['id']),
    );
  }

  #withDefaults(record: JsonRecord, ip: string, id: number): JsonRecord {
    return {
      id,
      [this.#ipField]: ip,
      magnitude: 0,
      network: networkName(ip),
      offense_ids: [],
      [this.#linkField]: [],
      event_flow_count: 0,
      first_event_flow_seen: null,
      last_event_flow_seen: null,
      domain_id: 0,
      ...record,
    };
  }
}

function asIds(value: unknown): number[] {
  return Array.isArray(value)
    ? value.filter((entry): entry is number => typeof entry === 'number')
    : [];
}

function mergeIds(record: JsonRecord, field: string, ids: number[]): void {
  const merged = new Set([...asIds(record[field]), ...ids]);
  record[field] = [...merged].sort((left, right) => left - right);
}
