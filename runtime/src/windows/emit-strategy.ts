/**
 * When a windowed aggregation forwards its results (Kafka's EmitStrategy, KIP-825): on every update of a window
 * (the default), or once per window when stream time passes its end plus grace.
 */
export class EmitStrategy {
  private constructor(readonly type: 'ON_WINDOW_UPDATE' | 'ON_WINDOW_CLOSE') {}

  private static readonly update = new EmitStrategy('ON_WINDOW_UPDATE');
  private static readonly close = new EmitStrategy('ON_WINDOW_CLOSE');

  static onWindowUpdate(): EmitStrategy {
    return EmitStrategy.update;
  }

  static onWindowClose(): EmitStrategy {
    return EmitStrategy.close;
  }

  get emitsOnWindowClose(): boolean {
    return this.type === 'ON_WINDOW_CLOSE';
  }
}
