import { z } from 'zod';
import type { FlowKind } from '../../schema/flow.js';
import { call, num, readNumber, type Call, type Expr } from '../../kind/expr.js';
import { derive, expectFlow, input, only } from '../../kind/common.js';
import { durationField, graceField, selectField } from '../../kind/fields.js';
import { defineKind, single, type KindSpec } from '../../kind/spec.js';

/**
 * Windows are one `windowedBy(<Windows spec>)` call on a grouped stream. Each kind describes its spec as a
 * chain of static calls (`TimeWindows.ofSizeAndGrace(a, b).advanceBy(c)`), built and read by the same table.
 */
interface WindowKind<C> {
  kind: string;
  label: string;
  help: string;
  root: string;
  produces: FlowKind;
  config: z.ZodType<C>;
  defaults: C;
  spec: (c: C) => Call[];
  read: (calls: readonly Call[]) => C | null;
}

/** KIP-825's EmitStrategy on time and sliding windows: on every update (Kafka's default) or once per window. */
const emitField = selectField(
  'Emit',
  ['onWindowUpdate', 'onWindowClose'],
  'onWindowClose: each window is emitted once, when stream time passes its end plus grace (EmitStrategy).',
).optional();
type Emit = z.infer<typeof emitField>;

const emitStrategyCall = (emit: Emit): Call[] =>
  emit === undefined
    ? []
    : [call('emitStrategy', [{ kind: 'call', root: 'EmitStrategy', calls: [call(emit)] }])];

/** Reads a trailing `.emitStrategy(EmitStrategy.onWindowX())`; null when the call is something else. */
const readEmitStrategy = (c: Call): { emit: NonNullable<Emit> } | null => {
  const arg = c.method === 'emitStrategy' && c.args.length === 1 ? c.args[0] : undefined;
  if (arg?.kind !== 'call' || arg.root !== 'EmitStrategy' || arg.calls.length !== 1) return null;
  const method = arg.calls[0]?.method;
  if ((method !== 'onWindowUpdate' && method !== 'onWindowClose') || arg.calls[0]?.args.length !== 0)
    return null;
  return { emit: method };
};

const ms = (n: number): Expr => num(n);
const withGrace = (noGrace: string, andGrace: string, main: number, grace: number | undefined): Call =>
  grace === undefined ? call(noGrace, [ms(main)]) : call(andGrace, [ms(main), ms(grace)]);

/** Reads `ofXWithNoGrace(a)` / `ofXAndGrace(a, g)`. */
const readWithGrace = (
  c: Call | undefined,
  noGrace: string,
  andGrace: string,
): { main: number; grace?: number } | null => {
  if (c?.method === noGrace && c.args.length === 1) {
    const main = readNumber(c.args[0]);
    return main === undefined ? null : { main };
  }
  if (c?.method === andGrace && c.args.length === 2) {
    const main = readNumber(c.args[0]);
    const grace = readNumber(c.args[1]);
    return main === undefined || grace === undefined ? null : { main, grace };
  }
  return null;
};

type OneDuration<F extends string> = Record<F, number> & { graceMs?: number };

/** The spec and its reader for windows made of one duration and a grace: `ofXWithNoGrace(a)` / `ofXAndGrace(a, g)`. */
function oneDuration<F extends string>(
  field: F,
  x: string,
): Pick<WindowKind<OneDuration<F>>, 'spec' | 'read'> {
  const [noGrace, andGrace] = [`of${x}WithNoGrace`, `of${x}AndGrace`];
  return {
    spec: (c) => [withGrace(noGrace, andGrace, c[field], c.graceMs)],
    read: (calls) => {
      if (calls.length !== 1) return null;
      const r = readWithGrace(calls[0], noGrace, andGrace);
      // A computed key types as a string index; it is exactly `field`.
      return (
        r && ({ [field]: r.main, ...(r.grace !== undefined ? { graceMs: r.grace } : {}) } as OneDuration<F>)
      );
    },
  };
}

const tumblingConfig = z.object({
  sizeMs: durationField('Size'),
  graceMs: graceField().optional(),
  emit: emitField,
});
type Tumbling = z.infer<typeof tumblingConfig>;
const tumbling: WindowKind<Tumbling> = {
  kind: 'window.tumbling',
  label: 'Tumbling window',
  help: 'Fixed-size, non-overlapping windows: each record falls into exactly one window.',
  root: 'TimeWindows',
  produces: 'windowedStream',
  config: tumblingConfig,
  defaults: { sizeMs: 60_000 },
  ...oneDuration('sizeMs', 'Size'),
};

const hoppingConfig = z.object({
  sizeMs: durationField('Size'),
  advanceMs: durationField('Advance', 'How far each window starts after the previous one'),
  graceMs: graceField().optional(),
  emit: emitField,
});
type Hopping = z.infer<typeof hoppingConfig>;
const hopping: WindowKind<Hopping> = {
  kind: 'window.hopping',
  label: 'Hopping window',
  help: 'Fixed-size windows that start every "advance" ms and overlap; a record can fall into several.',
  root: 'TimeWindows',
  produces: 'windowedStream',
  config: hoppingConfig,
  defaults: { sizeMs: 60_000, advanceMs: 10_000 },
  spec: (c) => [
    withGrace('ofSizeWithNoGrace', 'ofSizeAndGrace', c.sizeMs, c.graceMs),
    call('advanceBy', [ms(c.advanceMs)]),
  ],
  read: (calls) => {
    if (calls.length !== 2 || calls[1]?.method !== 'advanceBy') return null;
    const r = readWithGrace(calls[0], 'ofSizeWithNoGrace', 'ofSizeAndGrace');
    const advanceMs = readNumber(calls[1].args[0]);
    if (!r || advanceMs === undefined) return null;
    return { sizeMs: r.main, advanceMs, ...(r.grace !== undefined ? { graceMs: r.grace } : {}) };
  },
};

const slidingConfig = z.object({
  timeDifferenceMs: durationField('Time difference', 'Records at most this far apart share a window'),
  graceMs: graceField().optional(),
  emit: emitField,
});
type Sliding = z.infer<typeof slidingConfig>;
const sliding: WindowKind<Sliding> = {
  kind: 'window.sliding',
  label: 'Sliding window',
  help: 'Windows defined by the records themselves: every set of records within the time difference.',
  root: 'SlidingWindows',
  produces: 'windowedStream',
  config: slidingConfig,
  defaults: { timeDifferenceMs: 10_000 },
  ...oneDuration('timeDifferenceMs', 'TimeDifference'),
};

const sessionConfig = z.object({
  inactivityGapMs: durationField('Inactivity gap', 'A session ends after this long without records'),
  graceMs: graceField().optional(),
});
type Session = z.infer<typeof sessionConfig>;
const session: WindowKind<Session> = {
  kind: 'window.session',
  label: 'Session window',
  help: 'Per-key sessions of activity separated by an inactivity gap; sessions merge when records bridge them.',
  root: 'SessionWindows',
  produces: 'sessionWindowedStream',
  config: sessionConfig,
  defaults: { inactivityGapMs: 300_000 },
  ...oneDuration('inactivityGapMs', 'InactivityGap'),
};

/** The emit option of a kind's config; session windows have none. */
const emitOf = (config: object): Emit => {
  const parsed = 'emit' in config ? emitField.safeParse(config.emit) : undefined;
  return parsed?.success ? parsed.data : undefined;
};

function windowKind<C extends object>(w: WindowKind<C>): KindSpec {
  return defineKind<C>({
    kind: w.kind,
    label: w.label,
    group: 'Windows',
    help: w.help,
    inputs: [{ id: 'in', label: 'in', accepts: ['groupedStream'] }],
    outputs: single,
    config: w.config,
    defaults: () => w.defaults,
    infer: ({ inputs }) => {
      const info = input(inputs);
      return expectFlow(info, ['groupedStream'], w.label) ?? { out: derive(info, { flow: w.produces }) };
    },
    // windowedBy creates no processor, so it takes no name: the parser knows the node by its variable.
    emit: ({ config }) => ({
      calls: [
        call('windowedBy', [{ kind: 'call', root: w.root, calls: w.spec(config) }]),
        ...emitStrategyCall(emitOf(config)),
      ],
    }),
    recognise: (calls) => {
      // windowedBy(...), then optionally .emitStrategy(...) where the kind has one (not session windows).
      const [first, second] = calls;
      const hasEmit = w.produces === 'windowedStream';
      const emit = second === undefined ? {} : hasEmit ? readEmitStrategy(second) : null;
      if (emit === null || calls.length > 2) return null;
      const arg = first === undefined ? undefined : only([first], 'windowedBy')?.args[0];
      if (arg?.kind !== 'call' || arg.root !== w.root) return null;
      const config = w.read(arg.calls);
      return config === null ? null : { config: { ...config, ...emit }, refs: {} };
    },
  });
}

export const windowKinds: KindSpec[] = [
  windowKind(tumbling),
  windowKind(hopping),
  windowKind(sliding),
  windowKind(session),
];
