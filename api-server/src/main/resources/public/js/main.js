import { html, render } from './lit.js';
import { api, session } from './api.js';
import { SignInPage } from './pages/signin.js';
import { FirstRunPage } from './pages/firstrun.js';
import { UsersPage } from './pages/users.js';
import { CustomersPage } from './pages/customers.js';
import { TokensPage } from './pages/tokens.js';
import { AccountPage } from './pages/account.js';
import { ArgoCdPage } from './pages/argocd.js';
import { AuditPage } from './pages/audit.js';

const app = document.getElementById('app');
// lit renders only into what it owns: the static "Loading…" placeholder must go first
app.replaceChildren();

/** The navigation, in order; `admin` pages call admin-only routes, so viewers do not see them. */
const PAGES = [
  { path: 'customers', title: 'Customers', page: CustomersPage },
  { path: 'users', title: 'Users', page: UsersPage, admin: true },
  { path: 'argocd', title: 'Argo CD', page: ArgoCdPage, admin: true },
  { path: 'audit', title: 'Audit log', page: AuditPage, admin: true },
  { path: 'tokens', title: 'API tokens', page: TokensPage },
  { path: 'account', title: 'My account', page: AccountPage },
];

let me = null;

function visible() {
  return PAGES.filter((p) => !p.admin || me.role === 'admin');
}

function current() {
  const path = location.hash.replace(/^#\/?/, '');
  return visible().find((p) => p.path === path) ?? visible()[0];
}

async function signOut() {
  try {
    await session.signOut();
  } finally {
    me = null;
    location.hash = '';
    await start();
  }
}

// the address's hash names the page, so the skip link moves the focus itself instead of changing it
function skipToContent(event) {
  event.preventDefault();
  app.querySelector('#content h1')?.focus();
}

function shell(active) {
  return html`
    <a class="skip-link" href="#content" @click=${skipToContent}>Skip to content</a>
    <header class="container">
      <nav aria-label="Main">
        <ul><li><strong>OpenLuffy</strong></li></ul>
        <ul>
          ${visible().map((p) => html`<li><a href="#/${p.path}" aria-current=${p === active ? 'page' : 'false'}>${p.title}</a></li>`)}
          <li><button type="button" class="secondary outline" @click=${signOut}>Sign out</button></li>
        </ul>
      </nav>
      <p>Signed in as ${me.email} (${me.role})</p>
    </header>
    <main class="container" id="content"></main>`;
}

async function showPage() {
  const active = current();
  document.title = `${active.title} · OpenLuffy`;
  render(shell(active), app);
  await new active.page(app.querySelector('#content'), me).show();
}

async function signedIn() {
  me = await api('GET', '/v1/auth/me');
  await showPage();
}

async function start() {
  const main = () => {
    render(html`<main class="container" id="content"></main>`, app);
    return app.querySelector('#content');
  };
  try {
    if (await session.restore()) {
      await signedIn();
    } else if (await session.bootstrapAvailable()) {
      document.title = 'Create the first admin · OpenLuffy';
      await new FirstRunPage(main(), signedIn).show();
    } else {
      document.title = 'Sign in · OpenLuffy';
      await new SignInPage(main(), signedIn).show();
    }
  } catch (e) {
    render(html`<main class="container"><h1>OpenLuffy</h1><p role="alert" class="error">${e.message}</p>
      <button type="button" @click=${start}>Try again</button></main>`, app);
  }
}

window.addEventListener('hashchange', () => me && showPage());
session.whenLost(() => {
  me = null;
  start();
});
start();
