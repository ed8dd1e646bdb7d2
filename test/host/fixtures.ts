import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StudioHost } from '../../host/src/studio-host.js';

export interface HostFixture {
  host: StudioHost;
  workspace: string;
  stateDir: string;
  cleanup(): Promise<void>;
}

/** A studio host on a fresh temporary workspace and state folder. */
export async function makeHost(options: { metricsIntervalMs?: number } = {}): Promise<HostFixture> {
  const root = await mkdtemp(join(tmpdir(), 'topograph-host-'));
  const workspace = join(root, 'workspace');
  const stateDir = join(root, 'state');
  const host = new StudioHost({ workspace, stateDir, ...options });
  return {
    host,
    workspace,
    stateDir,
    cleanup: async () => {
      await host.close();
      await rm(root, { recursive: true, force: true });
    },
  };
}
