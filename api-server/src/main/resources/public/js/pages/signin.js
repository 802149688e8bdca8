import { html } from '../lit.js';
import { session } from '../api.js';
import { Page } from '../page.js';

/** Sign in with e-mail and password; a throttled account is told when to try again. */
export class SignInPage extends Page {
  constructor(container, onSignedIn) {
    super(container, null);
    this.onSignedIn = onSignedIn;
  }

  async signIn({ email, password }) {
    try {
      await session.signIn(email, password);
    } catch (e) {
      if (e.status === 429 && e.retryAfter) {
        const at = new Date(Date.now() + Number(e.retryAfter) * 1000);
        e.message = `${e.message} You can try again at ${at.toLocaleTimeString()}.`;
      }
      throw e;
    }
    await this.onSignedIn();
  }

  template() {
    return html`
      <article>
        <h1 tabindex="-1">Sign in to OpenLuffy</h1>
        ${this.messages()}
        <form @submit=${this.submit((f) => this.signIn(f))}>
          <label>Email <input name="email" type="email" autocomplete="username" required></label>
          <label>Password <input name="password" type="password" autocomplete="current-password" required></label>
          <button type="submit">Sign in</button>
        </form>
      </article>`;
  }
}
