// The one place naming the lit-html webjar version; templates escape every value they insert.
export { html, render, nothing } from '/webjars/lit-html/3.3.1/lit-html.js';
export { live } from '/webjars/lit-html/3.3.1/directives/live.js';
