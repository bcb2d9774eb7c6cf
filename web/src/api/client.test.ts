import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiClient, ApiError, SEND_TIMEOUT_MS, attachmentsPath, nextPage, retryAfterMs } from './client';

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
  it('reads every page of the conferences, following the Link headers to the last page', async () => {
    const pages: Record<string, { body: unknown[]; link?: string }> = {
      '/api/conferences?scope=current': { body: [{ id: 'a' }, { id: 'b' }], link: '</api/conferences?scope=current&after=B>; rel="next"' },
      '/api/conferences?scope=current&after=B': { body: [{ id: 'c' }], link: '</api/conferences?scope=current&after=C>; rel="next"' },
      '/api/conferences?scope=current&after=C': { body: [] },
    };
    const asked: string[] = [];
    const fetchImpl = (async (url: string) => {
      asked.push(url);
      const page = pages[url];
      return new Response(JSON.stringify(page.body), {
        status: 200,
        headers: { 'Content-Type': 'application/json', ...(page.link ? { Link: page.link } : {}) },
      });
    }) as unknown as typeof fetch;
    const all = await new ApiClient(fetchImpl).conferences();
    expect(all.map((c) => c.id)).toEqual(['a', 'b', 'c']);
    expect(asked).toEqual(Object.keys(pages));
  });

  it('follows only a next link on its own API, and never the same page twice', async () => {
    expect(nextPage('</api/conferences?after=X>; rel="next"')).toBe('/api/conferences?after=X');
    expect(nextPage('</api/a>; rel="prev", </api/b>; rel=next')).toBe('/api/b');
    expect(nextPage('<https://elsewhere.example/api/x>; rel="next"')).toBeNull();
    expect(nextPage('</api/a>; rel="prev"')).toBeNull();
    expect(nextPage(null)).toBeNull();
    const asked: string[] = [];
    const fetchImpl = (async (url: string) => {
      asked.push(url);
      return new Response('[{"id":"a"}]', {
        status: 200,
        headers: { 'Content-Type': 'application/json', Link: '</api/conferences?scope=all>; rel="next"' },
      });
    }) as unknown as typeof fetch;
    expect((await new ApiClient(fetchImpl).conferences('all')).length).toBe(1);
    expect(asked).toEqual(['/api/conferences?scope=all']);
  });

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

  it('reads how long the service asked to be left alone, in seconds or as a date', async () => {
    const fetchImpl = (async () =>
      new Response(JSON.stringify({ type: 't/problems/service-unavailable', title: 'Busy', status: 503, detail: 'd' }), {
        status: 503,
        headers: { 'Content-Type': 'application/problem+json', 'Retry-After': '5' },
      })) as unknown as typeof fetch;
    const error = await new ApiClient(fetchImpl).sendChildViews('c', 'key-12345678', { authorship: { kind: 'CHILD' } }).catch((e) => e);
    expect(error.retryAfterMs).toBe(5_000);
    expect((await stub(503, null).client.childHome().catch((e) => e)).retryAfterMs).toBeNull();
    const now = Date.parse('2026-11-21T10:00:00Z');
    expect(retryAfterMs('Sat, 21 Nov 2026 10:01:00 GMT', now)).toBe(60_000);
    expect(retryAfterMs('Sat, 21 Nov 2026 09:00:00 GMT', now)).toBe(0);
    expect(retryAfterMs('soon', now)).toBeNull();
    expect(retryAfterMs(' 120 ', now)).toBe(120_000);
  });

  it('survives an error answer that is not JSON', async () => {
    const { client } = stub(502, undefined, 'text/html');
    const error = await client.me().catch((e) => e);
    expect(error.problem).toBeNull();
    expect(error.status).toBe(502);
  });

  it('uploads a voice note or picture as its raw bytes with their type, and fetches one back as a Blob', async () => {
    const calls: Call[] = [];
    const client = new ApiClient((async (url: string, init: RequestInit) => {
      calls.push({ url, init });
      return init.method === 'POST'
        ? new Response(JSON.stringify({ id: 'a1', kind: 'VOICE', mediaType: 'audio/webm', bytes: 3, width: null, height: null }), { status: 201 })
        : new Response(new Uint8Array([1, 2, 3]), { status: 200, headers: { 'Content-Type': 'audio/webm' } });
    }) as unknown as typeof fetch);
    const base = attachmentsPath('c 1');
    expect(base).toBe('/api/child/conferences/c%201/attachments');
    expect(attachmentsPath('c', 'k')).toBe('/api/conferences/c/children/k/attachments');
    const voice = new Blob([new Uint8Array([1, 2, 3])], { type: 'audio/webm;codecs=opus' });
    const info = await client.uploadAttachment(base, voice);
    expect(info.id).toBe('a1');
    expect(calls[0].init.body).toBe(voice);
    expect((calls[0].init.headers as Record<string, string>)['Content-Type']).toBe('audio/webm;codecs=opus');
    expect((calls[0].init.headers as Record<string, string>)['X-MySay-Request']).toBe('1');
    expect(calls[0].init.cache).toBe('no-store');
    const back = await client.attachmentBlob(base, 'a1');
    expect(calls[1].url).toBe('/api/child/conferences/c%201/attachments/a1');
    expect(new Uint8Array(await back.arrayBuffer())).toEqual(new Uint8Array([1, 2, 3]));
  });

  it('turns a refused upload into an ApiError with its plain explanation', async () => {
    const problem = { type: 'https://mysay.example/problems/unsupported-attachment', title: 'No', status: 415, detail: 'Only voice notes and pictures' };
    const { client } = stub(415, problem, 'application/problem+json');
    const error = await client.uploadAttachment('/api/x', new Blob(['x'])).catch((e) => e);
    expect(error.status).toBe(415);
    expect(error.problem.detail).toBe('Only voice notes and pictures');
    expect(error.retryable).toBe(false);
  });
  describe('a sending that never answers', () => {
    afterEach(() => {
      vi.useRealTimers();
    });

    /** A fetch that never answers, but fails when its signal aborts, as the browser's does; it keeps the signals. */
    function silent(): { fetchImpl: typeof fetch; signals: (AbortSignal | undefined)[] } {
      const signals: (AbortSignal | undefined)[] = [];
      const fetchImpl = ((_url: string, init: RequestInit) => {
        const signal = init.signal ?? undefined;
        signals.push(signal);
        return new Promise<Response>((_resolve, reject) => {
          signal?.addEventListener('abort', () => reject(new DOMException('The operation was aborted.', 'AbortError')));
        });
      }) as unknown as typeof fetch;
      return { fetchImpl, signals };
    }

    it('is given up as no signal after SEND_TIMEOUT_MS, so it is tried again later', async () => {
      vi.useFakeTimers();
      const { fetchImpl, signals } = silent();
      const sending = new ApiClient(fetchImpl).sendChildViews('c', 'key-12345678', { authorship: { kind: 'CHILD' } }).catch((e) => e);
      await vi.advanceTimersByTimeAsync(SEND_TIMEOUT_MS - 1);
      expect(signals[0]?.aborted).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      const error = await sending;
      expect(error).toBeInstanceOf(ApiError);
      expect(error.status).toBe(0);
      expect(error.retryable).toBe(true);
    });

    it('an answer whose body stops coming is given up the same way', async () => {
      vi.useFakeTimers();
      const fetchImpl = ((_url: string, init: RequestInit) =>
        Promise.resolve(
          new Response(
            new ReadableStream({
              start(controller) {
                controller.enqueue(new TextEncoder().encode('{"version":'));
                init.signal?.addEventListener('abort', () => controller.error(new DOMException('aborted', 'AbortError')));
              },
            }),
            { status: 201, headers: { 'Content-Type': 'application/json' } },
          ),
        )) as unknown as typeof fetch;
      const sending = new ApiClient(fetchImpl).sendChildViews('c', 'key-12345678', { authorship: { kind: 'CHILD' } }).catch((e) => e);
      await vi.advanceTimersByTimeAsync(SEND_TIMEOUT_MS);
      const error = await sending;
      expect(error.status).toBe(0);
      expect(error.retryable).toBe(true);
    });

    it("an advocate's sending too; other calls run without a limit, and a sending's clock stops once answered", async () => {
      vi.useFakeTimers();
      const { fetchImpl, signals } = silent();
      const client = new ApiClient(fetchImpl);
      const advocate = client.sendAdvocateViews('c', 'k', 'key-12345678', { authorship: { kind: 'ADVOCATE_ON_BEHALF' } }).catch((e) => e);
      void client.childHome().catch(() => undefined);
      expect(signals[1]).toBeUndefined();
      await vi.advanceTimersByTimeAsync(SEND_TIMEOUT_MS);
      expect((await advocate).status).toBe(0);
      expect(vi.getTimerCount()).toBe(0);

      const answered = stub(201, { conferenceId: 'c', childId: 'k', version: 1, sentAt: '2026-12-07T10:00:00Z' });
      await answered.client.sendChildViews('c', 'key-12345678', { authorship: { kind: 'CHILD' } });
      expect(vi.getTimerCount()).toBe(0);
    });
  });
});
