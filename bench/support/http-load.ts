/**
 * A small closed-loop HTTP load generator over real sockets: `concurrency` workers on a
 * keep-alive agent, each sending its next request as soon as the previous one answers.
 * (undici is not installed; node:http with keep-alive is within a few % for this use.)
 */
import http from 'node:http';

export interface LoadResult { latenciesMs: number[]; errors: number; seconds: number; bodies: number; hits: number }

export interface LoadOptions {
  port: number;
  paths: readonly string[];
  concurrency: number;
  headers?: Record<string, string>;
  /** Counts `items.length` of each JSON answer (search hits). */
  countHits?: boolean;
  /** Stop sending new requests after this many seconds (slow routes then show fewer requests). */
  maxSeconds?: number;
}

function get(agent: http.Agent, port: number, path: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, method: 'GET', agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

export async function runLoad(opts: LoadOptions): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: opts.concurrency });
  const latenciesMs: number[] = [];
  let errors = 0;
  let hits = 0;
  let bodies = 0;
  let next = 0;
  const headers = opts.headers ?? {};
  const deadline = process.hrtime.bigint() + BigInt(Math.round((opts.maxSeconds ?? 1e6) * 1e9));
  const worker = async () => {
    for (;;) {
      const i = next++;
      if (i >= opts.paths.length || process.hrtime.bigint() > deadline) return;
      const t0 = process.hrtime.bigint();
      try {
        const res = await get(agent, opts.port, opts.paths[i] as string, headers);
        latenciesMs.push(Number(process.hrtime.bigint() - t0) / 1e6);
        if (res.status !== 200) errors++;
        else if (opts.countHits) {
          bodies++;
          hits += (JSON.parse(res.body) as { items: unknown[] }).items.length;
        }
      } catch {
        errors++;
      }
    }
  };
  const started = process.hrtime.bigint();
  await Promise.all(Array.from({ length: opts.concurrency }, worker));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  agent.destroy();
  return { latenciesMs, errors, seconds, bodies, hits };
}
