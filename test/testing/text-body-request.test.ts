import { describe, expect, it } from 'vitest';
import { TextBodyRequest } from '../../src/testing/text-body-request.js';

const URL_ = 'https://messagebird.test/v1/send';
const BODY = '{"to":"+5511987654321","content":{"text":"olá ✓"}}';
const made = (headers: Record<string, string> = { 'Content-Type': 'application/json' }) => ({
  real: new Request(URL_, { method: 'POST', headers, body: BODY }),
  kept: new TextBodyRequest(URL_, { method: 'POST', headers }, BODY),
});

describe('TextBodyRequest: a Request whose string body is kept as it is', () => {
  it('is a Request with the same method, URL and headers (text/plain when none is given)', () => {
    const headerSets: Record<string, string>[] = [
      { 'Content-Type': 'application/json', Authorization: 'x' },
      {},
    ];
    for (const headers of headerSets) {
      const { real, kept } = made(headers);
      expect(kept).toBeInstanceOf(Request);
      expect(kept.method).toBe(real.method);
      expect(kept.url).toBe(real.url);
      expect([...kept.headers]).toEqual([...real.headers]);
    }
  });

  it('reads as a Request reads, once', async () => {
    for (const read of ['text', 'json', 'arrayBuffer', 'blob'] as const) {
      const { real, kept } = made();
      const a = await real[read]();
      const b = await kept[read]();
      if (read === 'blob') {
        expect(await (b as Blob).text()).toBe(await (a as Blob).text());
        expect((b as Blob).type).toBe((a as Blob).type);
      } else expect(b).toEqual(a);
      expect(kept.bodyUsed).toBe(true);
      await expect(kept.text()).rejects.toThrow(new TypeError(await errorOf(real)));
      expect(() => kept.clone()).toThrow(TypeError);
    }
  });

  it('has its body as a stream when asked, and clones', async () => {
    const { kept } = made();
    expect(await new Response(kept.clone().body).text()).toBe(BODY);
    expect(await kept.clone().text()).toBe(BODY);
    expect(await new Response(kept.body).text()).toBe(BODY);
    const other = made().kept;
    void other.body;
    expect(await other.clone().text()).toBe(BODY);
    expect(await other.text()).toBe(BODY);
  });
});

async function errorOf(request: Request): Promise<string> {
  try {
    await request.text();
  } catch (e) {
    return (e as Error).message;
  }
  return 'read twice';
}
