// The editor's Quality tab: findings for the active segment, re-checked as the translator types (400 ms
// after the last keystroke), with severity badges, the flagged text marked, and one-click suggestions that
// replace the flagged span. On load it also marks every row with findings (.has-findings) for the filter.
// Strings come translated from the server (GET /api/v1/articles/{id}/qa); all user text goes in as text.
(function () {
  'use strict';
  var C = window.Copydesk;
  if (!C || !C.panels || !C.config) { return; }
  var cfg = C.config;
  var el = C.el;
  var DEBOUNCE_MS = 400;
  var SEVERITY_CLASS = { error: 'text-bg-danger', warning: 'text-bg-warning', info: 'text-bg-info' };
  var strings = {};
  var checkNames = {};
  var view = { node: null, ctx: null, timer: null, token: 0 };

  function s(key, params) {
    var text = Object.prototype.hasOwnProperty.call(strings, key) ? strings[key] : key;
    Object.keys(params || {}).forEach(function (name) { text = text.split('%(' + name + ')s').join(String(params[name])); });
    return text;
  }

  function rowOf(segmentId) { return document.getElementById('seg-' + segmentId); }

  function markRow(segmentId, hasFindings) {
    var row = rowOf(segmentId);
    if (row) { row.classList.toggle('has-findings', hasFindings); }
  }

  // Whole article on load: which rows have (undismissed) findings, and the translated strings.
  var ready = C.api('GET', '/api/v1/articles/' + encodeURIComponent(cfg.articleId) + '/qa').then(function (res) {
    if (!res.ok) { return; }
    strings = res.body.strings || {};
    checkNames = res.body.checks || {};
    var flagged = {};
    (res.body.findings || []).forEach(function (f) { if (!f.dismissed) { flagged[f.segment_id] = true; } });
    document.querySelectorAll('.seg-row[data-segment-id]').forEach(function (row) {
      row.classList.toggle('has-findings', !!flagged[row.getAttribute('data-segment-id')]);
    });
  }).catch(function () { /* the panel still works without the article overview */ });

  function liveTarget(ctx) {
    var textarea = ctx.row ? ctx.row.querySelector('textarea') : null;
    return textarea ? textarea.value : ctx.target;
  }

  function check(ctx, target) {
    var body = { source: ctx.source, target: target, source_lang: ctx.sourceLang, target_lang: ctx.targetLang };
    if (ctx.articleDate) { body.article_date = ctx.articleDate; }
    return C.api('POST', '/api/v1/qa/check', body).then(function (res) {
      if (!res.ok) { throw new Error(res.body.detail || res.status); }
      return res.body.findings || [];
    });
  }

  // Offsets from the server count code points; JavaScript strings count UTF-16 units.
  function sliceByCodePoints(text, start, end) {
    var points = Array.from(text);
    return [points.slice(0, start).join(''), points.slice(start, end).join(''), points.slice(end).join('')];
  }

  function hasSpan(f) { return typeof f.start === 'number' && typeof f.end === 'number' && f.end > f.start; }

  function suggestionButtons(ctx, f, target) {
    if (!ctx.editable || !(f.suggestions || []).length) { return null; }
    return el('div', { className: 'qa-suggestions mt-1' }, f.suggestions.slice(0, 4).map(function (suggestion) {
      var label = suggestion ? s('apply', { text: suggestion }) : s('remove');
      return el('button', {
        type: 'button', className: 'btn btn-sm btn-outline-primary me-1 mb-1', text: label,
        onclick: function () {
          var current = liveTarget(ctx);
          if (hasSpan(f) && current === target) {
            var parts = sliceByCodePoints(current, f.start, f.end);
            ctx.replaceTarget(parts[0] + suggestion + parts[2]);
          } else {
            ctx.insert(suggestion);
          }
          scheduleCheck();
        }
      });
    }));
  }

  function findingNode(ctx, f, target) {
    var head = el('div', { className: 'd-flex gap-2 align-items-baseline' }, [
      el('span', { className: 'badge ' + (SEVERITY_CLASS[f.severity] || 'text-bg-secondary'), text: s(f.severity) }),
      el('span', { className: 'small text-secondary', text: checkNames[f.check] || f.check })
    ]);
    var quote = null;
    if (hasSpan(f)) {
      var parts = sliceByCodePoints(target, f.start, f.end);
      quote = el('div', { className: 'qa-flagged small mt-1', lang: ctx.targetLang }, [
        parts[0].slice(-40), el('mark', { text: parts[1] }), parts[2].slice(0, 40)
      ]);
      quote.setAttribute('aria-label', s('flagged', { text: parts[1] }));
    } else if (typeof f.source_start === 'number' && typeof f.source_end === 'number') {
      var src = sliceByCodePoints(ctx.source, f.source_start, f.source_end)[1];
      quote = el('div', { className: 'qa-flagged small mt-1 text-secondary', text: s('inSource', { text: src }) });
    }
    return el('li', { className: 'list-group-item qa-finding px-2', 'data-check': f.check, 'data-severity': f.severity }, [
      head, el('div', { className: 'qa-message', text: f.message }), quote, suggestionButtons(ctx, f, target)
    ]);
  }

  function render(ctx, findings, target) {
    var node = view.node;
    node.textContent = '';
    markRow(ctx.segmentId, findings.length > 0);
    if (!findings.length) {
      node.appendChild(el('p', { className: 'text-success small mb-2', role: 'status', text: s('none') }));
    } else {
      var order = { error: 0, warning: 1, info: 2 };
      findings.sort(function (a, b) { return (order[a.severity] - order[b.severity]) || ((a.start || 0) - (b.start || 0)); });
      node.appendChild(el('ul', { className: 'list-group list-group-flush qa-findings' },
        findings.map(function (f) { return findingNode(ctx, f, target); })));
    }
    node.appendChild(el('a', {
      className: 'small d-inline-block mt-2', href: '/articles/' + encodeURIComponent(ctx.articleId) + '/qa', text: s('report')
    }));
  }

  function refresh() {
    var ctx = view.ctx;
    if (!ctx || !view.node) { return Promise.resolve(); }
    var token = ++view.token;
    var target = liveTarget(ctx);
    return check(ctx, target).then(function (findings) {
      if (token === view.token && view.node) { render(ctx, findings, target); }
    }, function (error) {
      if (token === view.token && view.node) {
        view.node.textContent = s('failed', { detail: error && error.message ? error.message : error });
      }
    });
  }

  function scheduleCheck() {
    clearTimeout(view.timer);
    view.timer = setTimeout(function () {
      if (view.node && view.node.isConnected) { refresh(); }
      else if (view.ctx) { // panel hidden: still keep the row's marker in step with the text
        var ctx = view.ctx;
        check(ctx, liveTarget(ctx)).then(function (f) { markRow(ctx.segmentId, f.length > 0); }, function () {});
      }
    }, DEBOUNCE_MS);
  }

  document.addEventListener('input', function (event) {
    var row = event.target && event.target.closest ? event.target.closest('.seg-row[data-segment-id]') : null;
    if (!row || event.target.tagName !== 'TEXTAREA' || !view.ctx) { return; }
    if (String(view.ctx.segmentId) !== row.getAttribute('data-segment-id')) { return; }
    scheduleCheck();
  });

  document.addEventListener('DOMContentLoaded', function () { // grid.js loads after the panel scripts
    if (C.grid && C.grid.onActive) { C.grid.onActive(function (ctx) { view.ctx = ctx; }); }
  });

  // The tab appears once its translated title has arrived.
  ready.then(function () {
    C.panels.register({
      id: 'qa',
      title: strings.title || 'QA',
      order: 30,
      load: function (ctx) {
        view.ctx = ctx;
        view.node = el('div', { className: 'qa-panel', 'aria-live': 'polite' });
        return refresh().then(function () { return view.node; });
      }
    });
  });
})();
