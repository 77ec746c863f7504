const UNUSABLE = 'Body is unusable: Body has already been read';

/**
 * A Request with a string body that keeps the string: `text()`, `json()`, `arrayBuffer()` and
 * `blob()` answer it without the web stream a Request makes of its body up front (the test kit's
 * API calls, which the simulator reads with `text()`). Its `body` is that stream, made when asked,
 * and reads go through it from then on. Otherwise a Request as `new Request(input, init)` makes
 * it: its method, URL and headers, `Content-Type: text/plain;charset=UTF-8` when none is given,
 * one read, `clone()`. For methods that take a body (not GET or HEAD).
 */
export class TextBodyRequest extends Request {
  readonly #text: string;
  #used = false;
  #stream: ReadableStream<Uint8Array<ArrayBuffer>> | null | undefined;

  constructor(input: string, init: Omit<RequestInit, 'body'>, text: string) {
    super(input, init);
    this.#text = text;
    if (!this.headers.has('content-type')) {
      this.headers.set('content-type', 'text/plain;charset=UTF-8');
    }
  }

  override get body(): ReadableStream<Uint8Array<ArrayBuffer>> | null {
    if (this.#stream === undefined) {
      this.#stream = this.#used ? usedStream() : new Response(this.#text).body;
    }
    return this.#stream;
  }

  override get bodyUsed(): boolean {
    return this.#used;
  }

  override text(): Promise<string> {
    if (this.#used) return Promise.reject(new TypeError(UNUSABLE));
    this.#used = true;
    if (this.#stream) return new Response(this.#stream).text();
    return Promise.resolve(this.#text);
  }

  override json(): Promise<unknown> {
    return this.text().then((text) => JSON.parse(text));
  }

  override arrayBuffer(): Promise<ArrayBuffer> {
    return this.text().then((text) => {
      const bytes = Buffer.from(text, 'utf8');
      return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    });
  }

  override blob(): Promise<Blob> {
    const type = this.headers.get('content-type') ?? '';
    return this.text().then((text) => new Blob([text], { type }));
  }

  override formData(): Promise<FormData> {
    if (this.#used) return Promise.reject(new TypeError(UNUSABLE));
    this.#used = true;
    const body = this.#stream ?? this.#text;
    return new Response(body, { headers: this.headers }).formData();
  }

  override clone(): Request {
    if (this.#used) throw new TypeError('unusable');
    if (this.#stream) {
      const [kept, given] = this.#stream.tee();
      this.#stream = kept;
      return new Request(this.url, {
        ...requestInit(this),
        body: given,
        duplex: 'half',
      } as RequestInit);
    }
    return new TextBodyRequest(this.url, requestInit(this), this.#text);
  }
}

/** What a clone takes over: method, headers and the rest a Request keeps. */
function requestInit(request: Request): Omit<RequestInit, 'body'> {
  return {
    method: request.method,
    headers: request.headers,
    redirect: request.redirect,
    referrer: request.referrer,
    referrerPolicy: request.referrerPolicy,
    mode: request.mode === 'navigate' ? 'same-origin' : request.mode,
    credentials: request.credentials,
    cache: request.cache,
    integrity: request.integrity,
    keepalive: request.keepalive,
    signal: request.signal,
  };
}

/** A stream already read to its end, as a used body's. */
function usedStream(): ReadableStream<Uint8Array<ArrayBuffer>> {
  const stream = new Response('').body as ReadableStream<Uint8Array<ArrayBuffer>>;
  void stream.getReader().read();
  return stream;
}
