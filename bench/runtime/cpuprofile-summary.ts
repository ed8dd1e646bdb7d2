// Top self-time functions and source files of a V8 .cpuprofile (node --cpu-prof), as percentages of the busy
// time spent outside the benchmark's own set-up: samples whose stack passes through the input generator or the
// hand-written loops (bench/runtime/data.ts, baselines.ts) and idle samples are left out.
//
// With a window ({ fromUs, toUs } on V8's profile clock, as profile.ts writes it), only samples taken inside it
// count.
//
//   npx tsx bench/runtime/cpuprofile-summary.ts FILE.cpuprofile [top] [window.json]

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The parts of V8's Profiler.Profile this reads. */
export interface CpuProfile {
  readonly nodes: readonly {
    readonly id: number;
    readonly callFrame: { readonly functionName: string; readonly url: string };
    readonly children?: readonly number[];
  }[];
  readonly startTime: number;
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

export interface Window {
  readonly fromUs: number;
  readonly toUs: number;
}

type ProfileNode = CpuProfile['nodes'][number];

const SET_UP = /\/bench\/runtime\/(data|baselines)\.ts$/;

/** Where a file lives, shortened to what identifies it (repository path, or package name). */
function shortUrl(url: string): string {
  const path = url.replace(/^file:\/\//, '');
  const modules = path.lastIndexOf('/node_modules/');
  if (modules >= 0) return path.slice(modules + '/node_modules/'.length);
  const repo = path.search(/\/(runtime|bench)\//);
  return repo >= 0 ? path.slice(repo + 1) : path;
}

export interface Summary {
  /** Busy time counted (µs), and what was left out. */
  readonly busyUs: number;
  readonly idleUs: number;
  readonly setUpUs: number;
  readonly functions: readonly [string, number][];
  readonly files: readonly [string, number][];
}

export function summarizeProfile(profile: CpuProfile, window?: Window): Summary {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const setUp = new Map<number, boolean>();
  const inSetUp = (id: number): boolean => {
    const known = setUp.get(id);
    if (known !== undefined) return known;
    const up = parent.get(id);
    const result = SET_UP.test(byId.get(id)!.callFrame.url) || (up !== undefined && inSetUp(up));
    setUp.set(id, result);
    return result;
  };
  const functions = new Map<string, number>();
  const files = new Map<string, number>();
  const add = (map: Map<string, number>, key: string, us: number): void =>
    void map.set(key, (map.get(key) ?? 0) + us);
  let busyUs = 0;
  let idleUs = 0;
  let setUpUs = 0;
  let clock = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    const node: ProfileNode | undefined = byId.get(profile.samples[i]!);
    const us = profile.timeDeltas[i] ?? 0;
    clock += us;
    if (node === undefined) continue;
    if (window !== undefined && (clock < window.fromUs || clock > window.toUs)) continue;
    const { functionName, url } = node.callFrame;
    if (functionName === '(idle)') idleUs += us;
    else if (inSetUp(node.id)) setUpUs += us;
    else {
      busyUs += us;
      const name = functionName || '(anonymous)';
      const file = url === '' ? `(${name})` : shortUrl(url);
      add(functions, url === '' ? name : `${name}  ${file}`, us);
      add(files, file, us);
    }
  }
  const sorted = (map: Map<string, number>): [string, number][] => [...map].sort((a, b) => b[1] - a[1]);
  return { busyUs, idleUs, setUpUs, functions: sorted(functions), files: sorted(files) };
}

/** The top `top` functions and files by self time, as text. */
export function summarize(
  profile: CpuProfile,
  { top = 20, window }: { top?: number; window?: Window } = {},
): string {
  const summary = summarizeProfile(profile, window);
  const table = (rows: readonly [string, number][], count: number): string =>
    rows
      .slice(0, count)
      .map(([key, us]) => `${((100 * us) / summary.busyUs).toFixed(1).padStart(5)}%  ${key}`)
      .join('\n');
  const ms = (us: number): string => `${(us / 1000).toFixed(0)} ms`;
  return (
    `${ms(summary.busyUs)} busy (left out: ${ms(summary.idleUs)} idle, ${ms(summary.setUpUs)} input and hand loop)\n` +
    `self time by function:\n${table(summary.functions, top)}\n` +
    `self time by file:\n${table(summary.files, Math.min(top, 15))}\n`
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const file = process.argv[2];
  if (file === undefined) throw new Error('usage: cpuprofile-summary.ts FILE.cpuprofile [top]');
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const windowFile = process.argv[4];
  const window =
    windowFile === undefined ? undefined : (JSON.parse(readFileSync(windowFile, 'utf8')) as Window);
  process.stdout.write(
    summarize(profile, { top: Number(process.argv[3] ?? '30'), ...(window ? { window } : {}) }),
  );
}
