import { html } from '../lit.js';
import { session } from '../api.js';
import { Page } from '../page.js';

/** The deployment guide's bootstrap, in the browser: offered only while the instance has no user at all. */
export class FirstRunPage extends Page {
  constructor(container, onSignedIn) {
    super(container, null);
    this.onSignedIn = onSignedIn;
  }

  async create({ email, password, first_name, last_name }) {
    await session.createFirstAdmin({ email, password, first_name, last_name });
    await this.onSignedIn();
  }

  template() {
    return html`
      <article>
        <h1 tabindex="-1">Create the first admin</h1>
        <p>This OpenLuffy instance has no users yet. The account created here is its first admin; this page is not
          offered again once it exists.</p>
        ${this.messages()}
        <form @submit=${this.submit((f) => this.create(f))}>
          <label>Email <input name="email" type="email" autocomplete="username" required></label>
          <label>Password <input name="password" type="password" autocomplete="new-password" required minlength="12"
            aria-describedby="password-rule"></label>
          <small id="password-rule">At least 12 characters.</small>
          <div class="grid">
            <label>First name <input name="first_name" autocomplete="given-name"></label>
            <label>Last name <input name="last_name" autocomplete="family-name"></label>
          </div>
          <button type="submit">Create admin</button>
        </form>
      </article>`;
  }
}
