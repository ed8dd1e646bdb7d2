import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StudioApiError, unwrapReply } from '@topograph/api';
import { handleIpcCall } from '../../host/src/ipc-handler.js';
import { makeHost, type HostFixture } from './fixtures.js';

let fx: HostFixture;
beforeAll(async () => {
  fx = await makeHost();
});
afterAll(() => fx.cleanup());

// The Electron transport: what main.ts registers with ipcMain.handle and what the preload unwraps.
describe('Electron IPC studio transport', () => {
  it('returns results as data', async () => {
    const reply = await handleIpcCall(fx.host, 'documents.templates', {});
    const templates = unwrapReply<Array<{ name: string }>>(reply);
    expect(templates.map((t) => t.name)).toContain('word-count.topology.json');
  });

  it('rejects invalid input with a clear, coded error instead of throwing', async () => {
    const reply = await handleIpcCall(fx.host, 'documents.save', {
      path: '/etc/passwd.topology.json',
      text: 1,
    });
    expect(reply).toEqual({
      error: {
        code: 'invalid-input',
        message: expect.stringMatching(/path: a path is relative to the workspace[\s\S]*text: /),
      },
    });
    expect(() => unwrapReply(reply)).toThrow(StudioApiError);
  });

  it('rejects calls without a name, unknown calls and non-object inputs', async () => {
    expect(await handleIpcCall(fx.host, 42, {})).toMatchObject({ error: { code: 'unknown-call' } });
    expect(await handleIpcCall(fx.host, 'shell.exec', {})).toMatchObject({ error: { code: 'unknown-call' } });
    expect(await handleIpcCall(fx.host, 'documents.list', 'rm -rf /')).toMatchObject({
      error: { code: 'invalid-input' },
    });
    expect(await handleIpcCall(fx.host, 'sessions.status', { sessionId: 'snothere' })).toMatchObject({
      error: { code: 'not-found' },
    });
  });

  it('validates generated code requests against the document schema', async () => {
    const reply = await handleIpcCall(fx.host, 'codegen.generate', { document: { name: '' } });
    expect(reply).toMatchObject({
      error: { code: 'invalid-input', message: expect.stringContaining('document.') },
    });
  });
});
