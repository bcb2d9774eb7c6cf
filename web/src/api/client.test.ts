import { describe, expect, it } from 'vitest';
import { ApiClient, ApiError } from './client';

type Call = { url: string; init: RequestInit };

function stub(status: number, body: unknown, contentType = 'application/json'): { client: ApiClient; calls: Call[] } {
  const calls: Call[] = [];
  const fetchImpl = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'Content-Type': contentType } });
  }) as unknown as typeof fetch;
  return { client: new ApiClient(fetchImpl), calls };
}

describe('ApiClient', () => {
  it('sends views with the Idempotency-Key header and the views as JSON, with cookies and no caching', async () => {
    const { client, calls } = stub(201, { conferenceId: 'c', childId: 'k', version: 2, sentAt: '2026-11-21T10:00:00Z' });
    const receipt = await client.sendChildViews('c 1', 'key-12345678', { authorship: { kind: 'CHILD' } });
    expect(receipt.version).toBe(2);
    expect(calls[0].url).toBe('/api/child/conferences/c%201/views/send');
    expect(calls[0].init.method).toBe('POST');
    expect(calls[0].init.credentials).toBe('same-origin');
    expect(calls[0].init.cache).toBe('no-store');
    expect((calls[0].init.headers as Record<string, string>)['Idempotency-Key']).toBe('key-12345678');
    expect((calls[0].init.headers as Record<string, string>)['X-MySay-Request']).toBe('1');
    expect(JSON.parse(calls[0].init.body as string)).toEqual({ authorship: { kind: 'CHILD' } });
  });

  it('turns a problem+json answer into an ApiError that carries the problem', async () => {
    const problem = { type: 'https://mysay.example/problems/pin-not-right', title: 'That PIN is not right', status: 401, detail: 'Try again', attemptsLeft: 3 };
    const { client } = stub(401, problem, 'application/problem+json');
    const error = await client.childSignIn('1357').catch((e) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(401);
    expect(error.problem.attemptsLeft).toBe(3);
    expect(error.is('pin-not-right')).toBe(true);
    expect(error.is('not-right')).toBe(false);
    expect(error.retryable).toBe(false);
  });

  it('treats no network and server failures as worth retrying, and refusals as not', async () => {
    const offline = new ApiClient((async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof fetch);
    const noNetwork = await offline.childHome().catch((e) => e);
    expect(noNetwork.status).toBe(0);
    expect(noNetwork.retryable).toBe(true);
    expect((await stub(503, null).client.childHome().catch((e) => e)).retryable).toBe(true);
    expect((await stub(429, null).client.childHome().catch((e) => e)).retryable).toBe(true);
    expect((await stub(422, { title: 'x', status: 422, type: 't', detail: 'd' }).client.childHome().catch((e) => e)).retryable).toBe(false);
  });

  it('survives an error answer that is not JSON', async () => {
    const { client } = stub(502, undefined, 'text/html');
    const error = await client.me().catch((e) => e);
    expect(error.problem).toBeNull();
    expect(error.status).toBe(502);
  });
});
