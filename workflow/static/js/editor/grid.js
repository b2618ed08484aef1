// The editor grid: the active row, keyboard shortcuts, row filters, the progress header and the help
// overlay. Rows are rendered by the server; this only wires behaviour onto them.
(function () {
  'use strict';
  var C = window.Copydesk;
  var t = C.t;
  var cfg = C.config;
  var grid = null;
  var active = null;
  var activeListeners = [];

  function rows() { return Array.prototype.slice.call(grid.querySelectorAll('.seg-row[data-segment-id]')); }
  function visibleRows() { return rows().filter(function (row) { return row.offsetParent !== null; }); }
  function rowOf(node) { return node && node.closest ? node.closest('.seg-row[data-segment-id]') : null; }

  function isConfirmed(row) {
    var status = row.getAttribute('data-status');
    return cfg.confirmStatus === 'reviewed' ? status === 'reviewed' : (status === 'translated' || status === 'reviewed');
  }

  // The context handed to every side panel for the active segment.
  function segmentContext(row) {
    var st = C.rows.state(row);
    return {
      articleId: cfg.articleId,
      segmentId: parseInt(st.id, 10),
      position: parseInt(row.getAttribute('data-position'), 10),
      source: row.querySelector('.seg-source').textContent,
      target: st.textarea.value,
      mt: row.getAttribute('data-mt') || '',
      status: st.status,
      sourceLang: cfg.sourceLang,
      targetLang: cfg.targetLang,
      articleDate: cfg.articleDate,
      editable: cfg.editable,
      row: row,
      insert: function (text) { insertAtCursor(st, text, 'tm'); },
      replaceTarget: function (text) { if (cfg.editable) { C.rows.setText(st, text, 'tm'); } }
    };
  }

  function setActive(row) {
    if (!row || row === active) { return; }
    if (active) { active.classList.remove('is-active'); }
    active = row;
    row.classList.add('is-active');
    var ctx = segmentContext(row);
    activeListeners.forEach(function (listener) { listener(ctx); });
  }

  function focusRow(row) {
    if (!row) { return; }
    var textarea = row.querySelector('textarea');
    textarea.focus({ preventScroll: true });
    row.scrollIntoView({ block: 'nearest' });
    var length = textarea.value.length;
    if (!textarea.readOnly) { textarea.setSelectionRange(length, length); }
  }

  function neighbour(step) {
    var list = visibleRows();
    var index = list.indexOf(active);
    return list[index + step] || null;
  }

  function nextUnconfirmed() {
    var list = visibleRows();
    var start = list.indexOf(active);
    for (var i = 1; i <= list.length; i++) {
      var row = list[(start + i) % list.length];
      if (!isConfirmed(row)) { return row; }
    }
    return null;
  }

  function insertAtCursor(st, text, origin) {
    if (!cfg.editable || !text) { return; }
    var textarea = st.textarea;
    var start = textarea.selectionStart;
    var end = textarea.selectionEnd;
    var value = textarea.value;
    C.rows.setText(st, value.slice(0, start) + text + value.slice(end), origin);
    textarea.setSelectionRange(start + text.length, start + text.length);
  }

  function announce(message) {
    var row = active;
    if (!row) { return; }
    row.querySelector('.save-state').textContent = message;
  }

  function confirmAndMove(row) {
    var st = C.rows.state(row);
    var next = nextUnconfirmed();
    if (next === row) { next = null; }
    C.rows.save(st, { status: cfg.confirmStatus });
    if (next) { focusRow(next); }
  }

  function onKeyDown(event) {
    var row = rowOf(event.target);
    var inTarget = row && event.target.tagName === 'TEXTAREA';
    var key = event.key;
    if (!inTarget) {
      var typing = /^(INPUT|TEXTAREA|SELECT)$/.test(event.target.tagName) || event.target.isContentEditable;
      if (key === '?' && !typing && !document.querySelector('dialog[open]')) {
        event.preventDefault();
        openHelp();
      }
      return;
    }
    var st = C.rows.state(row);
    var ctrl = event.ctrlKey || event.metaKey;
    var lower = key.length === 1 ? key.toLowerCase() : key;
    if (ctrl && key === 'Enter') {
      event.preventDefault();
      if (cfg.editable) { confirmAndMove(row); } else { focusRow(neighbour(1)); }
    } else if (ctrl && key === 'ArrowDown') {
      event.preventDefault();
      focusRow(neighbour(1));
    } else if (ctrl && key === 'ArrowUp') {
      event.preventDefault();
      focusRow(neighbour(-1));
    } else if ((ctrl && event.shiftKey && lower === 'm') || (event.altKey && !ctrl && (lower === 'm' || event.code === 'KeyM'))) {
      event.preventDefault();
      var mt = row.getAttribute('data-mt') || '';
      if (!mt) { announce(t('noMt')); } else if (cfg.editable) { C.rows.setText(st, mt, 'mt'); }
    } else if ((ctrl && event.shiftKey && lower === 's') || (event.altKey && !ctrl && (lower === 's' || event.code === 'KeyS'))) {
      event.preventDefault();
      if (cfg.editable) { C.rows.setText(st, row.querySelector('.seg-source').textContent, 'source'); }
    } else if ((ctrl || event.altKey) && !event.shiftKey && /^Digit[1-3]$/.test(event.code)) {
      event.preventDefault();
      var n = parseInt(event.code.slice(5), 10);
      var suggestion = C.suggestions.get(st.id)[n - 1];
      if (suggestion) { insertAtCursor(st, suggestion, 'tm'); } else { announce(t('noSuggestion', { n: n })); }
    } else if (key === 'Escape' && !document.querySelector('dialog[open]')) {
      event.preventDefault();
      C.rows.revert(st);
    }
  }

  // Progress header: counts per status, kept current from status changes (no full re-count needed).
  function updateProgress(from, to) {
    var total = parseInt(document.getElementById('total-count').textContent, 10) || 0;
    [from, to].forEach(function (status, i) {
      var cell = document.querySelector('[data-count-for="' + status + '"]');
      if (!cell) { return; }
      var value = (parseInt(cell.textContent, 10) || 0) + (i === 0 ? -1 : 1);
      cell.textContent = String(Math.max(0, value));
    });
    paintBars(total);
  }

  function paintBars(total) {
    document.querySelectorAll('[data-bar]').forEach(function (bar) {
      var cell = document.querySelector('[data-count-for="' + bar.getAttribute('data-bar') + '"]');
      var count = cell ? parseInt(cell.textContent, 10) || 0 : 0;
      bar.style.width = total ? (100 * count / total) + '%' : '0';
    });
  }

  function applyFilter(value) {
    ['unconfirmed', 'comments', 'findings'].forEach(function (name) {
      grid.classList.toggle('filter-' + name, value === name);
    });
  }

  function openHelp() {
    var dialog = document.getElementById('help-dialog');
    if (!dialog.open) { dialog.showModal(); }
  }

  function wireDialogClosers() {
    document.querySelectorAll('dialog [data-close]').forEach(function (button) {
      button.addEventListener('click', function () { button.closest('dialog').close(); });
    });
  }

  C.grid = {
    init: function () {
      grid = document.getElementById('seg-grid');
      grid.addEventListener('focusin', function (event) {
        var row = rowOf(event.target);
        if (row) { setActive(row); }
      });
      grid.addEventListener('focusout', function (event) {
        var row = rowOf(event.target);
        if (row && rowOf(event.relatedTarget) !== row && cfg.editable) {
          var st = C.rows.state(row);
          if (C.rows.isDirty(st)) { C.rows.save(st); }
        }
      });
      grid.addEventListener('input', function (event) {
        var row = rowOf(event.target);
        if (!row || event.target.tagName !== 'TEXTAREA') { return; }
        var st = C.rows.state(row);
        st.origin = 'typed';
        C.grow(event.target);
        C.rows.markDirty(st);
      });
      grid.addEventListener('click', function (event) {
        var row = rowOf(event.target);
        if (row && event.target.tagName !== 'TEXTAREA') { focusRow(row); }
      });
      document.addEventListener('keydown', onKeyDown);
      document.addEventListener('copydesk:status', function (event) { updateProgress(event.detail.from, event.detail.to); });
      document.getElementById('row-filter').addEventListener('change', function (event) { applyFilter(event.target.value); });
      document.getElementById('open-help').addEventListener('click', openHelp);
      wireDialogClosers();
      var header = document.querySelector('.editor-header');
      var measure = function () {
        document.documentElement.style.setProperty('--ed-header-h', header.offsetHeight + 'px');
      };
      measure();
      window.addEventListener('resize', measure);
      paintBars(parseInt(document.getElementById('total-count').textContent, 10) || 0);
      var first = rows().filter(function (row) { return !isConfirmed(row); })[0] || rows()[0];
      if (first) { setActive(first); }
    },
    onActive: function (listener) { activeListeners.push(listener); },
    active: function () { return active; },
    context: function () { return active ? segmentContext(active) : null; },
    focusRow: focusRow
  };
})();
