import { html, nothing } from '../lit.js';
import { api } from '../api.js';
import { Page, scrollable, when } from '../page.js';

/** Customers; admins create, edit and delete them and set or clear their GitHub token, which is never shown. */
export class CustomersPage extends Page {
  customers = [];
  editing = null;

  async load() {
    this.customers = await api('GET', '/v1/customers');
  }

  /** Opens the customer in the form below the table and moves the keyboard focus there. */
  edit(customer) {
    this.editing = customer;
    this.draw();
    this.container.querySelector('input[name=name]')?.focus();
  }

  async reload() {
    this.editing = null;
    await this.load();
  }

  async save({ name, description, github_org }, form) {
    const body = { name, description, github_org };
    if (this.editing) {
      await api('PATCH', `/v1/customers/${this.editing.id}`, body);
    } else {
      await api('POST', '/v1/customers', body);
      form.reset();
    }
    await this.reload();
  }

  async setToken({ token }, form, customer) {
    await api('PUT', `/v1/customers/${customer.id}/github-token`, { token });
    form.reset();
    await this.reload();
  }

  tokenState(c) {
    return c.github_token?.set ? `Set on ${when(c.github_token.set_at)}` : 'Not set';
  }

  customerForm() {
    const c = this.editing ?? {};
    return html`
      <h2>${this.editing ? `Edit ${c.name}` : 'Add a customer'}</h2>
      <form @submit=${this.submit((f, form) => this.save(f, form), this.editing ? 'Customer saved.' : 'Customer added.')}>
        <div class="grid">
          <label>Name <input name="name" required .value=${c.name ?? ''}></label>
          <label>GitHub organization <input name="github_org" .value=${c.github_org ?? ''}></label>
        </div>
        <label>Description <input name="description" .value=${c.description ?? ''}></label>
        <div class="actions">
          <button type="submit">${this.editing ? 'Save customer' : 'Add customer'}</button>
          ${this.editing ? html`<button type="button" class="secondary"
            @click=${() => { this.editing = null; this.draw(); }}>Cancel</button>` : nothing}
        </div>
      </form>`;
  }

  githubToken(c) {
    return html`
      <article>
        <h2>GitHub token of ${c.name}</h2>
        <p>${this.tokenState(c)}. The token is stored encrypted and is never shown again.</p>
        <form @submit=${this.submit((f, form) => this.setToken(f, form, c), 'GitHub token saved.')}>
          <fieldset role="group">
            <input name="token" type="password" autocomplete="off" aria-label="New GitHub token" required
              placeholder="New GitHub token">
            <button type="submit">Save token</button>
          </fieldset>
        </form>
        ${c.github_token?.set ? html`<button type="button" class="secondary" @click=${(e) => this.act(e.target, async () => {
          await api('DELETE', `/v1/customers/${c.id}/github-token`);
          await this.reload();
        }, 'GitHub token cleared.')}>Clear token</button>` : nothing}
      </article>`;
  }

  row(c) {
    return html`
      <tr>
        <td>${c.name}</td><td>${c.github_org ?? '—'}</td><td>${c.description ?? ''}</td><td>${this.tokenState(c)}</td>
        ${this.isAdmin ? html`<td><div class="actions">
          <button type="button" class="secondary" @click=${() => this.edit(c)}>Edit ${c.name}</button>
          <button type="button" class="contrast" @click=${(e) => this.act(e.target, async () => {
            await api('DELETE', `/v1/customers/${c.id}`);
            await this.reload();
          }, `${c.name} was deleted.`)}>Delete ${c.name}</button>
        </div></td>` : nothing}
      </tr>`;
  }

  template() {
    return html`
      <h1 tabindex="-1">Customers</h1>
      ${this.messages()}
      ${this.customers.length === 0 ? html`<p>No customers yet.</p>` : html`
        ${scrollable('Customers', html`<table>
            <thead><tr><th scope="col">Name</th><th scope="col">GitHub organization</th><th scope="col">Description</th>
              <th scope="col">GitHub token</th>${this.isAdmin ? html`<th scope="col">Actions</th>` : nothing}</tr></thead>
            <tbody>${this.customers.map((c) => this.row(c))}</tbody>
          </table>`)}`}
      ${this.isAdmin ? this.customerForm() : nothing}
      ${this.isAdmin && this.editing ? this.githubToken(this.editing) : nothing}`;
  }
}
