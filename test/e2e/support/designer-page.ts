import type { Locator, Page } from 'playwright-core';

/** Drives the designer like a user: real mouse drags and key presses, no store access. */
export class DesignerPage {
  constructor(readonly page: Page) {}

  node(id: string): Locator {
    return this.page.locator(`.react-flow__node[data-id="${id}"]`);
  }

  /** The open document as it would be saved (read-only window property the renderer exposes). */
  async documentText(): Promise<string> {
    // Page code is passed as a string: this file is type-checked without the DOM library.
    return this.page.evaluate<string>('window.topographDocument');
  }

  async document(): Promise<{
    nodes: Array<{ id: string; kind: string; config: Record<string, unknown> }>;
    edges: Array<{ source: string; target: string; sourceHandle?: string; targetHandle?: string }>;
  }> {
    return JSON.parse(await this.documentText());
  }

  /** Drags a palette entry onto the canvas at a point relative to the canvas' top-left corner. */
  async dragFromPalette(kind: string, at: { x: number; y: number }): Promise<void> {
    const item = this.page.locator(`.palette-item[data-kind="${kind}"]`);
    await item.scrollIntoViewIfNeeded();
    const pane = this.page.locator('.canvas .react-flow__pane');
    await item.dragTo(pane, { targetPosition: at });
    // Click the dropped node, as a user does; it also ends Chromium's drag session before the next gesture.
    await pane.click({ position: { x: at.x, y: at.y - 10 } });
  }

  /** Drags from a node's output handle to another node's input handle. */
  async connect(from: string, to: string, fromHandle = 'out', toHandle = 'in'): Promise<void> {
    const source = this.node(from).locator(`.react-flow__handle.source[data-handleid="${fromHandle}"]`);
    const target = this.node(to).locator(`.react-flow__handle.target[data-handleid="${toHandle}"]`);
    const a = await source.boundingBox();
    const b = await target.boundingBox();
    if (!a || !b) throw new Error(`handles of ${from} → ${to} are not visible`);
    const m = this.page.mouse;
    await this.page.evaluate('document.activeElement?.blur()');
    await source.hover();
    await m.move(a.x + a.width / 2, a.y + a.height / 2, { steps: 2 });
    await m.down();
    await m.move((a.x + b.x) / 2, (a.y + b.y) / 2 + 20, { steps: 5 });
    await m.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 5 });
    await m.up();
  }

  async select(id: string): Promise<void> {
    await this.node(id).locator('.node-header').click();
  }

  /** Replaces a plain inspector field's value by typing into it. */
  async fill(field: string, value: string): Promise<void> {
    const input = this.page.locator(
      `.inspector [data-field="${field}"] input, .inspector [data-field="${field}"] select`,
    );
    if ((await input.evaluate((e) => e.tagName)) === 'SELECT') await input.selectOption(value);
    else {
      await input.click();
      await input.press('ControlOrMeta+a');
      await input.pressSequentially(value);
    }
  }

  /** Replaces a lambda in the inspector's Monaco editor by typing it. */
  async typeLambda(field: string, code: string): Promise<void> {
    const editor = this.page.locator(`.inspector [data-testid="code-${field}"] .monaco-editor`);
    await editor.waitFor();
    await editor.locator('.view-lines').click();
    await this.page.keyboard.press('ControlOrMeta+a');
    await this.page.keyboard.press('Delete');
    // Monaco auto-closes brackets and quotes; inserting the text as one edit keeps it verbatim.
    await this.page.keyboard.insertText(code);
  }

  /** Answers the in-app question dialog (Save as, Export) by keyboard: replaces the suggestion, presses Enter. */
  async answer(text: string): Promise<void> {
    const dialog = this.page.getByTestId('ask-dialog');
    const input = dialog.locator('input');
    await input.waitFor();
    // The field has focus and its suggestion selected: typing replaces it.
    await this.page.keyboard.press('ControlOrMeta+a');
    await this.page.keyboard.type(text);
    await this.page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
  }

  async press(keys: string): Promise<void> {
    // Canvas shortcuts do not fire while a text field has focus, as in any editor.
    await this.page.evaluate('document.activeElement?.blur()');
    await this.page.keyboard.press(keys);
  }
}
