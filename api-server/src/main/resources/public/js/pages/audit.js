import { html } from '../lit.js';
import { api } from '../api.js';
import { Page, scrollable, when } from '../page.js';

const PAGE_SIZE = 20;

/** The audit log, newest first, one page at a time, optionally of one action. */
export class AuditPage extends Page {
  actions = [];
  action = '';
  offset = 0;
  entries = { items: [], total: 0 };

  async load() {
    if (this.actions.length === 0) {
      this.actions = await api('GET', '/v1/audit/actions');
    }
    const query = new URLSearchParams({ limit: PAGE_SIZE, offset: this.offset });
    if (this.action) {
      query.set('action', this.action);
    }
    this.entries = await api('GET', `/v1/audit?${query}`);
  }

  go(control, offset, action = this.action) {
    this.offset = offset;
    this.action = action;
    return this.act(control, () => this.load());
  }

  template() {
    const { items, total } = this.entries;
    const last = Math.min(this.offset + items.length, total);
    return html`
      <h1 tabindex="-1">Audit log</h1>
      ${this.messages()}
      <label for="audit-action">Action</label>
        <select id="audit-action" @change=${(e) => this.go(e.target, 0, e.target.value)}>
          <option value="" ?selected=${this.action === ''}>All actions</option>
          ${this.actions.map((a) => html`<option value=${a} ?selected=${this.action === a}>${a}</option>`)}
        </select>
      <p>${total === 0 ? 'No entries.' : `Entries ${this.offset + 1} to ${last} of ${total}, newest first.`}</p>
      ${scrollable('Audit entries', html`<table>
          <thead><tr><th scope="col">Time</th><th scope="col">Who</th><th scope="col">Action</th>
            <th scope="col">Target</th></tr></thead>
          <tbody>${items.map((e) => html`
            <tr><td>${when(e.time)}</td><td>${e.actor_email}</td><td>${e.action}</td><td>${e.target}</td></tr>`)}
          </tbody>
        </table>`)}
      <div class="actions">
        <button type="button" class="secondary" ?disabled=${this.offset === 0}
          @click=${(e) => this.go(e.target, Math.max(0, this.offset - PAGE_SIZE))}>Newer</button>
        <button type="button" class="secondary" ?disabled=${last >= total}
          @click=${(e) => this.go(e.target, this.offset + PAGE_SIZE)}>Older</button>
      </div>`;
  }
}
