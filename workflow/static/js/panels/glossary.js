// The editor's glossary tab: terms of the active segment (click or Ctrl+Shift+1…9 inserts the rendering),
// the same terms highlighted in the segment's source cell with the rendering as a tooltip, and a small
// form to propose a new term from selected source text. Every text comes from the server as data and is
// put into the page with textContent only; the translated strings come from /glossary/panel-strings.json.
(function () {
  'use strict';
  var C = window.Copydesk;
  if (!C || !C.panels) { return; }
  var el = C.el;
  var strings = null;
  var active = { ctx: null, matches: [] };
  var lastSelection = '';
  var cache = {};

  (function addStylesheet() {
    var script = document.querySelector('script[src*="panels/glossary.js"]');
    if (!script || document.querySelector('link[data-glossary-css]')) { return; }
    var link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = script.src.replace(/js\/panels\/glossary\.js.*$/, 'css/glossary.css');
    link.setAttribute('data-glossary-css', '');
    document.head.appendChild(link);
  })();

  function t(key, params) {
    var text = (strings && strings[key]) || key;
    Object.keys(params || {}).forEach(function (name) {
      text = text.split('%(' + name + ')s').join(String(params[name]));
    });
    return text;
  }

  function loadStrings() {
    if (strings) { return Promise.resolve(strings); }
    return fetch('/glossary/panel-strings.json', { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (response) { return response.ok ? response.json() : {}; })
      .then(function (data) { strings = data || {}; return strings; });
  }

  function loadMatches(ctx) {
    var key = ctx.sourceLang + '|' + ctx.targetLang + '|' + ctx.source;
    if (cache[key]) { return Promise.resolve(cache[key]); }
    var query = '?source_lang=' + encodeURIComponent(ctx.sourceLang) + '&target_lang=' +
      encodeURIComponent(ctx.targetLang) + '&text=' + encodeURIComponent(ctx.source);
    return C.api('GET', '/api/v1/glossary/matches' + query).then(function (res) {
      if (!res.ok) { throw new Error(res.body.detail || String(res.status)); }
      cache[key] = Array.isArray(res.body) ? res.body : [];
      return cache[key];
    });
  }

  function rendering(match) {
    return match.target_term || match.source_term;
  }

  // Offsets from the server count Unicode code points; JavaScript strings count UTF-16 units.
  function highlight(ctx, matches) {
    var cell = ctx.row && ctx.row.querySelector('.seg-source');
    if (!cell) { return; }
    var chars = Array.from(ctx.source);
    if (chars.join('') !== cell.textContent) { return; }
    var holder = document.getElementById('gloss-descriptions');
    if (!holder) {
      holder = el('div', { id: 'gloss-descriptions', className: 'visually-hidden' });
      document.body.appendChild(holder);
    }
    holder.textContent = '';
    document.querySelectorAll('.seg-source[data-gloss]').forEach(function (other) {
      other.textContent = other.textContent;
      other.removeAttribute('data-gloss');
    });
    var fragment = document.createDocumentFragment();
    var at = 0;
    matches.forEach(function (match, index) {
      if (match.start < at || match.end > chars.length) { return; }
      fragment.appendChild(document.createTextNode(chars.slice(at, match.start).join('')));
      var id = 'gloss-desc-' + ctx.segmentId + '-' + index;
      holder.appendChild(el('span', { id: id, text: t('preferred', { text: rendering(match) }) }));
      var classes = 'gloss-term' + (match.status === 'proposed' ? ' is-proposed' : '') +
        (match.do_not_translate ? ' is-dnt' : '');
      fragment.appendChild(el('mark', {
        className: classes, title: rendering(match), 'aria-describedby': id, 'data-term-id': match.term_id,
        text: chars.slice(match.start, match.end).join('')
      }));
      at = match.end;
    });
    fragment.appendChild(document.createTextNode(chars.slice(at).join('')));
    cell.textContent = '';
    cell.appendChild(fragment);
    cell.setAttribute('data-gloss', '');
  }

  function distinctTerms(matches) {
    var seen = {};
    return matches.filter(function (match) {
      var key = String(match.term_id);
      if (seen[key]) { return false; }
      seen[key] = true;
      return true;
    });
  }

  function termItem(ctx, match, index) {
    var text = rendering(match);
    var label = index < 9 ? t('insert', { text: text, n: index + 1 }) : t('insertPlain', { text: text });
    var details = [];
    if (match.variants && match.variants.length) {
      details.push(el('div', { className: 'gloss-meta' }, [t('variants') + ' ', el('span', { lang: ctx.targetLang, text: match.variants.join('; ') })]));
    }
    if (match.forbidden && match.forbidden.length) {
      details.push(el('div', { className: 'gloss-meta gloss-forbidden' }, [t('forbidden') + ' ', el('s', { lang: ctx.targetLang, text: match.forbidden.join('; ') })]));
    }
    if (match.note) { details.push(el('div', { className: 'gloss-meta', text: match.note })); }
    var badges = [];
    if (match.status === 'proposed') { badges.push(el('span', { className: 'badge text-bg-info ms-1', text: t('proposed') })); }
    if (match.do_not_translate) { badges.push(el('span', { className: 'badge text-bg-success ms-1', text: t('dnt') })); }
    return el('li', { className: 'gloss-item' }, [
      el('div', { className: 'd-flex align-items-start gap-2' }, [
        el('kbd', { className: 'gloss-key', text: index < 9 ? String(index + 1) : '' }),
        el('div', { className: 'flex-grow-1' }, [
          el('span', { lang: ctx.sourceLang, text: match.source_term }), ' → ',
          el('button', {
            type: 'button', className: 'btn btn-link btn-sm p-0 gloss-insert', lang: ctx.targetLang,
            'aria-label': label, title: label, disabled: !ctx.editable, text: text,
            onclick: function () { ctx.insert(text); }
          })
        ].concat(badges).concat(details))
      ])
    ]);
  }

  function proposeForm(ctx, container) {
    var status = el('div', { className: 'small mt-1', role: 'status' });
    var source = el('input', { className: 'form-control form-control-sm', id: 'gloss-p-source', lang: ctx.sourceLang, maxlength: '300', required: true });
    var target = el('input', { className: 'form-control form-control-sm', id: 'gloss-p-target', lang: ctx.targetLang, maxlength: '300', required: true });
    var note = el('input', { className: 'form-control form-control-sm', id: 'gloss-p-note', maxlength: '4000' });
    var form = el('form', { className: 'gloss-propose', hidden: true }, [
      el('p', { className: 'small text-secondary mb-1', text: t('proposeHelp') }),
      el('label', { className: 'form-label small mb-0', for: 'gloss-p-source', text: t('sourceTerm') }), source,
      el('label', { className: 'form-label small mb-0 mt-1', for: 'gloss-p-target', text: t('targetTerm') }), target,
      el('label', { className: 'form-label small mb-0 mt-1', for: 'gloss-p-note', text: t('note') }), note,
      el('div', { className: 'mt-2 d-flex gap-2' }, [
        el('button', { type: 'submit', className: 'btn btn-sm btn-primary', text: t('send') }),
        el('button', { type: 'button', className: 'btn btn-sm btn-outline-secondary', text: t('cancel'),
          onclick: function () { form.hidden = true; opener.hidden = false; opener.focus(); } })
      ])
    ]);
    var opener = el('button', {
      type: 'button', className: 'btn btn-sm btn-outline-primary mt-2', text: t('propose'),
      onclick: function () {
        source.value = lastSelection || '';
        form.hidden = false;
        opener.hidden = true;
        (source.value ? target : source).focus();
      }
    });
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      C.api('POST', '/api/v1/glossary/proposals', {
        source_lang: ctx.sourceLang, target_lang: ctx.targetLang,
        source_term: source.value, target_term: target.value, note: note.value
      }).then(function (res) {
        if (!res.ok) { status.textContent = t('failed', { detail: res.body.detail || res.status }); return; }
        status.textContent = t('sent');
        form.reset();
        form.hidden = true;
        opener.hidden = false;
        cache = {};
      }, function (error) { status.textContent = t('failed', { detail: error.message || error }); });
    });
    container.appendChild(opener);
    container.appendChild(form);
    container.appendChild(status);
  }

  function load(ctx) {
    return loadStrings().then(function () { return loadMatches(ctx); }).then(function (matches) {
      active = { ctx: ctx, matches: distinctTerms(matches) };
      highlight(ctx, matches);
      var box = el('div', { className: 'gloss-panel' });
      if (!active.matches.length) {
        box.appendChild(el('p', { className: 'small text-secondary mb-1', text: t('empty') }));
      } else {
        box.appendChild(el('ol', { className: 'list-unstyled mb-1' }, active.matches.map(function (match, index) {
          return termItem(ctx, match, index);
        })));
      }
      proposeForm(ctx, box);
      box.appendChild(el('a', { className: 'small d-block mt-2', href: t('glossaryUrl'), text: t('openGlossary') }));
      return box;
    }).catch(function (error) {
      return t('loadFailed', { detail: error && error.message ? error.message : error });
    });
  }

  // Remember text selected in a source cell, for the proposal form.
  document.addEventListener('selectionchange', function () {
    var selection = window.getSelection();
    if (!selection || !selection.anchorNode) { return; }
    var node = selection.anchorNode.nodeType === 1 ? selection.anchorNode : selection.anchorNode.parentElement;
    if (node && node.closest && node.closest('.seg-source')) {
      var text = selection.toString().trim();
      if (text) { lastSelection = text.slice(0, 300); }
    }
  });

  // Ctrl+Shift+1…9 inserts the rendering of the n-th term (captured before the editor's Ctrl+1…3).
  document.addEventListener('keydown', function (event) {
    if (!(event.ctrlKey || event.metaKey) || !event.shiftKey || event.altKey) { return; }
    var digit = /^Digit([1-9])$/.exec(event.code || '');
    if (!digit || !active.ctx || !active.ctx.editable) { return; }
    var match = active.matches[parseInt(digit[1], 10) - 1];
    if (!match) { return; }
    event.preventDefault();
    event.stopPropagation();
    active.ctx.insert(rendering(match));
  }, true);

  // Highlight and shortcuts follow the active segment even while another tab is shown.
  document.addEventListener('DOMContentLoaded', function () {
    if (!C.grid || typeof C.grid.onActive !== 'function') { return; }
    C.grid.onActive(function (ctx) {
      loadStrings().then(function () { return loadMatches(ctx); }).then(function (matches) {
        active = { ctx: ctx, matches: distinctTerms(matches) };
        highlight(ctx, matches);
      }).catch(function () { /* the tab shows the error when opened */ });
    });
  });

  loadStrings().catch(function () { strings = {}; }).then(function () {
    C.panels.register({ id: 'glossary', title: t('title'), order: 20, load: load });
  });
})();
