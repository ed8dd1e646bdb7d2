import { useRef, useState } from 'react';
import { create } from 'zustand';
import { Modal } from './Modal.js';

/** A question for the user, answered in an in-app dialog (Electron has no window.prompt, and confirm blocks). */
export type Question =
  | {
      kind: 'text';
      title: string;
      label: string;
      initial: string;
      confirm: string;
      help?: string;
      /** An error message for a value that cannot be accepted, or null. */
      validate?: (value: string) => string | null;
      answer(value: string | null): void;
    }
  | {
      kind: 'confirm';
      title: string;
      message: string;
      confirm: string;
      cancel: string;
      /** Styles the confirm button as destructive. */
      danger?: boolean;
      answer(ok: boolean): void;
    };

interface AskState {
  queue: Question[];
}

const useAsk = create<AskState>()(() => ({ queue: [] }));

function enqueue(q: Question): void {
  useAsk.setState((s) => ({ queue: [...s.queue, q] }));
}

function dequeue(q: Question): void {
  useAsk.setState((s) => ({ queue: s.queue.filter((x) => x !== q) }));
}

export interface TextQuestion {
  title: string;
  label: string;
  initial?: string;
  /** The confirm button's text (default OK). */
  confirm?: string;
  help?: string;
  validate?: (value: string) => string | null;
}

/** Asks for a line of text; resolves to the trimmed answer, or null when cancelled. */
export function askText(q: TextQuestion): Promise<string | null> {
  return new Promise((resolve) =>
    enqueue({
      kind: 'text',
      title: q.title,
      label: q.label,
      initial: q.initial ?? '',
      confirm: q.confirm ?? 'OK',
      ...(q.help !== undefined ? { help: q.help } : {}),
      ...(q.validate ? { validate: q.validate } : {}),
      answer: resolve,
    }),
  );
}

export interface ConfirmQuestion {
  title: string;
  message: string;
  confirm?: string;
  cancel?: string;
  danger?: boolean;
}

/** Asks a yes/no question; resolves to true when confirmed. */
export function askConfirm(q: ConfirmQuestion): Promise<boolean> {
  return new Promise((resolve) =>
    enqueue({
      kind: 'confirm',
      title: q.title,
      message: q.message,
      confirm: q.confirm ?? 'OK',
      cancel: q.cancel ?? 'Cancel',
      ...(q.danger !== undefined ? { danger: q.danger } : {}),
      answer: resolve,
    }),
  );
}

/** Shows the pending questions one at a time; mount once, at the app's root. */
export function AskHost() {
  const q = useAsk((s) => s.queue[0]);
  if (!q) return null;
  // Keyed by the question, so a second question gets a fresh field and focus.
  return q.kind === 'text' ? <TextDialog key={seqOf(q)} q={q} /> : <ConfirmDialog key={seqOf(q)} q={q} />;
}

const ids = new WeakMap<Question, number>();
let seq = 0;
const seqOf = (q: Question): number => {
  let id = ids.get(q);
  if (id === undefined) ids.set(q, (id = ++seq));
  return id;
};

/**
 * Whether the user acted inside the dialog yet. An Enter pressed elsewhere that opened the dialog (the command
 * palette's) still has its keypress to come, and Chromium delivers it to the field or button that took focus:
 * it would submit or confirm before the user saw the question. Only a key or pointer press that began inside
 * counts.
 */
function useArmed() {
  const armed = useRef(false);
  const arm = () => {
    armed.current = true;
  };
  return { armed, handlers: { onKeyDown: arm, onPointerDown: arm } };
}

function TextDialog({ q }: { q: Extract<Question, { kind: 'text' }> }) {
  const { armed, handlers } = useArmed();
  const [value, setValue] = useState(q.initial);
  const [touched, setTouched] = useState(false);
  const error = q.validate?.(value.trim()) ?? (value.trim() === '' ? 'Enter a value' : null);
  const finish = (answer: string | null) => {
    dequeue(q);
    q.answer(answer);
  };
  const submit = () => {
    setTouched(true);
    if (error === null) finish(value.trim());
  };
  const fieldId = `ask-${seqOf(q)}`;
  return (
    <Modal title={q.title} onClose={() => finish(null)} testId="ask-dialog">
      <form
        {...handlers}
        onSubmit={(e) => {
          e.preventDefault();
          if (armed.current) submit();
        }}
      >
        <label className="ask-field" htmlFor={fieldId}>
          {q.label}
        </label>
        <input
          id={fieldId}
          className="ask-input"
          value={value}
          autoFocus
          onFocus={(e) => e.currentTarget.select()}
          onChange={(e) => {
            setValue(e.target.value);
            setTouched(true);
          }}
          aria-invalid={touched && error !== null}
          aria-describedby={`${fieldId}-help`}
          spellCheck={false}
        />
        <p id={`${fieldId}-help`} className={touched && error !== null ? 'ask-error' : 'muted ask-help'}>
          {touched && error !== null ? error : (q.help ?? '')}
        </p>
        <div className="modal-actions">
          <button type="button" onClick={() => finish(null)}>
            Cancel
          </button>
          <button type="submit" className="primary">
            {q.confirm}
          </button>
        </div>
      </form>
    </Modal>
  );
}

function ConfirmDialog({ q }: { q: Extract<Question, { kind: 'confirm' }> }) {
  const { armed, handlers } = useArmed();
  const finish = (ok: boolean) => {
    if (!armed.current) return;
    dequeue(q);
    q.answer(ok);
  };
  const cancel = () => {
    dequeue(q);
    q.answer(false);
  };
  return (
    <Modal title={q.title} onClose={cancel} role="alertdialog" testId="ask-dialog">
      <p>{q.message}</p>
      <div className="modal-actions" {...handlers}>
        <button type="button" onClick={() => finish(false)}>
          {q.cancel}
        </button>
        <button
          type="button"
          className={q.danger ? 'primary danger' : 'primary'}
          autoFocus
          onClick={() => finish(true)}
        >
          {q.confirm}
        </button>
      </div>
    </Modal>
  );
}
