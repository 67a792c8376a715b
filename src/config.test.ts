import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('configuration from the environment', () => {
  it('defaults to a SQLite file under ./data on port 3000', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.databaseUrl).toMatch(/^sqlite:.*data\/switchboard\.db$/);
    expect(c.demoData).toBe(true);
    expect(c.adminPassword).toBeUndefined();
  });

  it('takes PostgreSQL from DATABASE_URL', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u:p@db/sb' }).databaseUrl).toBe('postgres://u:p@db/sb');
  });

  it('fails fast with a message naming each bad variable', () => {
    expect(() => loadConfig({ PORT: 'eighty', ADMIN_PASSWORD: 'short', DATABASE_URL: 'mysql://x' })).toThrow(ConfigError);
    try {
      loadConfig({ PORT: 'eighty', ADMIN_PASSWORD: 'short' });
    } catch (e) {
      expect((e as Error).message).toMatch(/PORT="eighty"/);
      expect((e as Error).message).toMatch(/ADMIN_PASSWORD/);
    }
  });
});
