/** A local HTTP server on 127.0.0.1 that answers with a handler, records requests, and can hang. */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export type Handler = (request: Seen, response: ServerResponse) => void;

export interface Loopback {
  url: string;
  seen: Seen[];
  close(): Promise<void>;
}

export async function loopback(handler: Handler): Promise<Loopback> {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      const request = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body };
      seen.push(request);
      handler(request, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export const json = (status: number, value: unknown): Handler => (_req, res) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(value));
};

export const raw = (status: number, body: string): Handler => (_req, res) => {
  res.writeHead(status, { 'content-type': 'text/html' });
  res.end(body);
};

/** Never answers (the probe's timeout must end the call). */
export const hang: Handler = () => undefined;
