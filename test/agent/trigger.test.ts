import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import {
  startTriggerServer,
  type TriggerServer,
} from '../../src/agent/index.js';
import {
  signWebhookBody,
  verifyWebhookSignature,
} from '../../src/policy/index.js';

const secret = 'trigger-secret-for-tests';

describe('trigger server', () => {
  let server: TriggerServer;
  let triggered: number[];
  let clock: number;

  beforeEach(async () => {
    triggered = [];
    clock = Date.UTC(2026, 0, 15, 12, 0, 0);
    server = await startTriggerServer({
      port: 0,
      now: () => clock,
      verify: (input) => verifyWebhookSignature({ secret, ...input }),
      onTrigger: (offenseId) => {
        triggered.push(offenseId);
      },
    });
  });

  afterEach(async () => {
    await server.close();
  });

  const post = (body: string, headers: Record<string, string>) =>
    fetch(server.url, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', ...headers },
    });

  it('queues a signed request', async () => {
    const body = JSON.stringify({ offense_id: 42 });
    const response = await post(body, signWebhookBody(secret, body, clock));
    expect(response.status).toBe(202);
    expect(triggered).toEqual([42]);
  });

  it('rejects a stale timestamp', async () => {
    const body = JSON.stringify({ offense_id: 42 });
    const response = await post(
      body,
      signWebhookBody(secret, body, clock - 6 * 60_000),
    );
    expect(response.status).toBe(401);
    expect(triggered).toEqual([]);
  });

  it('rejects a signature by another secret', async () => {
    const body = JSON.stringify({ offense_id: 42 });
    const response = await post(
      body,
      signWebhookBody('another-secret', body, clock),
    );
    expect(response.status).toBe(401);
    expect(triggered).toEqual([]);
  });

  it('rejects a body changed after signing', async () => {
    const headers = signWebhookBody(
      secret,
      JSON.stringify({ offense_id: 42 }),
      clock,
    );
    const response = await post(JSON.stringify({ offense_id: 43 }), headers);
    expect(response.status).toBe(401);
  });

  it('rejects a missing signature', async () => {
    const response = await post(JSON.stringify({ offense_id: 42 }), {});
    expect(response.status).toBe(401);
  });

  it('rejects a body without offense id', async () => {
    const body = JSON.stringify({ offense: 'x' });
    const response = await post(body, signWebhookBody(secret, body, clock));
    expect(response.status).toBe(400);
    expect(triggered).toEqual([]);
  });

  it('rejects other methods', async () => {
    const response = await fetch(server.url);
    expect(response.status).toBe(405);
  });
});
