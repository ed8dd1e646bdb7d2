import { Component, type ErrorInfo, type ReactNode } from 'react';
import './panels.css';

interface Props {
  /** Shown in the message: "The Console panel failed". */
  name: string;
  /** A new value (the tab shown) clears a caught error, so the next panel gets its chance. */
  resetKey?: string;
  children: ReactNode;
}

interface State {
  error: Error | null;
  /** Bumped by "Reload panel" so the children mount afresh. */
  generation: number;
}

/**
 * Keeps a panel's rendering bug inside the panel: React unmounts the whole tree on an uncaught render or
 * effect error, which turned one bad effect into a white page. The panel shows the error and a way to mount
 * it again; the rest of the designer (and the unsaved document) carries on.
 *
 * A boundary catches what fails while it stays mounted: an effect cleanup that throws as its panel unmounts
 * (a tab switch, a collapse) reaches the nearest boundary that is not unmounting with it. So put it around
 * the place where panels come and go, not inside each one (or give it `resetKey` rather than a `key`).
 */
export class PanelErrorBoundary extends Component<Props, State> {
  override state: State = { error: null, generation: 0 };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidUpdate(previous: Props): void {
    if (previous.resetKey !== this.props.resetKey && this.state.error !== null)
      this.setState((s) => ({ error: null, generation: s.generation + 1 }));
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    // Kept in the devtools console with the component stack, which the inline message leaves out.
    console.error(`${this.props.name} panel failed:`, error, info.componentStack);
  }

  override render(): ReactNode {
    const { error, generation } = this.state;
    if (error === null) return <PanelKey key={generation}>{this.props.children}</PanelKey>;
    return (
      <div className="panel-error" role="alert" data-testid="panel-error">
        <strong>The {this.props.name} panel failed:</strong> <code>{error.message}</code>
        <button
          type="button"
          onClick={() => this.setState((s) => ({ error: null, generation: s.generation + 1 }))}
        >
          Reload panel
        </button>
      </div>
    );
  }
}

/** A keyed wrapper, so a reload remounts the panel's state instead of reusing the failed one. */
const PanelKey = ({ children }: { children: ReactNode }) => <>{children}</>;
