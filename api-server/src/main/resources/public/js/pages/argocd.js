import { html, nothing } from '../lit.js';
import { api } from '../api.js';
import { Page, when } from '../page.js';

const OUTCOME = {
  reachable: 'Argo CD is reachable and accepted the token',
  unauthorized: 'Argo CD answered, but refused the token',
  unreachable: 'Argo CD could not be reached',
};

/** The Argo CD integration: URL and token (kept encrypted, never shown), and a connection test in words. */
export class ArgoCdPage extends Page {
  settings = null;
  probe = null;

  async load() {
    // the list answers 200 also when nothing is configured (the single integration's route answers 404)
    const integrations = await api('GET', '/v1/integrations');
    this.settings = integrations.find((i) => i.kind === 'argocd') ?? null;
  }

  async save({ url, token, insecure_skip_tls_verify }, form) {
    const body = { url, insecure_skip_tls_verify: insecure_skip_tls_verify === 'on' };
    if (token) {
      body.token = token;
    }
    this.probe = null;
    await api('PUT', '/v1/integrations/argocd', body);
    form.elements.token.value = '';
    await this.load();
  }

  async test() {
    this.probe = await api('POST', '/v1/integrations/argocd/test');
  }

  probeResult() {
    if (!this.probe) {
      return nothing;
    }
    const p = this.probe;
    const reachable = p.status === 'reachable';
    // a reachable Argo CD's reason only repeats its version
    const words = `${OUTCOME[p.status] ?? p.status}${p.version ? ` (version ${p.version})` : ''}`
      + `${!reachable && p.reason ? `: ${p.reason}` : '.'}`;
    return html`<p role="status" class=${reachable ? 'notice' : 'error'}>${words}</p>`;
  }

  template() {
    const s = this.settings;
    return html`
      <h1 tabindex="-1">Argo CD</h1>
      ${this.messages()}
      <p>${s ? `Configured by ${s.updated_by ?? 'unknown'} on ${when(s.updated_at)}; token ${s.token_set ? 'set' : 'not set'}.`
        : 'Not configured yet.'}</p>
      <form @submit=${this.submit((f, form) => this.save(f, form), 'Argo CD settings saved.')}>
        <label>URL <input name="url" type="url" required placeholder="https://argocd.example.com" .value=${s?.url ?? ''}></label>
        <label>Token <input name="token" type="password" autocomplete="off" ?required=${!s?.token_set}
          aria-describedby="token-help"></label>
        <small id="token-help">${s?.token_set ? 'Leave empty to keep the stored token.' : 'An Argo CD API token.'}</small>
        <label><input name="insecure_skip_tls_verify" type="checkbox" role="switch"
          .checked=${s?.insecure_skip_tls_verify ?? false}> Skip TLS certificate verification</label>
        <div class="actions">
          <button type="submit">Save</button>
          ${s ? html`<button type="button" class="secondary" @click=${(e) => this.act(e.target, () => this.test())}>
            Test connection</button>` : nothing}
        </div>
      </form>
      ${this.probeResult()}`;
  }
}
