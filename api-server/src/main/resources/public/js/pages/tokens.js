import { html, nothing } from '../lit.js';
import { api } from '../api.js';
import { Page, scrollable, when } from '../page.js';

/** The caller's API tokens for automation; a new token is shown once, in memory only, until the page is left. */
export class TokensPage extends Page {
  tokens = [];
  created = null;

  async load() {
    this.tokens = await api('GET', '/v1/auth/tokens');
  }

  async create({ name }, form) {
    this.created = await api('POST', '/v1/auth/tokens', { name });
    form.reset();
    await this.load();
  }

  async copy(button) {
    await this.act(button, () => navigator.clipboard.writeText(this.created.token), 'Token copied to the clipboard.');
  }

  createdToken() {
    return html`
      <article>
        <h2>Token “${this.created.name}” created</h2>
        <p><strong>Copy it now: it will not be shown again.</strong></p>
        <p class="secret" aria-label="New API token">${this.created.token}</p>
        <div class="actions">
          <button type="button" @click=${(e) => this.copy(e.target)}>Copy token</button>
          <button type="button" class="secondary" @click=${() => { this.created = null; this.draw(); }}>Done</button>
        </div>
      </article>`;
  }

  template() {
    return html`
      <h1 tabindex="-1">API tokens</h1>
      <p>Tokens act with your role, for scripts and automation: <code>Authorization: Bearer &lt;token&gt;</code>.</p>
      ${this.messages()}
      ${this.created ? this.createdToken() : nothing}
      <form @submit=${this.submit((f, form) => this.create(f, form))}>
        <fieldset role="group">
          <input name="name" aria-label="Token name" placeholder="Token name" required maxlength="100">
          <button type="submit">Create token</button>
        </fieldset>
      </form>
      ${this.tokens.length === 0 ? html`<p>No API tokens yet.</p>` : html`
        ${scrollable('API tokens', html`<table>
            <thead><tr><th scope="col">Name</th><th scope="col">Created</th><th scope="col">Last used</th>
              <th scope="col">Actions</th></tr></thead>
            <tbody>${this.tokens.map((t) => html`
              <tr>
                <td>${t.name}</td><td>${when(t.created_at)}</td><td>${when(t.last_used_at)}</td>
                <td><button type="button" class="contrast" @click=${(e) => this.act(e.target, async () => {
                  await api('DELETE', `/v1/auth/tokens/${t.id}`);
                  await this.load();
                }, `Token “${t.name}” revoked.`)}>Revoke ${t.name}</button></td>
              </tr>`)}
            </tbody>
          </table>`)}`}`;
  }
}
