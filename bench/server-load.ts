// The load of the server bench, in a worker thread of its own: autocannon's clients then do not
// share the server's event loop (a real server's clients are elsewhere), and every response time
// is kept so that the bench can give p50 and p95.
import autocannon, { type Result } from 'autocannon';
import { parentPort, workerData } from 'node:worker_threads';

export interface LoadInput {
  url: string;
  token: string;
  connections: number;
  seconds: number;
  /** Enterprises 1..n are asked for, spread over the table. */
  enterprises: number;
}

export interface LoadOutput {
  /** Response times in milliseconds, ascending. */
  times: number[];
  requests: number;
  duration: number;
  errors: number;
}

function load(o: LoadInput): Promise<LoadOutput> {
  const times: number[] = [];
  let next = 0;
  return new Promise((resolve, reject) => {
    const inst = autocannon(
      {
        url: o.url,
        connections: o.connections,
        duration: o.seconds,
        headers: { authorization: `Bearer ${o.token}` },
        requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: `/api/enterprises/${1 + ((next++ * 7919) % o.enterprises)}` }) }],
      },
      // In a worker thread autocannon answers its raw counts (no aggregate): responses are counted here.
      (err, r: Result) => (err ? reject(err) : resolve({ times: times.sort((a, b) => a - b), requests: times.length, duration: r.duration || o.seconds, errors: r.errors + r.non2xx + r.timeouts })),
    );
    inst.on('response', (_c, _s, _b, ms) => times.push(ms));
  });
}

if (parentPort && workerData) {
  const port = parentPort;
  load(workerData as LoadInput).then(
    (out) => port.postMessage(out),
    (e: unknown) => port.postMessage({ error: String(e) }),
  );
}
