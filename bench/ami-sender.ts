/**
 * Worker thread playing "a busy Asterisk" for the paced part of bench/ami.ts: a TCP server on
 * 127.0.0.1 that sends the AMI banner, then recorded events (many interleaved copies) at a
 * steady rate, each stamped with a `BenchSentAt` header (ms, `timeOrigin + now()`, the same
 * clock in both threads). Running in its own thread keeps the pacing independent of the
 * connector being measured.
 */
import { createServer } from 'node:net';
import { parentPort, workerData } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import { interleave, loadTemplates } from './ami-stream.js';

interface SenderOptions {
  rate: number;
  seconds: number;
}

const { rate, seconds } = workerData as SenderOptions;
const clock = (): number => performance.timeOrigin + performance.now();
const templates = loadTemplates();
const COPIES_PER_BATCH = 200;

let batch: string[] = [];
let batchIndex = 0;
let inBatch = 0;
const nextMessage = (): string => {
  if (inBatch >= batch.length) {
    // 200 calls spread over 25 s: about 60 calls in progress at any time at 1,000 events/s.
    batch = interleave(templates, COPIES_PER_BATCH, 25_000, batchIndex * COPIES_PER_BATCH);
    batchIndex += 1;
    inBatch = 0;
  }
  const m = batch[inBatch] ?? '';
  inBatch += 1;
  return m;
};

const server = createServer((socket) => {
  socket.setNoDelay(true);
  socket.on('error', () => undefined);
  socket.write('Asterisk Call Manager/11.0.0\r\n');
  const start = clock();
  let sent = 0;
  const total = Math.round(rate * seconds);
  const tick = (): void => {
    const now = clock();
    const due = Math.min(total, Math.floor(((now - start) * rate) / 1000));
    let out = '';
    while (sent < due) {
      const m = nextMessage();
      // Insert the stamp before the closing empty line.
      out += `${m.slice(0, -2)}BenchSentAt: ${now.toFixed(3)}\r\n\r\n`;
      sent += 1;
    }
    if (out) socket.write(out);
    if (sent >= total) {
      socket.end();
      parentPort?.postMessage({ type: 'done', sent });
      server.close();
      return;
    }
    setTimeout(tick, 1);
  };
  tick();
});

server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  parentPort?.postMessage({ type: 'listening', port: typeof address === 'object' && address ? address.port : 0 });
});
