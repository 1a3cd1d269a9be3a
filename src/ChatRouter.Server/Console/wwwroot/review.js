// The review page: a trainer labels, one at a time, the customer messages the bot did not route with confidence.
// Keyboard first: 1–9 pick a suggestion, arrows and Enter pick the highlighted one, o marks out of scope, s skips.
// Each label is appended to train-data/<locale>.tsv by the server; the next item loads at once.

import { agentApi, reviewApi, session, whenUnauthorized } from './api.js';
import { $, el, setText, show } from './view.js';

const REVIEW_ROLES = ['trainer', 'admin'];
const OOS = 'oos';

const state = { items: [], active: 0, busy: false, generation: 0 };

whenUnauthorized(() => signOut('Your key is no longer accepted (401). Sign in again.'));

$('sign-in-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const key = $('api-key').value.trim();
  if (!key) return message('sign-in-error', 'Enter your trainer API key.');
  message('sign-in-error', null);
  try {
    const me = await agentApi.me(key);
    if (!REVIEW_ROLES.includes(me?.role)) {
      return message('sign-in-error', `That key cannot label: it needs the trainer or admin role, and its role is "${me?.role}".`);
    }
    session.key = key;
    $('api-key').value = '';
    start(me);
  } catch (error) {
    message('sign-in-error', error.status === 401 ? 'That key was not accepted. Check it and try again.' : error.message);
    $('api-key').select();
  }
});

$('sign-out').addEventListener('click', () => signOut(null));
$('locale-filter').addEventListener('change', () => load());
$('oos-button').addEventListener('click', () => label(OOS));
$('skip-button').addEventListener('click', () => skip());
$('other-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const intent = $('other-intent').value.trim();
  if (intent) label(intent);
});

document.addEventListener('keydown', (event) => {
  if ($('review-view').hidden || event.altKey || event.ctrlKey || event.metaKey) return;
  // Typing in a field is typing, not a command.
  if (event.target instanceof HTMLInputElement || event.target instanceof HTMLTextAreaElement) return;
  // Enter on a focused button is that button's click.
  if (event.key === 'Enter' && event.target instanceof HTMLButtonElement) return;
  const item = state.items[0];
  if (!item) return;
  const suggestions = item.top ?? [];
  if (/^[1-9]$/.test(event.key) && Number(event.key) <= suggestions.length) label(suggestions[Number(event.key) - 1].intent);
  else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') move(event.key === 'ArrowDown' ? 1 : -1, suggestions.length);
  else if (event.key === 'Enter' && suggestions.length > 0) label(suggestions[state.active].intent);
  else if (event.key === 'o' || event.key === 'O') label(OOS);
  else if (event.key === 's' || event.key === 'S') skip();
  else return;
  event.preventDefault();
});

function start(me) {
  state.generation += 1;
  setText($('agent-name'), me.name ?? '');
  setText($('agent-role'), me.role ?? '');
  show($('whoami'), true);
  show($('sign-in-view'), false);
  show($('review-view'), true);
  load();
}

function signOut(reason) {
  state.generation += 1;
  Object.assign(state, { items: [], active: 0, busy: false });
  session.key = null;
  show($('whoami'), false);
  show($('review-view'), false);
  show($('sign-in-view'), true);
  message('sign-in-error', reason);
  $('api-key').focus();
}

async function load() {
  const generation = state.generation;
  try {
    const page = await reviewApi.pending($('locale-filter').value.trim());
    if (generation !== state.generation) return;
    state.items = page?.items ?? [];
    message('banner', null);
  } catch (error) {
    if (generation === state.generation && error.status !== 401) message('banner', error.message);
  }
  draw();
}

function draw() {
  const item = state.items[0];
  state.active = 0;
  show($('item'), Boolean(item));
  show($('done'), !item);
  setText($('remaining'), item ? `${state.items.length}${state.items.length >= 50 ? '+' : ''} pending` : '');
  $('other-intent').value = '';
  if (!item) return $('suggestions').replaceChildren();
  setText($('item-text'), item.text);
  const where = [item.locale, item.reason.replaceAll('_', ' '), `${percent(item.confidence)} ${item.intent}`, item.flow && `${item.flow}/${item.state ?? ''}`];
  setText($('item-meta'), where.filter(Boolean).join(' · '));
  $('suggestions').replaceChildren(...(item.top ?? []).map((s, i) => el('li', { className: 'suggestion', dataset: { intent: s.intent } },
    el('kbd', {}, String(i + 1)), el('span', { className: 'intent' }, s.intent), el('span', { className: 'confidence' }, percent(s.confidence)))));
  $('suggestions').querySelectorAll('.suggestion').forEach((node) => node.addEventListener('click', () => label(node.dataset.intent)));
  highlight();
  // After a label typed in the field, the keys work on the next item again.
  if (document.activeElement === $('other-intent')) $('other-intent').blur();
}

function move(step, count) {
  if (count === 0) return;
  state.active = (state.active + step + count) % count;
  highlight();
}

function highlight() {
  $('suggestions').querySelectorAll('.suggestion').forEach((node, i) => {
    node.classList.toggle('active', i === state.active);
    node.setAttribute('aria-current', i === state.active ? 'true' : 'false');
  });
}

async function label(intent) {
  await act((item) => reviewApi.label(item.id, intent), (item, answer) => `Labelled “${item.text}” as ${intent} (${answer?.file ?? 'training data'}).`);
}

async function skip() {
  await act((item) => reviewApi.skip(item.id), (item) => `Skipped “${item.text}”.`);
}

/** One change to the current item; then the next item shows (the list is fetched again when it runs out). */
async function act(send, describe) {
  const item = state.items[0];
  if (!item || state.busy) return;
  state.busy = true;
  message('item-error', null);
  try {
    const answer = await send(item);
    status(describe(item, answer));
    state.items.shift();
    if (state.items.length === 0) await load();
    else draw();
  } catch (error) {
    if (error.status === 409) {
      // Someone else labelled it: move on.
      status(error.message);
      state.items.shift();
      if (state.items.length === 0) await load();
      else draw();
    } else if (error.status !== 401) {
      const closest = Array.isArray(error.body?.closest) ? ` Closest: ${error.body.closest.join(', ')}.` : '';
      message('item-error', `${firstError(error)}${closest}`);
    }
  } finally {
    state.busy = false;
  }
}

function firstError(error) {
  const errors = error.body?.errors;
  const first = errors && Object.values(errors).flat()[0];
  return first ?? error.message;
}

function percent(value) {
  return `${Math.round((Number(value) || 0) * 100)} %`;
}

function status(text) {
  setText($('status'), text);
  show($('status'), Boolean(text));
}

function message(id, text) {
  setText($(id), text ?? '');
  show($(id), Boolean(text));
}

if (session.key) {
  agentApi.me(session.key).then((me) => (REVIEW_ROLES.includes(me?.role) ? start(me) : signOut(null)), () => signOut(null));
} else {
  signOut(null);
}
