import { extname } from 'node:path';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import { errorBody, NautilusError } from '../../core/errors.ts';

/** What `GET /config.json` tells the browser: where the backend API and the WebSocket engine are. */
export interface DashboardEndpoints {
  apiUrl: string | null;
  wsUrl: string | null;
}

/**
 * Serves the built dashboard (`web/dist`) and its runtime config. Unknown extension-less paths
 * get index.html (SPA fallback); a missing asset is a 404, not an HTML page the browser would
 * try to run as a script.
 */
export function buildDashboardServer(distDir: string, endpoints: () => DashboardEndpoints): FastifyInstance {
  const app = Fastify({ logger: false });
  app.register(fastifyStatic, {
    root: distDir,
    wildcard: false,
    cacheControl: false,
    // Asset names carry a content hash; index.html must be revalidated to pick up a rebuild.
    setHeaders: (response, path) => {
      response.setHeader(
        'cache-control',
        path.endsWith('.html') ? 'no-cache' : 'public, max-age=31536000, immutable',
      );
    },
  });
  app.get('/config.json', async (_request, reply) =>
    reply.header('cache-control', 'no-store').send(endpoints()),
  );
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    if (request.method === 'GET' && extname(path) === '') return reply.sendFile('index.html');
    const error = new NautilusError('NOT_FOUND', `no file ${request.method} ${path} in the dashboard`);
    return reply.status(error.status).send(errorBody(error));
  });
  return app;
}
