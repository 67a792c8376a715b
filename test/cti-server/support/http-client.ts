/**
 * A small HTTP client over real sockets (fetch) for the CTI server suites: logs in with
 * `POST /api/auth/login`, keeps the session cookie and the CSRF token, and answers the
 * status and the parsed body so tests can check errors as well as results.
 */
export interface HttpAnswer<T = unknown> {
  status: number;
  body: T;
}

export interface ErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown> };
}

export class HttpClient {
  private constructor(readonly base: string, readonly cookie: string, readonly csrf: string) {}

  static async login(base: string, login: string, password: string): Promise<HttpClient> {
    const res = await fetch(`${base}/api/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login, password }),
    });
    if (res.status !== 200) throw new Error(`login ${login}: ${res.status} ${await res.text()}`);
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const { csrfToken } = (await res.json()) as { csrfToken: string };
    return new HttpClient(base, cookie, csrfToken);
  }

  async request<T>(method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<HttpAnswer<T>> {
    const headers: Record<string, string> = { cookie: this.cookie, 'x-csrf-token': this.csrf };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${this.base}${path}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    const text = await res.text();
    return { status: res.status, body: (text === '' ? undefined : JSON.parse(text)) as T };
  }

  get<T>(path: string): Promise<HttpAnswer<T>> {
    return this.request<T>('GET', path);
  }

  post<T>(path: string, body: unknown = {}): Promise<HttpAnswer<T>> {
    return this.request<T>('POST', path, body);
  }

  /** A request that must succeed (2xx): its body. */
  async ok<T>(method: 'GET' | 'POST' | 'PATCH' | 'PUT', path: string, body?: unknown): Promise<T> {
    const answer = await this.request<T>(method, path, body);
    if (answer.status < 200 || answer.status > 299) throw new Error(`${method} ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body;
  }
}
