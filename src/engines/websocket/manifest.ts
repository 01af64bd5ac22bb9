import { topics } from '../../domain/topics.ts';
import { defineManifest, noOptions } from '../manifest.ts';

export const websocketManifest = defineManifest({
  name: 'websocket',
  title: 'WebSocket',
  description: 'Fans every bus message out to WebSocket clients.',
  defaultPort: 8600,
  subscribes: [topics.everything],
  publishes: [topics.pattern('websocket.broadcast'), topics.pattern('system.health')],
  configSchema: noOptions,
  implemented: false,
  pending: 'the WebSocket fan-out: issue 6',
});
