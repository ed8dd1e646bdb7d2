// The debugger inside a replay child (user code runs only there): the replay of one recording on the
// TopologyTestDriver, answered as JSON views.
import { Replay, replayInputs, type DebugState, type Recording, type Topology } from '@topograph/runtime';
import type { DebugExplanation, DebugSeek, DebugView } from '@topograph/api';
import { toWire } from './wire-value.js';

export class DebugSession {
  private replay: Replay | null = null;

  constructor(
    private readonly build: () => Topology,
    private readonly recording: Recording,
    private readonly applicationId: string,
  ) {}

  /** Starts over, before the first input. */
  open(): DebugView {
    this.close();
    this.replay = new Replay(this.build, replayInputs(this.recording.records), {
      applicationId: this.applicationId,
    });
    return this.view();
  }

  seek(to: DebugSeek): DebugView {
    if (!this.replay) this.open();
    const replay = this.replay as Replay;
    if ('record' in to) replay.jumpTo(to.record);
    else if ('time' in to) replay.jumpToTime(to.time);
    else if (to.step === 1) replay.stepForward();
    else replay.stepBack();
    return this.view();
  }

  explain(output: number): DebugExplanation {
    if (!this.replay) throw new Error('open the debugger first');
    const why = this.replay.explain(output);
    return toWire({
      output: outputView(why.output),
      inputIndex: why.inputIndex,
      input: why.input
        ? { topic: why.input.topic, partition: why.input.partition, timestamp: why.input.timestamp }
        : null,
      path: why.path,
    }) as DebugExplanation;
  }

  close(): void {
    this.replay?.close();
    this.replay = null;
  }

  private view(): DebugView {
    const s: DebugState = (this.replay as Replay).state();
    const current = s.current;
    const source = current?.trace.steps[0];
    return toWire({
      ...s,
      current: current
        ? {
            index: current.trace.input,
            topic: current.input.topic,
            partition: current.input.partition,
            timestamp: current.input.timestamp,
            key: source?.key ?? null,
            value: source?.value ?? null,
            steps: current.trace.steps,
          }
        : null,
      outputs: s.outputs.map(outputView),
      joinAttempts: s.joinAttempts.map(({ step: _step, ...rest }) => rest),
    }) as DebugView;
  }
}

function outputView(o: DebugState['outputs'][number]): DebugView['outputs'][number] {
  return { input: o.input, sink: o.sink, topic: o.topic, key: o.key, value: o.value, timestamp: o.timestamp };
}
