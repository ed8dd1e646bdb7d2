/**
 * The runtime types a lambda may name, as declarations a lambda's stand-alone snippet starts with (the designer
 * type-checks each lambda on its own, without the runtime's sources). Copied verbatim from the runtime:
 * `lambda-env.test.ts` fails when they drift apart.
 */
export const LAMBDA_DECLARATIONS = `interface Window {
  readonly start: number;
  readonly end: number;
}
interface Windowed<K> {
  readonly key: K;
  readonly window: Window;
}
interface KeyValue<K, V> {
  key: K;
  value: V;
}
type Headers = Map<string, Uint8Array | string>;
interface StreamRecord<K, V> {
  readonly key: K;
  readonly value: V;
  readonly timestamp: number;
  readonly headers: Headers;
}
interface RecordMetadata {
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
}
type PunctuationType = 'STREAM_TIME' | 'WALL_CLOCK_TIME';
interface Cancellable {
  cancel(): void;
}
interface StateStore {
  readonly name: string;
  approximateNumEntries(): number;
}
interface ProcessorContext<KForward, VForward> {
  readonly applicationId: string;
  readonly taskId: string;
  recordMetadata(): RecordMetadata | null;
  currentStreamTimeMs(): number;
  currentSystemTimeMs(): number;
  forward<K extends KForward, V extends VForward>(record: StreamRecord<K, V>, childName?: string): void;
  schedule(intervalMs: number, type: PunctuationType, punctuator: (timestamp: number) => void): Cancellable;
  getStateStore<S extends StateStore>(name: string): S;
  commit(): void;
}
interface Processor<KIn, VIn, KOut = never, VOut = never> {
  init?(context: ProcessorContext<KOut, VOut>): void;
  process(record: StreamRecord<KIn, VIn>): void;
  close?(): void;
}
`;
