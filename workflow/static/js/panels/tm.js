// The editor's TM tab: translation-memory matches for the active segment (score, differences, origin),
// Ctrl+1…3 suggestions, and a small concordance search. The server renders the panel as an HTML fragment
// (translated, every user text escaped by the template); this script parses it inertly with DOMParser,
// never with innerHTML, and wires up the buttons.
(function () {
  'use strict';
  var C = window.Copydesk;
  if (!C || !C.panels) { return; }
  var CACHE_MS = 15000;
  var cache = {};

  (function addStylesheet() {
    var current = document.querySelector('script[src*="panels/tm.js"]');
    if (!current || document.querySelector('link[data-tm-css]')) { return; }
    var link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = current.src.replace(/js\/panels\/tm\.js.*$/, 'css/memory.css');
    link.setAttribute('data-tm-css', '');
    document.head.appendChild(link);
  })();

  function fetchFragment(url) {
    return fetch(url, { credentials: 'same-origin', headers: { Accept: 'text/html' } }).then(function (response) {
      return response.text().then(function (text) {
        if (!response.ok) { throw new Error(response.status + ' ' + response.statusText); }
        var doc = new DOMParser().parseFromString(text, 'text/html');
        var node = doc.body.firstElementChild;
        return node ? document.adoptNode(node) : document.createElement('div');
      });
    });
  }

  function panelHtml(articleId, segmentId) {
    var key = articleId + '/' + segmentId;
    var hit = cache[key];
    if (hit && Date.now() - hit.at < CACHE_MS) { return hit.promise.then(function (node) { return node.cloneNode(true); }); }
    var promise = fetchFragment('/memory/panel/' + encodeURIComponent(articleId) + '/' + encodeURIComponent(segmentId));
    cache[key] = { at: Date.now(), promise: promise };
    promise.catch(function () { delete cache[key]; });
    return promise.then(function (node) { return node.cloneNode(true); });
  }

  function targetsOf(node) {
    return Array.prototype.map.call(node.querySelectorAll('.tm-match'), function (item) {
      return item.getAttribute('data-target') || '';
    });
  }

  function wireConcordance(panel, ctx) {
    var form = panel.querySelector('.tm-concordance-form');
    var results = panel.querySelector('.tm-concordance-results');
    if (!form || !results) { return; }
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var q = form.querySelector('input[name="q"]').value.trim();
      if (!q) { results.textContent = ''; return; }
      var url = form.getAttribute('data-url') + '?' + new URLSearchParams({
        q: q, source_lang: form.getAttribute('data-source-lang'), target_lang: form.getAttribute('data-target-lang')
      }).toString();
      results.textContent = C.t ? C.t('loading') : '…';
      fetchFragment(url).then(function (node) {
        results.textContent = '';
        results.appendChild(node);
        Array.prototype.forEach.call(node.querySelectorAll('.tm-concordance-item'), function (item) {
          item.tabIndex = 0;
          item.classList.add('is-insertable');
          function insert() { if (ctx.editable !== false) { ctx.insert(item.getAttribute('data-target') || ''); } }
          item.addEventListener('dblclick', insert);
          item.addEventListener('keydown', function (event) { if (event.key === 'Enter') { event.preventDefault(); insert(); } });
        });
      }).catch(function (error) {
        results.textContent = C.t ? C.t('loadFailed', { detail: error.message }) : String(error.message);
      });
    });
  }

  function load(ctx) {
    return panelHtml(ctx.articleId, ctx.segmentId).then(function (panel) {
      C.suggestions.set(ctx.segmentId, targetsOf(panel));
      Array.prototype.forEach.call(panel.querySelectorAll('.tm-match'), function (item) {
        var button = item.querySelector('.tm-use');
        if (!button) { return; }
        if (ctx.editable === false) { button.disabled = true; return; }
        button.addEventListener('click', function () { ctx.replaceTarget(item.getAttribute('data-target') || ''); });
      });
      wireConcordance(panel, ctx);
      return panel;
    });
  }

  // Fill Ctrl+1…3 for the active segment even while another tab is shown (the grid script loads after
  // the panel scripts, so subscribe once every script has run).
  document.addEventListener('DOMContentLoaded', function () {
    if (!C.grid || typeof C.grid.onActive !== 'function') { return; }
    C.grid.onActive(function (ctx) {
      panelHtml(ctx.articleId, ctx.segmentId).then(function (panel) {
        C.suggestions.set(ctx.segmentId, targetsOf(panel));
      }).catch(function () { /* the tab shows the error when opened */ });
    });
  });

  C.panels.register({ id: 'tm', title: C.t ? C.t('origin_tm') : 'TM', order: 10, load: load });
})();
