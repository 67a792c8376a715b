import { buildWeb } from './server.js';

/** Builds the production bundle once, as `npm run build:web` does; the servers serve it. */
export default async function setup(): Promise<void> {
  if (process.env.E2E_SKIP_BUILD !== '1') await buildWeb();
}
