// The agent console: sign in with an API key, watch the queue, claim, reply, note and hand back.
// Live updates by polling every 2 s; nothing reloads the page.

import { agentApi, session, whenUnauthorized } from './api.js';
import { holding, renderConversation } from './conversation.js';
import { renderQueue } from './queue.js';
import { replyRefusal } from './refusals.js';
import { $, el, setText, show } from './view.js';

const POLL_MS = 2000;
const MAX_TEXT = 4096;
const CONSOLE_ROLES = ['agent', 'admin'];

const state = {
  me: null,
  handoffs: [],
  selectedId: null,
  conversation: null,
  pendingReply: null,
  timer: 0,
  polling: false,
  again: false,
  // Bumped at sign-in and sign-out so that answers to an earlier session's requests are dropped.
  generation: 0,
};

whenUnauthorized(() => signOut('Your key is no longer accepted (401). Sign in again.'));

// ---- sign-in ----

$('sign-in-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const key = $('api-key').value.trim();
  if (!key) return message('sign-in-error', 'Enter your agent API key.');
  const button = $('sign-in-button');
  button.disabled = true;
  message('sign-in-error', null);
  try {
    const me = await agentApi.me(key);
    if (!CONSOLE_ROLES.includes(me?.role)) {
      return message('sign-in-error', `That key cannot use the console: it needs the agent or admin role, and its role is "${me?.role}".`);
    }
    session.key = key;
    $('api-key').value = '';
    start(me);
  } catch (error) {
    message('sign-in-error', error.status === 401
      ? 'That key was not accepted. Check it and try again.'
      : error.status === 403 ? 'That key cannot use the console: it needs the agent or admin role.' : error.message);
    $('api-key').select();
  } finally {
    button.disabled = false;
  }
});

$('sign-out').addEventListener('click', () => signOut(null));

function start(me) {
  state.generation += 1;
  state.me = me;
  setText($('agent-name'), me.name ?? '');
  setText($('agent-role'), me.role ?? '');
  show($('whoami'), true);
  show($('sign-in-view'), false);
  show($('app-view'), true);
  poll();
}

function signOut(reason) {
  state.generation += 1;
  clearTimeout(state.timer);
  Object.assign(state, { me: null, handoffs: [], selectedId: null, conversation: null, pendingReply: null, polling: false, again: false });
  session.key = null;
  for (const id of ['waiting-list', 'claimed-list', 'history', 'profile', 'consent', 'flow', 'handoff', 'slots', 'attributes']) $(id).replaceChildren();
  for (const id of ['reply-text', 'note-text', 'release-state']) $(id).value = '';
  deselect();
  show($('whoami'), false);
  show($('app-view'), false);
  show($('sign-in-view'), true);
  message('sign-in-error', reason);
  $('api-key').focus();
}

// ---- polling ----

function refreshSoon() {
  if (state.polling) {
    state.again = true;
    return;
  }
  clearTimeout(state.timer);
  poll();
}

async function poll() {
  const generation = state.generation;
  state.polling = true;
  state.again = false;
  try {
    const handoffs = await agentApi.handoffs();
    if (generation !== state.generation) return;
    state.handoffs = handoffs ?? [];
    drawQueue();
    setText($('queue-updated'), `updated ${new Date().toLocaleTimeString()}`);
    if (state.selectedId) await loadConversation(generation);
    message('banner', null);
  } catch (error) {
    if (generation === state.generation && error.status !== 401) message('banner', error.message);
  } finally {
    if (generation === state.generation) {
      state.polling = false;
      state.timer = setTimeout(poll, state.again ? 0 : POLL_MS);
    }
  }
}

function drawQueue() {
  renderQueue(state.handoffs, { selectedId: state.selectedId, me: state.me, onSelect: select });
}

async function loadConversation(generation) {
  const id = state.selectedId;
  try {
    const conversation = await agentApi.conversation(id);
    if (generation !== state.generation || id !== state.selectedId) return;
    state.conversation = conversation;
    renderConversation(conversation, state.me);
  } catch (error) {
    if (error.status !== 404 || id !== state.selectedId) throw error;
    deselect();
    message('banner', 'That conversation no longer exists.');
  }
}

// ---- selection ----

function select(id) {
  if (id === state.selectedId) return;
  state.selectedId = id;
  state.conversation = null;
  $('history').replaceChildren();
  for (const id of ['action-status', 'reply-error', 'note-error', 'release-error']) message(id, null);
  $('release-state').value = '';
  show($('conversation-empty'), false);
  show($('conversation-body'), true);
  show($('details'), true);
  setText($('conversation-title'), 'Loading…');
  drawQueue();
  refreshSoon();
}

function deselect() {
  state.selectedId = null;
  state.conversation = null;
  show($('conversation-empty'), true);
  show($('conversation-body'), false);
  show($('details'), false);
  if (state.me) drawQueue();
}

// ---- actions ----

$('claim-button').addEventListener('click', () => act('claim-button', 'action-status', async (id) => {
  try {
    await agentApi.claim(id);
  } catch (error) {
    // Only an admin may take a conversation from a colleague, and only when they say so.
    const holder = error.body?.claimedBy ?? 'another agent';
    if (error.reason !== 'claimed' || state.me?.role !== 'admin' || !window.confirm(`${holder} holds this conversation. Take it over?`)) throw error;
    await agentApi.claim(id, true);
  }
  message('action-status', 'You claimed this conversation. The customer is yours until you hand back.', 'ok');
  $('reply-text').focus();
}, (error) => error.reason === 'claimed'
  ? `${error.body.claimedBy ?? 'Another agent'} already holds this conversation (409).`
  : error.reason === 'no_open_handoff' ? 'This conversation has no open handoff any more.' : error.message));

$('reply-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const text = $('reply-text').value;
  if (!text.trim()) return message('reply-error', 'Write a reply first.');
  if (text.length > MAX_TEXT) return message('reply-error', `A reply has at most ${MAX_TEXT} characters; this one has ${text.length}.`);
  return act('reply-send', 'reply-error', async (id) => {
    // The same text sent again after a lost answer keeps its key, so the customer gets it once.
    const pending = state.pendingReply;
    if (!pending || pending.id !== id || pending.text !== text) state.pendingReply = { id, text, key: requestKey() };
    await agentApi.reply(id, text, state.pendingReply.key);
    state.pendingReply = null;
    $('reply-text').value = '';
    message('action-status', 'Reply queued for sending.', 'ok');
  }, (error) => replyRefusal(error, holding(state.conversation, state.me)));
});

$('note-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const text = $('note-text').value;
  if (!text.trim()) return message('note-error', 'Write the note first.');
  if (text.length > MAX_TEXT) return message('note-error', `A note has at most ${MAX_TEXT} characters.`);
  return act('note-add', 'note-error', async (id) => {
    await agentApi.note(id, text);
    $('note-text').value = '';
    message('action-status', 'Note added (internal, not sent).', 'ok');
  });
});

$('release-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const target = $('release-state').value.trim();
  return act('release-button', 'release-error', async (id) => {
    const released = await agentApi.release(id, target);
    $('release-state').value = '';
    const at = released?.flow ? ` at ${released.flow}/${released.state}` : '';
    message('action-status', `Handed back to the bot${at}. It answers the customer's next message.`, 'ok');
  }, (error) => error.status === 400
    ? error.body.message ?? `Unknown state "${target}": give a state of the current flow, or flow/state.`
    : error.reason === 'claimed' || error.status === 409
      ? `${error.body.claimedBy ?? 'Another agent'} holds this conversation; only they can hand it back.`
      : error.reason === 'no_open_handoff' ? 'This conversation has no open handoff to hand back.' : error.message);
});

for (const [area, form] of [['reply-text', 'reply-form'], ['note-text', 'note-form']]) {
  $(area).addEventListener('keydown', (event) => {
    if (event.key !== 'Enter' || event.shiftKey || event.isComposing || event.altKey || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    $(form).requestSubmit();
  });
}

/** Runs an action on the selected conversation: the button is busy meanwhile, a refusal shows in errorId. */
async function act(buttonId, errorId, action, explain = (error) => error.message) {
  const id = state.selectedId;
  if (!id) return;
  const button = $(buttonId);
  button.disabled = true;
  message(errorId, null);
  message('action-status', null);
  try {
    await action(id);
  } catch (error) {
    if (error.status === 401) return;
    const explanation = explain(error);
    if (explanation instanceof Node) message(errorId, null, 'error', explanation);
    else message(errorId, explanation);
  } finally {
    button.disabled = false;
    refreshSoon();
  }
}

/** A fresh Idempotency-Key (crypto.getRandomValues, unlike randomUUID, works outside secure contexts too). */
function requestKey() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Shows (or, with null, hides) a message in the element: a plain text or a node. */
function message(id, value, kind = 'error', node = null) {
  const target = $(id);
  if (target.classList.contains('status')) target.classList.toggle('error', kind === 'error');
  if (node) target.replaceChildren(node);
  else setText(target, value ?? '');
  show(target, Boolean(node || value));
}

// ---- boot ----

(async () => {
  if (!session.key) return signOut(null);
  try {
    const me = await agentApi.me();
    if (CONSOLE_ROLES.includes(me?.role)) start(me);
    else signOut('That key cannot use the console: it needs the agent or admin role.');
  } catch (error) {
    if (error.status !== 401) signOut(error.message);
  }
})();
