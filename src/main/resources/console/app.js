// The console's shell: sign in, then one page at a time by the URL's hash (#/, #/job/<id>, #/new).
import { session, signIn, signOut, whenSignedOut, ApiError } from './api.js';
import { h, errorText } from './view.js';
import { jobList } from './list.js';
import { jobPage } from './job.js';
import { submitPage } from './submit.js';

const main = document.getElementById('main');
let stopPage = () => {};

function signInPage() {
  const alert = h('div.alert', { role: 'alert', id: 'sign-in-error' });
  const username = h('input', { id: 'username', name: 'username', autocomplete: 'username', required: true, autofocus: true });
  const password = h('input', { id: 'password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const button = h('button.button', { type: 'submit', id: 'sign-in' }, 'Sign in');
  const form = h('form.panel.signin', { id: 'sign-in-form' },
    h('h1', 'Sign in'), h('p.sub', 'With your Caravan user: the console can do what the API lets you do.'),
    h('div.field', h('label', { for: 'username' }, 'Username'), username),
    h('div.field', h('label', { for: 'password' }, 'Password'), password),
    alert, button);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    button.disabled = true;
    alert.textContent = '';
    try {
      await signIn(username.value, password.value);
      route();
    } catch (e) {
      alert.textContent = e instanceof ApiError && e.status === 401
        ? 'Wrong username or password.' : errorText(e);
      password.select();
    } finally {
      button.disabled = false;
    }
  });
  main.replaceChildren(form);
  username.focus();
}

function chrome(user, current) {
  document.getElementById('nav').hidden = !user;
  document.getElementById('who').hidden = !user;
  document.getElementById('who-name').textContent = user ? user.username : '';
  document.querySelectorAll('[data-nav]').forEach((a) => {
    if (a.dataset.nav === current) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  });
}

function route() {
  stopPage();
  stopPage = () => {};
  const user = session();
  const hash = window.location.hash || '#/';
  if (!user) {
    chrome(null, '');
    document.title = 'Sign in · Caravan';
    signInPage();
    return;
  }
  const job = /^#\/job\/(.+)$/.exec(hash);
  if (job) {
    chrome(user, 'jobs');
    document.title = 'Job · Caravan';
    stopPage = jobPage(main, decodeURIComponent(job[1]));
  } else if (hash === '#/new') {
    chrome(user, 'new');
    document.title = 'New job · Caravan';
    stopPage = submitPage(main);
  } else {
    chrome(user, 'jobs');
    document.title = 'Jobs · Caravan';
    stopPage = jobList(main);
  }
}

document.getElementById('sign-out').addEventListener('click', () => signOut());
whenSignedOut(() => route());
window.addEventListener('hashchange', route);
route();
