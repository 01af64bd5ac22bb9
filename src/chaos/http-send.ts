import { type Agent, request } from 'node:http';

export interface SentResponse {
  status: number;
  contentType: string;
  text: string;
}

export type SendOutcome =
  | { ok: true; response: SentResponse }
  | { ok: false; timeout: boolean; error: string };

/** Bodies are read up to this many bytes: enough for any error message, bounded for huge echoes. */
const MAX_READ = 64 * 1024;

/**
 * One request with node's http client rather than fetch: the path goes out verbatim (`../`,
 * `%zz`), as a hostile client would send it, and a server that answers before reading a huge
 * body (413) still counts as an answer.
 */
export function send(
  agent: Agent,
  base: URL,
  req: { method: string; path: string; headers: Record<string, string>; body?: string },
  timeoutMs: number,
): Promise<SendOutcome> {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (outcome: SendOutcome) => {
      if (settled) return;
      settled = true;
      resolve(outcome);
    };
    let answered: (() => void) | undefined;
    let outgoing: ReturnType<typeof request>;
    try {
      outgoing = request(
        {
          agent,
          host: base.hostname,
          port: base.port,
          method: req.method,
          path: req.path,
          headers: {
            ...req.headers,
            ...(req.body !== undefined ? { 'content-length': Buffer.byteLength(req.body) } : {}),
          },
        },
        (incoming) => {
          const chunks: Buffer[] = [];
          let size = 0;
          incoming.on('data', (chunk: Buffer) => {
            if (size < MAX_READ) chunks.push(chunk);
            size += chunk.length;
          });
          const done = () =>
            finish({
              ok: true,
              response: {
                status: incoming.statusCode ?? 0,
                contentType: String(incoming.headers['content-type'] ?? ''),
                text: Buffer.concat(chunks).toString('utf8'),
              },
            });
          answered = done;
          incoming.on('end', done);
          // A server may close right after answering a body it would not read: the answer stands.
          incoming.on('error', done);
        },
      );
    } catch (error) {
      // The client refused to build it (e.g. a character no request line may carry).
      finish({ ok: false, timeout: false, error: `client refused: ${(error as Error).message}` });
      return;
    }
    outgoing.setTimeout(timeoutMs, () => {
      finish({ ok: false, timeout: true, error: `no answer within ${timeoutMs} ms` });
      outgoing.destroy();
    });
    outgoing.on('error', (error) =>
      answered ? answered() : finish({ ok: false, timeout: false, error: error.message }),
    );
    outgoing.end(req.body);
  });
}
