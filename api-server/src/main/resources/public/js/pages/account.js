import { html } from '../lit.js';
import { api } from '../api.js';
import { Page } from '../page.js';

/** The signed-in user's own account: who they are, and a password change. */
export class AccountPage extends Page {
  async change({ current_password, new_password }, form) {
    await api('POST', '/v1/auth/me/password', { current_password, new_password });
    form.reset();
  }

  template() {
    return html`
      <h1 tabindex="-1">My account</h1>
      <p>${this.me.email}, role ${this.me.role}.</p>
      ${this.messages()}
      <h2>Change my password</h2>
      <p>Your other sessions end; this one and your API tokens stay valid.</p>
      <form @submit=${this.submit((f, form) => this.change(f, form), 'Password changed.')}>
        <label>Current password
          <input name="current_password" type="password" autocomplete="current-password" required></label>
        <label>New password
          <input name="new_password" type="password" autocomplete="new-password" required minlength="12"></label>
        <button type="submit">Change password</button>
      </form>`;
  }
}
