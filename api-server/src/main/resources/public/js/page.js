import { html, render, nothing } from './lit.js';

/**
 * A screen of the UI: subclasses give `template()` and optionally `load()`. Every action runs through `act`, so its
 * control shows a busy state and every API error is shown in words.
 */
export class Page {
  constructor(container, me) {
    this.container = container;
    this.me = me;
    this.error = null;
    this.notice = null;
  }

  get isAdmin() {
    return this.me.role === 'admin';
  }

  async show() {
    await this.act(null, () => this.load());
    this.container.querySelector('h1')?.focus();
  }

  async load() {}

  draw() {
    render(this.template(), this.container);
  }

  /** Runs `work` with `control` busy; on success shows `notice` (if any), on failure the server's detail. */
  async act(control, work, notice = null) {
    this.error = null;
    this.notice = null;
    control?.setAttribute('aria-busy', 'true');
    if (control) {
      control.disabled = true;
    }
    try {
      await work();
      this.notice = notice;
    } catch (e) {
      this.error = e.message;
    } finally {
      control?.removeAttribute('aria-busy');
      if (control) {
        control.disabled = false;
      }
      this.draw();
    }
  }

  /** Handler for a form's submit event: `work` receives the form's fields and the form. */
  submit(work, notice) {
    return (event) => {
      event.preventDefault();
      const form = event.target;
      const button = event.submitter ?? form.querySelector('button[type=submit]');
      return this.act(button, () => work(Object.fromEntries(new FormData(form)), form), notice);
    };
  }

  messages() {
    return html`
      ${this.error ? html`<p role="alert" class="error">${this.error}</p>` : nothing}
      ${this.notice ? html`<p role="status" class="notice">${this.notice}</p>` : nothing}`;
  }
}

/** A time as the browser's locale writes it, or a dash. */
export function when(iso) {
  return iso ? new Date(iso).toLocaleString() : '—';
}

/** A wide table that scrolls sideways on a narrow screen; focusable, so the keyboard can scroll it too. */
export function scrollable(label, table) {
  return html`<div class="overflow-auto" tabindex="0" role="region" aria-label=${label}>${table}</div>`;
}
