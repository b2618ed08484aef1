// Autosave for the editor's rows: debounced while typing, at once when leaving a row, with the
// segment's version (optimistic locking). A 409 opens the conflict dialog; network failures keep the
// text in localStorage and retry with backoff. Only the saved row is re-rendered.
(function () {
  'use strict';
  var C = window.Copydesk;
  var t = C.t;
  var cfg = C.config;
  var DEBOUNCE_MS = 1000;
  var STORAGE_PREFIX = 'copydesk:unsaved:' + cfg.articleId + ':';
  var states = {};
  var conflictQueue = Promise.resolve();

  function storageKey(st) { return STORAGE_PREFIX + st.id; }
  function remember(st) {
    try {
      localStorage.setItem(storageKey(st), JSON.stringify({ text: st.textarea.value, version: st.version, at: Date.now() }));
    } catch (e) { /* storage full or disabled: the text is still in the textarea */ }
  }
  function forget(st) { try { localStorage.removeItem(storageKey(st)); } catch (e) { /* ignore */ } }

  // The state of one row, created on first use (so 500 rows cost nothing until touched).
  function state(row) {
    var id = row.getAttribute('data-segment-id');
    if (!states[id]) {
      var textarea = row.querySelector('textarea');
      states[id] = {
        id: id, row: row, textarea: textarea,
        version: parseInt(row.getAttribute('data-version'), 10),
        status: row.getAttribute('data-status'),
        saved: textarea.value, origin: 'typed',
        timer: null, inflight: null, retryDelay: 0, retryTimer: null, inConflict: false
      };
    }
    return states[id];
  }

  function setSaveState(st, kind, text) {
    var label = st.row.querySelector('.save-state');
    st.row.classList.remove('save-saving', 'save-saved', 'save-error', 'save-unsaved');
    if (kind) { st.row.classList.add('save-' + kind); }
    label.textContent = text !== undefined ? text : (kind ? t(kind === 'error' ? 'error' : kind) : '');
  }

  function showError(st, message) {
    var box = st.row.querySelector('.seg-error');
    box.textContent = message || '';
    box.hidden = !message;
  }

  function isDirty(st) { return st.textarea.value !== st.saved; }

  function setStatus(st, status) {
    var previous = st.status;
    st.status = status;
    st.row.setAttribute('data-status', status);
    var badge = st.row.querySelector('.status-badge');
    badge.className = 'badge status-badge status-' + status;
    badge.textContent = (cfg.statusLabels || {})[status] || status;
    var confirmed = status === 'translated' || status === 'reviewed';
    st.row.classList.toggle('unconfirmed', !confirmed);
    if (previous !== status) {
      document.dispatchEvent(new CustomEvent('copydesk:status', { detail: { from: previous, to: status } }));
    }
  }

  function markDirty(st) {
    if (!cfg.editable) { return; }
    remember(st);
    setSaveState(st, isDirty(st) ? 'unsaved' : '');
    clearTimeout(st.timer);
    st.timer = setTimeout(function () { save(st); }, DEBOUNCE_MS);
  }

  function refreshDiff(st) {
    var box = st.row.querySelector('.seg-diff');
    if (!cfg.reviewMode || !box) { return; }
    C.api('GET', cfg.apiBase + '/segments/' + st.id + '/review-diff').then(function (res) {
      // escaped by the server; shown only when the editor changed something
      if (res.ok) { box.innerHTML = /<(ins|del)>/.test(res.body.diff_html) ? res.body.diff_html : ''; }
    }).catch(function () { /* the diff refreshes on the next save */ });
  }

  function scheduleRetry(st, status) {
    st.retryDelay = Math.min(60, Math.max(2, st.retryDelay * 2));
    setSaveState(st, 'error', t('retrying', { seconds: st.retryDelay }));
    clearTimeout(st.retryTimer);
    st.retryTimer = setTimeout(function () { save(st, { status: status }); }, st.retryDelay * 1000);
  }

  // Save the row now. Resolves true when the server has the text (and status) asked for.
  function save(st, options) {
    var status = options && options.status;
    clearTimeout(st.timer);
    if (!cfg.editable || st.inConflict) { return Promise.resolve(false); }
    if (st.inflight) {
      return st.inflight.then(function () { return save(st, options); });
    }
    if (!status && !isDirty(st)) { return Promise.resolve(true); }
    var sent = st.textarea.value;
    var body = { target: sent, version: st.version, origin: st.origin };
    if (status) { body.status = status; }
    setSaveState(st, 'saving');
    remember(st);
    st.inflight = C.api('PUT', cfg.apiBase + '/segments/' + st.id, body).then(function (res) {
      st.inflight = null;
      if (res.ok) { return onSaved(st, res.body, sent); }
      if (res.status === 409 && typeof res.body.version === 'number') {
        return resolveConflict(st, res.body, sent, status);
      }
      if (res.status >= 500) { scheduleRetry(st, status); return false; }
      setSaveState(st, 'error');
      showError(st, res.body.detail || t('error'));
      return false;
    }, function () {
      st.inflight = null;
      scheduleRetry(st, status);
      return false;
    });
    return st.inflight;
  }

  function onSaved(st, segment, sent) {
    st.version = segment.version;
    st.saved = segment.target;
    st.origin = 'typed';
    st.retryDelay = 0;
    st.row.setAttribute('data-version', String(segment.version));
    setStatus(st, segment.status);
    showError(st, '');
    if (st.textarea.value === sent) {
      forget(st);
      setSaveState(st, 'saved');
    } else {
      markDirty(st); // typed on while the save was in flight
    }
    refreshDiff(st);
    return true;
  }

  // The conflict dialog: their text, mine, and an editable merge; resolves after the chosen save.
  function resolveConflict(st, current, mine, status) {
    st.inConflict = true;
    setSaveState(st, 'error', t('conflictTitle'));
    var run = function () {
      return new Promise(function (resolve) {
        var dialog = document.getElementById('conflict-dialog');
        var merged = document.getElementById('conflict-merged');
        document.getElementById('conflict-intro').textContent = t('conflictIntro', { n: st.row.getAttribute('data-position') });
        document.getElementById('conflict-theirs').textContent = current.target;
        document.getElementById('conflict-mine').textContent = mine;
        merged.value = mine === current.target ? mine : current.target + '\n' + mine;
        var finish = function (choice) {
          dialog.removeEventListener('click', onClick);
          dialog.removeEventListener('cancel', onCancel);
          if (dialog.open) { dialog.close(); }
          st.inConflict = false;
          st.version = current.version;
          st.row.setAttribute('data-version', String(current.version));
          if (choice === 'theirs') {
            st.textarea.value = current.target;
            st.saved = current.target;
            setStatus(st, current.status || st.status);
            forget(st);
            setSaveState(st, 'saved');
            resolve(status ? save(st, { status: status }) : true);
          } else {
            st.textarea.value = choice === 'merged' ? merged.value : mine;
            remember(st);
            resolve(save(st, { status: status }));
          }
          st.textarea.focus();
        };
        var onClick = function (event) {
          var button = event.target.closest('[data-choice]');
          if (button) { finish(button.getAttribute('data-choice')); }
        };
        var onCancel = function (event) { event.preventDefault(); };  // a choice is required
        dialog.addEventListener('click', onClick);
        dialog.addEventListener('cancel', onCancel);
        dialog.showModal();
        merged.focus();
      });
    };
    conflictQueue = conflictQueue.then(run, run);
    return conflictQueue;
  }

  // A segment the server changed for us (find & replace): show its text, version and status.
  function applyServerSegment(row, segment) {
    var st = state(row);
    clearTimeout(st.timer);
    st.textarea.value = segment.target;
    C.grow(st.textarea);
    onSaved(st, segment, segment.target);
  }

  function revert(st) {
    clearTimeout(st.timer);
    st.textarea.value = st.saved;
    forget(st);
    showError(st, '');
    setSaveState(st, '', t('reverted'));
  }

  // Put text into the target (MT copy, suggestion…) and autosave it with its origin.
  function setText(st, text, origin) {
    st.textarea.value = text;
    st.origin = origin || 'typed';
    C.grow(st.textarea);
    markDirty(st);
  }

  function anyUnsaved() {
    return Object.keys(states).some(function (id) {
      var st = states[id];
      return isDirty(st) || st.inflight;
    });
  }

  function flushAll() {
    return Promise.all(Object.keys(states).map(function (id) { return save(states[id]); }));
  }

  // Texts kept in localStorage by an earlier visit that never reached the server.
  function findUnsaved() {
    var found = [];
    for (var i = 0; i < localStorage.length; i++) {
      var key = localStorage.key(i);
      if (!key || key.indexOf(STORAGE_PREFIX) !== 0) { continue; }
      var row = document.getElementById('seg-' + key.slice(STORAGE_PREFIX.length));
      var stored = null;
      try { stored = JSON.parse(localStorage.getItem(key)); } catch (e) { stored = null; }
      if (!row || !stored || typeof stored.text !== 'string') { continue; }
      found.push({ key: key, row: row, stored: stored });
    }
    return found;
  }

  function offerRestore() {
    var found = findUnsaved().filter(function (item) {
      var same = item.row.querySelector('textarea').value === item.stored.text;
      if (same) { localStorage.removeItem(item.key); }
      return !same;
    });
    var banner = document.getElementById('restore-banner');
    if (!found.length || !cfg.editable) { return; }
    document.getElementById('restore-text').textContent = t('restoreFound', { count: found.length });
    banner.hidden = false;
    document.getElementById('restore-yes').addEventListener('click', function () {
      banner.hidden = true;
      found.forEach(function (item) {
        var st = state(item.row);
        st.version = item.stored.version || st.version;  // a newer server text then opens the conflict view
        st.textarea.value = item.stored.text;
        C.grow(st.textarea);
        save(st);
      });
    });
    document.getElementById('restore-no').addEventListener('click', function () {
      banner.hidden = true;
      found.forEach(function (item) { localStorage.removeItem(item.key); });
    });
  }

  window.addEventListener('beforeunload', function (event) {
    if (anyUnsaved()) {
      event.preventDefault();
      event.returnValue = t('unsavedLeave');
      return event.returnValue;
    }
    return undefined;
  });

  C.grow = function (textarea) {
    if (window.CSS && CSS.supports && CSS.supports('field-sizing', 'content')) { return; }
    textarea.style.height = 'auto';
    textarea.style.height = textarea.scrollHeight + 2 + 'px';
  };

  C.rows = {
    state: state, save: save, applyServerSegment: applyServerSegment, revert: revert, setText: setText, markDirty: markDirty,
    isDirty: isDirty, anyUnsaved: anyUnsaved, flushAll: flushAll, offerRestore: offerRestore
  };
})();
