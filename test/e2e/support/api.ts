/**
 * A small HTTP client for seeding and driving the server from the test side (admin
 * session cookie + CSRF token), e.g. creating companies or placing simulated calls.
 */
export class Api {
  private cookie = '';
  private csrf = '';

  constructor(readonly base: string) {}

  static async login(base: string, login: string, password: string): Promise<Api> {
    const api = new Api(base);
    const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login, password }) });
    if (!res.ok) throw new Error(`login ${login}: ${res.status} ${await res.text()}`);
    api.cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    api.csrf = ((await res.json()) as { csrfToken: string }).csrfToken;
    return api;
  }

  async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { cookie: this.cookie, 'x-csrf-token': this.csrf };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${this.base}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  get = <T>(path: string): Promise<T> => this.call<T>('GET', path);
  post = <T>(path: string, body: unknown = {}): Promise<T> => this.call<T>('POST', path, body);
  patch = <T>(path: string, body: unknown): Promise<T> => this.call<T>('PATCH', path, body);
  put = <T>(path: string, body: unknown): Promise<T> => this.call<T>('PUT', path, body);
}
