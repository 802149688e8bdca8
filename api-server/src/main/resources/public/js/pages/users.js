import { html, live, nothing } from '../lit.js';
import { api } from '../api.js';
import { Page, scrollable, when } from '../page.js';

function fullName(u) {
  return [u.first_name, u.last_name].filter(Boolean).join(' ') || '—';
}

/** Users of this instance with role and state; admins add, change, disable, reset and delete them. */
export class UsersPage extends Page {
  users = [];
  /** The open password reset or deletion confirmation: `{ kind: 'reset' | 'delete', user }`, or null. */
  panel = null;

  async load() {
    this.users = await api('GET', '/v1/auth/users');
  }

  /**
   * Runs a change to one user with its control busy, then reloads the list so that the table shows what the server
   * now holds (also after a refusal). The open form or confirmation stays open when the change was refused.
   */
  change(control, work, notice) {
    return this.act(control, () => this.changed(work), notice);
  }

  async changed(work) {
    try {
      await work();
      this.panel = null;
    } finally {
      await this.load();
    }
  }

  /** Opens a panel above the table and moves the keyboard focus into it. */
  open(kind, user) {
    this.panel = { kind, user };
    this.draw();
    this.container.querySelector('#user-panel input, #user-panel button')?.focus();
  }

  close() {
    this.panel = null;
    this.draw();
  }

  async add(fields, form) {
    await api('POST', '/v1/auth/users', fields);
    form.reset();
    await this.load();
  }

  row(u) {
    const label = u.email;
    return html`
      <tr>
        <td>${u.email}</td>
        <td>${fullName(u)}</td>
        <td>
          <select aria-label="Role of ${label}" .value=${live(u.role)} @change=${(e) => this.change(e.target,
            () => api('PATCH', `/v1/auth/users/${u.id}`, { role: e.target.value }),
            `${label} is now ${e.target.value}.`)}>
            ${['admin', 'viewer'].map((r) => html`<option value=${r} ?selected=${u.role === r}>${r}</option>`)}
          </select>
        </td>
        <td>${u.disabled ? 'Disabled' : 'Active'}</td>
        <td>${when(u.last_login_at)}</td>
        <td>
          <div class="actions">
            ${u.disabled
              ? html`<button type="button" class="secondary" @click=${(e) => this.change(e.target,
                  () => api('POST', `/v1/auth/users/${u.id}/enable`), `${label} is enabled.`)}>Enable</button>`
              : html`<button type="button" class="secondary" @click=${(e) => this.change(e.target,
                  () => api('POST', `/v1/auth/users/${u.id}/disable`), `${label} is disabled.`)}>Disable</button>`}
            <button type="button" class="secondary" @click=${() => this.open('reset', u)}>Reset password</button>
            <button type="button" class="contrast" @click=${() => this.open('delete', u)}>Delete</button>
          </div>
        </td>
      </tr>`;
  }

  resetForm(u) {
    return html`
      <article id="user-panel">
        <h2>Reset the password of ${u.email}</h2>
        <form @submit=${this.submit(({ password }) => this.changed(
          () => api('PATCH', `/v1/auth/users/${u.id}`, { password })), `The password of ${u.email} was reset.`)}>
          <label>New password <input name="password" type="password" autocomplete="new-password" required minlength="12"></label>
          <div class="actions">
            <button type="submit">Set password</button>
            <button type="button" class="secondary" @click=${() => this.close()}>Cancel</button>
          </div>
        </form>
      </article>`;
  }

  deleteConfirmation(u) {
    return html`
      <article id="user-panel" role="group" aria-label="Confirm deletion">
        <p>Delete ${u.email}? Their sessions and API tokens end at once.</p>
        <div class="actions">
          <button type="button" class="contrast" @click=${(e) => this.change(e.target,
            () => api('DELETE', `/v1/auth/users/${u.id}`), `${u.email} was deleted.`)}>Delete ${u.email}</button>
          <button type="button" class="secondary" @click=${() => this.close()}>Cancel</button>
        </div>
      </article>`;
  }

  template() {
    return html`
      <h1 tabindex="-1">Users</h1>
      ${this.messages()}
      ${this.panel?.kind === 'reset' ? this.resetForm(this.panel.user) : nothing}
      ${this.panel?.kind === 'delete' ? this.deleteConfirmation(this.panel.user) : nothing}
      ${scrollable('Users', html`<table>
          <thead><tr><th scope="col">Email</th><th scope="col">Name</th><th scope="col">Role</th>
            <th scope="col">State</th><th scope="col">Last sign-in</th><th scope="col">Actions</th></tr></thead>
          <tbody>${this.users.map((u) => this.row(u))}</tbody>
        </table>`)}
      <h2>Add a user</h2>
      <form @submit=${this.submit((f, form) => this.add(f, form), 'User added.')}>
        <div class="grid">
          <label>Email <input name="email" type="email" required></label>
          <label>Password <input name="password" type="password" autocomplete="new-password" required minlength="12"></label>
        </div>
        <div class="grid">
          <label>First name <input name="first_name"></label>
          <label>Last name <input name="last_name"></label>
          <div>
            <label for="new-user-role">Role</label>
            <select id="new-user-role" name="role"><option value="viewer">viewer</option><option value="admin">admin</option></select>
          </div>
        </div>
        <button type="submit">Add user</button>
      </form>`;
  }
}
