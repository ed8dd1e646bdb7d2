import { create } from 'zustand';

/**
 * The producer panel's state, outside the panel so switching dock tabs (which unmounts it) keeps the lines
 * typed per topic, the chosen topic, the rate and which generators run.
 */
export interface ProducerState {
  topic: string;
  /** Lines per topic; absent until the user (or the template) writes some. */
  text: Record<string, string>;
  ratePerSec: number;
  /** Topics with a generator on, per run (`sessionId@startedAt`): a restart starts without generators. */
  generating: Record<string, string[]>;
  setTopic(topic: string): void;
  setText(topic: string, text: string): void;
  setRate(ratePerSec: number): void;
  setGenerating(run: string, topic: string, on: boolean): void;
}

export const useProducer = create<ProducerState>()((set) => ({
  topic: '',
  text: {},
  ratePerSec: 10,
  generating: {},
  setTopic: (topic) => set({ topic }),
  setText: (topic, text) => set((s) => ({ text: { ...s.text, [topic]: text } })),
  setRate: (ratePerSec) => set({ ratePerSec }),
  setGenerating: (run, topic, on) =>
    set((s) => {
      const current = (s.generating[run] ?? []).filter((t) => t !== topic);
      return { generating: { [run]: on ? [...current, topic] : current } };
    }),
}));
