import { request as httpRequest } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import {
  ElicitRequestSchema,
  LATEST_PROTOCOL_VERSION,
  type CallToolResult,
} from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  addToken,
  startHttpServer,
  type RunningHttpServer,
} from '../../src/server/http/index.js';
import { testOffenses, testTargets } from '../support/mcp-cases.js';
import { startStack, writeTestPolicy, type Stack } from './support/stack.js';

const directory = mkdtempSync(join(tmpdir(), 'qradar-mcp-http-'));
const tokensFile = join(directory, 'http-tokens.yaml');
const analystToken = addToken(tokensFile, {
  name: 'analyst-bot',
  role: 'analyst',
}).token;
const leadToken = addToken(tokensFile, {
  name: 'lead-bot',
  role: 'soc_lead',
}).token;

let stack: Stack;
let http: RunningHttpServer;
const clients: Client[] = [];

const initializeBody = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: {
    protocolVersion: LATEST_PROTOCOL_VERSION,
    capabilities: {},
    clientInfo: { name: 'raw', version: '1' },
  },
};

function post(
  headers: Record<string, string>,
  body: unknown = initializeBody,
): Promise<Response> {
  return fetch(http.mcpUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      ...headers,
    },
    body: JSON.stringify(body),
  });
}

async function connect(
  token: string | undefined,
  options: { elicitation?: 'accept' } = {},
): Promise<{ client: Client; transport: StreamableHTTPClientTransport }> {
  const transport = new StreamableHTTPClientTransport(new URL(http.mcpUrl), {
    requestInit: {
      headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
    },
  });
  const client = new Client(
    { name: 'http-test', version: '1.0.0' },
    {
      capabilities:
        options.elicitation === undefined ? {} : { elicitation: {} },
    },
  );
  if (options.elicitation !== undefined) {
    const action = options.elicitation;
    client.setRequestHandler(ElicitRequestSchema, () => ({ action }));
  }
  await client.connect(transport);
  clients.push(client);
  return { client, transport };
}

function structured(result: unknown): Record<string, unknown> {
  return (result as CallToolResult).structuredContent ?? {};
}

beforeAll(async () => {
  stack = await startStack({
    policyFile: writeTestPolicy(directory, {
      enabled: true,
      actions: ['isolate_host'],
      maxCriticality: 'critical',
    }),
  });
  http = await startHttpServer({
    host: '127.0.0.1',
    port: 0,
    tokensFile,
    allowOrigins: ['https://console.example.com'],
    logger: stack.logger,
    createSessionServer: (client) => stack.createSessionServer(client),
  });
});

afterAll(async () => {
  for (const client of clients) await client.close().catch(() => undefined);
  await http.close();
  await stack.close();
  rmSync(directory, { recursive: true, force: true });
});

describe('HTTP authentication', () => {
  it('rejects request without token', async () => {
    const response = await post({});
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe(
      'Bearer realm="qradar-mcp"',
    );
    await expect(connect(undefined)).rejects.toMatchObject({ code: 401 });
  });

  it('rejects wrong token', async () => {
    const response = await post({ authorization: `Bearer ${analystToken}x` });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toContain(
      'error="invalid_token"',
    );
    await expect(connect('qmcp_not-a-real-token')).rejects.toMatchObject({
      code: 401,
    });
  });

  it('rejects foreign origin', async () => {
    const response = await post({
      authorization: `Bearer ${analystToken}`,
      origin: 'https://evil.example',
    });
    expect(response.status).toBe(403);
  });

  it('accepts allowed origins', async () => {
    for (const origin of [
      'https://console.example.com',
      new URL(http.url).origin,
    ]) {
      const response = await post({
        authorization: `Bearer ${analystToken}`,
        origin,
      });
      expect(response.status, origin).toBe(200);
      expect(response.headers.get('access-control-allow-origin')).toBe(origin);
      await response.body?.cancel();
    }
  });

  it('answers CORS preflight without token', async () => {
    const preflight = (origin: string) =>
      fetch(http.mcpUrl, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization, content-type',
        },
      });
    const allowed = await preflight('https://console.example.com');
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-headers')).toContain(
      'authorization',
    );
    expect((await preflight('https://evil.example')).status).toBe(403);
  });

  it('rejects rebound host name', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const url = new URL(http.mcpUrl);
      const outgoing = httpRequest(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: 'POST',
          headers: {
            host: `attacker.example:${url.port}`,
            authorization: `Bearer ${analystToken}`,
            'content-type': 'application/json',
          },
        },
        (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        },
      );
      outgoing.on('error', reject);
      outgoing.end(JSON.stringify(initializeBody));
    });
    expect(status).toBe(403);
  });

  it('answers health check without QRadar', async () => {
    const before = stack.simulator.requests.length;
    const response = await fetch(`${http.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
    expect(stack.simulator.requests.length).toBe(before);
  });

  it('refuses non-loopback bind without tokens', async () => {
    await expect(
      startHttpServer({
        host: '0.0.0.0',
        port: 0,
        tokensFile: join(directory, 'missing.yaml'),
        logger: stack.logger,
        createSessionServer: (client) => stack.createSessionServer(client),
      }),
    ).rejects.toThrow(/non-loopback address/);
  });
});

describe('HTTP sessions', () => {
  it('serves same tools to every session', async () => {
    const analyst = await connect(analystToken);
    const lead = await connect(leadToken);
    const first = await analyst.client.listTools();
    const second = await lead.client.listTools();
    expect(first.tools.length).toBeGreaterThan(10);
    expect(second).toEqual(first);
  });

  it('writes client name into audit', async () => {
    const { client } = await connect(analystToken);
    const result = await client.callTool({
      name: 'block_ip',
      arguments: {
        ip: testTargets.ip.other,
        offense_id: testOffenses.main,
        rationale: 'Same spraying pattern from this address.',
        confidence: 0.7,
        evidence: [],
      },
    });
    expect(structured(result)['decision']).toBe('approval_required');
    const record = await stack.store.approvals.get(
      structured(result)['request_id'] as string,
    );
    expect(record).toMatchObject({
      requestedBy: 'analyst-bot',
      requestedByRole: 'analyst',
    });
    const audit = await stack.store.audit.list({
      kinds: ['approval_requested'],
    });
    expect(audit.at(-1)?.actor).toBe('analyst-bot');
  });

  it('binds session to its client', async () => {
    const { transport } = await connect(analystToken);
    const response = await post(
      {
        authorization: `Bearer ${leadToken}`,
        'mcp-session-id': transport.sessionId ?? '',
        'mcp-protocol-version': LATEST_PROTOCOL_VERSION,
      },
      { jsonrpc: '2.0', id: 2, method: 'tools/list', params: {} },
    );
    expect(response.status).toBe(404);
  });

  it('closes session on DELETE', async () => {
    const { transport } = await connect(leadToken);
    const before = http.sessionCount();
    await transport.terminateSession();
    expect(http.sessionCount()).toBe(before - 1);
  });

  it('applies approval rules per role', async () => {
    const analyst = await connect(analystToken, { elicitation: 'accept' });
    const lead = await connect(leadToken, { elicitation: 'accept' });
    const call = (client: Client) =>
      client.callTool({
        name: 'isolate_host',
        arguments: {
          host: testTargets.host.critical,
          offense_id: testOffenses.main,
          rationale: 'Logins succeeded after the spraying.',
          confidence: 0.8,
          evidence: [{ kind: 'event', ref: 'event:501-9', excerpt: 'ok' }],
        },
      });
    const refused = structured(await call(analyst.client));
    expect(refused['decision']).toBe('approval_required');
    expect(refused['reason']).toContain('needs the role soc_lead');
    const executed = structured(await call(lead.client));
    expect(executed).toMatchObject({
      decision: 'executed',
      request_id: refused['request_id'],
    });
    const record = await stack.store.approvals.get(
      executed['request_id'] as string,
    );
    expect(record).toMatchObject({
      decidedBy: 'lead-bot',
      decisionKind: 'elicitation',
    });
  });
});

describe('HTTP without tokens file', () => {
  it('accepts loopback clients as local', async () => {
    const local = await startHttpServer({
      port: 0,
      tokensFile: join(directory, 'absent.yaml'),
      logger: stack.logger,
      createSessionServer: (client) => stack.createSessionServer(client),
    });
    try {
      expect(local.authMode).toBe('local');
      const transport = new StreamableHTTPClientTransport(
        new URL(local.mcpUrl),
      );
      const client = new Client({ name: 'local-test', version: '1.0.0' });
      await client.connect(transport);
      const result = await client.callTool({
        name: 'block_ip',
        arguments: {
          ip: '203.0.113.77',
          offense_id: testOffenses.related,
          rationale: 'Seen in the related offense.',
          confidence: 0.6,
          evidence: [],
        },
      });
      const record = await stack.store.approvals.get(
        structured(result)['request_id'] as string,
      );
      expect(record?.requestedBy).toBe('local');
      await client.close();
    } finally {
      await local.close();
    }
  });

  it('requires tokens once the file appears', async () => {
    const lateFile = join(directory, 'late-tokens.yaml');
    const local = await startHttpServer({
      port: 0,
      tokensFile: lateFile,
      logger: stack.logger,
      createSessionServer: (client) => stack.createSessionServer(client),
    });
    const send = (headers: Record<string, string>): Promise<Response> =>
      fetch(local.mcpUrl, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
          ...headers,
        },
        body: JSON.stringify(initializeBody),
      });
    try {
      const opened = await send({});
      expect(opened.status).toBe(200);
      await opened.body?.cancel();
      const sessionId = opened.headers.get('mcp-session-id') ?? '';
      expect(sessionId).not.toBe('');
      expect(local.sessionCount()).toBe(1);

      const { token } = addToken(lateFile, {
        name: 'late-bot',
        role: 'analyst',
      });

      const again = await send({ 'mcp-session-id': sessionId });
      expect(again.status).toBe(401);
      await again.body?.cancel();
      expect(local.sessionCount()).toBe(0);
      expect(local.authMode).toBe('tokens');
      const anonymous = await send({});
      expect(anonymous.status).toBe(401);
      await anonymous.body?.cancel();
      const withToken = await send({ authorization: `Bearer ${token}` });
      expect(withToken.status).toBe(200);
      await withToken.body?.cancel();
    } finally {
      await local.close();
    }
  });
});
