import type { Change } from './changes.js';
import type { Footprint } from './footprint.js';

/** What Kafka Streams' reset tool would have to do before the new version can start clean. */
export interface UpgradePlan {
  /** False when every change is compatible: deploy with a rolling restart. */
  needed: boolean;
  /** The application id whose group and internal topics are reset (the running version's). */
  applicationId: string | null;
  /** Internal topics of the old version that nothing will read again. */
  deleteTopics: string[];
  /** Input topics whose committed offsets go back to the earliest, to rebuild the state from them. */
  resetInputTopics: string[];
  /** Whether every instance must wipe its local state directory (or call KafkaStreams#cleanUp()). */
  wipeLocalState: boolean;
  /** The steps, in order, as commands and sentences. */
  steps: string[];
}

/**
 * The reset-tool plan for changes that cannot keep the state: stop every instance, reset the application
 * (deletes its internal topics and sets input offsets to the earliest), wipe local state, start the new version.
 */
export function upgradePlan(baseline: Footprint, changes: readonly Change[]): UpgradePlan {
  const losing = changes.filter((c) => c.class !== 'compatible');
  const appId = baseline.applicationId;
  if (losing.length === 0)
    return {
      needed: false,
      applicationId: appId,
      deleteTopics: [],
      resetInputTopics: [],
      wipeLocalState: false,
      steps: ['Every change keeps the state: deploy with a rolling restart.'],
    };
  const deleteTopics = [...new Set(losing.flatMap((c) => c.abandons ?? []))].sort();
  const rebuild = losing.some((c) => c.class === 'state-lost' || c.class === 'incompatible');
  const inputs = baseline.sourceTopics;
  const app = appId ?? '<application.id>';
  const steps = [
    `Stop every instance of "${app}" (the reset tool refuses while the group has members).`,
    `kafka-streams-application-reset --bootstrap-server <brokers> --application-id ${app}` +
      (inputs.length > 0 ? ` --input-topics ${inputs.join(',')}` : '') +
      ' --to-earliest' +
      '   # deletes the internal topics (changelogs, repartitions) and resets the input offsets',
  ];
  if (deleteTopics.length > 0)
    steps.push(`Topics the new version no longer uses (the reset deletes them): ${deleteTopics.join(', ')}.`);
  steps.push(
    'On every instance delete the local state directory <state.dir>/' +
      app +
      ' (or call KafkaStreams#cleanUp() before start()).',
    rebuild
      ? 'Start the new version: it reprocesses the inputs from the earliest offsets and rebuilds its stores ' +
          '(outputs are written again for the reprocessed records).'
      : 'Start the new version.',
  );
  return {
    needed: true,
    applicationId: appId,
    deleteTopics,
    resetInputTopics: rebuild ? [...inputs] : [],
    wipeLocalState: true,
    steps,
  };
}
