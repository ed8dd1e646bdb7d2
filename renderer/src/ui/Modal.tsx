import { useEffect, useRef, useState, type ReactNode } from 'react';

const FOCUSABLE =
  'button:not(:disabled), [href], input:not(:disabled), select:not(:disabled), textarea:not(:disabled), [tabindex]:not([tabindex="-1"])';

export interface ModalProps {
  title: string;
  children: ReactNode;
  /** Escape, a click on the backdrop. */
  onClose(): void;
  wide?: boolean;
  /** `alertdialog` for questions that need an answer (discard changes?). */
  role?: 'dialog' | 'alertdialog';
  testId?: string;
}

/**
 * The designer's one modal dialog: takes focus when it opens (unless a field inside took it already), keeps Tab
 * and Shift+Tab inside, closes on Escape or a click on the backdrop, and gives focus back to where it was.
 * Keys pressed inside never reach the page's shortcuts.
 */
export function Modal({ title, children, onClose, wide, role = 'dialog', testId }: ModalProps) {
  const dialog = useRef<HTMLDivElement>(null);
  const close = useRef(onClose);
  close.current = onClose;
  // Read while rendering: a field's autoFocus moves focus into the dialog before any effect runs.
  const [before] = useState(() =>
    document.activeElement instanceof HTMLElement ? document.activeElement : null,
  );
  useEffect(() => {
    // Opened from a shortcut, focus is still on the page behind: take it, and give it back on close.
    if (!dialog.current?.contains(document.activeElement)) dialog.current?.focus();
    return () => {
      if (before?.isConnected) before.focus();
    };
  }, [before]);
  const trapTab = (e: React.KeyboardEvent) => {
    const box = dialog.current;
    if (!box) return;
    const items = [...box.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.offsetParent !== null);
    const first = items[0];
    const last = items[items.length - 1];
    if (!first || !last) {
      e.preventDefault();
      return;
    }
    const at = document.activeElement;
    if (e.shiftKey && (at === first || at === box)) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && at === last) {
      e.preventDefault();
      first.focus();
    }
  };
  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && close.current()}>
      <div
        ref={dialog}
        tabIndex={-1}
        className={`modal${wide ? ' wide' : ''}`}
        role={role}
        aria-modal="true"
        aria-label={title}
        data-testid={testId}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            close.current();
          } else if (e.key === 'Tab') trapTab(e);
          e.stopPropagation();
        }}
      >
        <h2>{title}</h2>
        {children}
      </div>
    </div>
  );
}
