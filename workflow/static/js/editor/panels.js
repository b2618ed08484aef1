// The side panel: tabs built from Copydesk.panels, loaded for the active segment; plus the two panels
// this module owns, comments (threaded, resolvable) and history (revisions with word diffs).
(function () {
  'use strict';
  var C = window.Copydesk;
  var t = C.t;
  var el = C.el;
  var cfg = C.config;
  var current = { panel: null, ctx: null, token: 0 };
  var commentCache = null;

  function formatTime(iso) {
    if (!iso) { return ''; }
    var date = new Date(iso);
    return isNaN(date.getTime()) ? iso : date.toLocaleString();
  }

  // ---- comments -------------------------------------------------------------------------------
  function loadComments(force) {
    if (commentCache && !force) { return Promise.resolve(commentCache); }
    return C.api('GET', cfg.apiBase + '/comments').then(function (res) {
      if (!res.ok) { throw new Error(res.body.detail || res.status); }
      commentCache = res.body;
      refreshCommentCounts();
      return commentCache;
    });
  }

  function refreshCommentCounts() {
    var perSegment = {};
    commentCache.items.forEach(function (comment) {
      if (comment.segment_id === null) { return; }
      var entry = perSegment[comment.segment_id] = perSegment[comment.segment_id] || { all: 0, open: 0 };
      entry.all += 1;
      if (!comment.resolved) { entry.open += 1; }
    });
    document.querySelectorAll('.seg-row[data-segment-id]').forEach(function (row) {
      var entry = perSegment[row.getAttribute('data-segment-id')] || { all: 0, open: 0 };
      var badge = row.querySelector('.comment-badge');
      row.classList.toggle('has-comments', entry.all > 0);
      badge.hidden = entry.all === 0;
      badge.classList.toggle('open', entry.open > 0);
      badge.querySelector('.comment-count').textContent = String(entry.all);
    });
    document.getElementById('unresolved-count').textContent = String(commentCache.unresolved);
    document.getElementById('unresolved-wrap').classList.toggle('has-open', commentCache.unresolved > 0);
  }

  function commentNode(comment, replies, ctx) {
    var actions = el('div', { className: 'comment-actions' });
    var node = el('article', { className: 'comment' + (comment.resolved ? ' is-resolved' : ''), 'data-comment-id': comment.id }, [
      el('header', { className: 'comment-head' }, [
        el('strong', { text: comment.author_name }),
        el('time', { datetime: comment.created_at, text: formatTime(comment.created_at) }),
        comment.resolved ? el('span', { className: 'badge text-bg-success', text: t('resolved') }) : null
      ]),
      el('p', { className: 'comment-body', text: comment.body }),
      el('div', { className: 'comment-replies' }, replies.map(function (reply) {
        return el('div', { className: 'comment reply' }, [
          el('header', { className: 'comment-head' }, [
            el('strong', { text: reply.author_name }),
            el('time', { datetime: reply.created_at, text: formatTime(reply.created_at) })
          ]),
          el('p', { className: 'comment-body', text: reply.body })
        ]);
      })),
      actions
    ]);
    var replyBox = el('textarea', { className: 'form-control form-control-sm', rows: '2', 'aria-label': t('replyLabel') });
    actions.appendChild(replyBox);
    actions.appendChild(el('div', { className: 'd-flex gap-2 mt-1' }, [
      el('button', { type: 'button', className: 'btn btn-sm btn-outline-primary', text: t('reply'), onclick: function () {
        postComment(ctx, replyBox.value, comment.id);
      } }),
      el('button', { type: 'button', className: 'btn btn-sm btn-outline-success', 'data-resolve': comment.id,
        text: comment.resolved ? t('reopen') : t('resolve'), onclick: function () {
          C.api('POST', cfg.apiBase + '/comments/' + comment.id + '/resolve', { resolved: !comment.resolved }).then(function (res) {
            if (res.ok) { commentCache = res.body; refreshCommentCounts(); showPanel(current.panel); }
            else { window.alert(res.body.detail || t('error')); }
          });
        } })
    ]));
    return node;
  }

  function postComment(ctx, body, parentId) {
    if (!body.trim()) { return; }
    var payload = { segment_id: ctx.segmentId, body: body };
    if (parentId) { payload.parent_id = parentId; }
    C.api('POST', cfg.apiBase + '/comments', payload).then(function (res) {
      if (!res.ok) { window.alert(res.body.detail || t('error')); return; }
      loadComments(true).then(function () { showPanel(current.panel); });
    });
  }

  function renderComments(ctx) {
    return loadComments(false).then(function (data) {
      var mine = data.items.filter(function (c) { return c.segment_id === ctx.segmentId; });
      var roots = mine.filter(function (c) { return c.parent_id === null; });
      var box = el('div', { className: 'comments-panel' });
      if (!roots.length) { box.appendChild(el('p', { className: 'text-secondary small', text: t('noComments') })); }
      roots.forEach(function (root) {
        var replies = mine.filter(function (c) { return c.parent_id === root.id; });
        box.appendChild(commentNode(root, replies, ctx));
      });
      var input = el('textarea', { className: 'form-control form-control-sm', rows: '3', id: 'new-comment', 'aria-label': t('commentLabel') });
      box.appendChild(el('div', { className: 'new-comment mt-2' }, [
        input,
        el('button', { type: 'button', className: 'btn btn-sm btn-primary mt-1', id: 'add-comment', text: t('addComment'),
          onclick: function () { postComment(ctx, input.value, null); } })
      ]));
      return box;
    });
  }

  // ---- history --------------------------------------------------------------------------------
  function renderHistory(ctx) {
    return C.api('GET', cfg.apiBase + '/segments/' + ctx.segmentId + '/history').then(function (res) {
      if (!res.ok) { throw new Error(res.body.detail || res.status); }
      var items = res.body.items.slice().reverse();
      var list = el('ol', { className: 'history-list list-unstyled' });
      if (items.length <= 1) { list.appendChild(el('li', { className: 'text-secondary small', text: t('noHistory') })); }
      items.forEach(function (item) {
        list.appendChild(el('li', { className: 'history-item' }, [
          el('div', { className: 'history-head small' }, [
            el('strong', { text: t('version', { n: item.version }) }),
            item.origin ? el('span', { className: 'badge origin-badge origin-' + item.origin, text: t('origin_' + item.origin) }) : null,
            el('span', { className: 'text-secondary', text: (item.author || '') + ' ' + formatTime(item.at) })
          ]),
          el('div', { className: 'history-diff', trustedHtml: item.diff_html || '' }),  // escaped by the server
          item.diff_html ? null : el('div', { className: 'history-text', text: item.target })
        ]));
      });
      return list;
    });
  }

  C.panels.register({ id: 'comments', title: t('comments'), order: 40, load: renderComments });
  C.panels.register({ id: 'history', title: t('history'), order: 50, load: renderHistory });

  // ---- the tab strip --------------------------------------------------------------------------
  function renderTabs(list) {
    var tabs = document.getElementById('panel-tabs');
    tabs.textContent = '';
    if (!current.panel || !list.some(function (p) { return p.id === current.panel; })) {
      current.panel = list.length ? list[0].id : null;
    }
    list.forEach(function (panel) {
      var selected = panel.id === current.panel;
      tabs.appendChild(el('button', {
        type: 'button', role: 'tab', className: 'nav-link' + (selected ? ' active' : ''), id: 'tab-' + panel.id,
        'aria-selected': selected ? 'true' : 'false', 'aria-controls': 'panel-body', tabindex: selected ? '0' : '-1',
        'data-panel': panel.id, text: panel.title, onclick: function () { showPanel(panel.id); }
      }));
    });
  }

  function showPanel(id) {
    current.panel = id;
    renderTabs(C.panels.list());
    var body = document.getElementById('panel-body');
    body.setAttribute('aria-labelledby', 'tab-' + id);
    var panel = C.panels.list().filter(function (p) { return p.id === id; })[0];
    if (!panel) { return; }
    if (!current.ctx) { body.textContent = t('selectSegment'); return; }
    var token = ++current.token;
    body.textContent = t('loading');
    Promise.resolve().then(function () { return panel.load(current.ctx); }).then(function (content) {
      if (token !== current.token) { return; }
      body.textContent = '';
      if (typeof content === 'string') { body.appendChild(el('div', { text: content })); }
      else if (content) { body.appendChild(content); }
    }).catch(function (error) {
      if (token === current.token) { body.textContent = t('loadFailed', { detail: error && error.message ? error.message : error }); }
    });
  }

  function showSuggestions(ctx) {
    var box = document.getElementById('suggestion-list');
    box.textContent = '';
    C.suggestions.get(ctx.segmentId).slice(0, 3).forEach(function (text, i) {
      box.appendChild(el('div', { className: 'suggestion' }, [el('kbd', { text: 'Ctrl+' + (i + 1) }), ' ', el('span', { text: text })]));
    });
  }

  var reloadTimer = null;
  C.sidePanel = {
    init: function () {
      renderTabs(C.panels.list());
      C.panels.onChange(renderTabs);
      document.getElementById('panel-tabs').addEventListener('keydown', function (event) {
        if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') { return; }
        var list = C.panels.list();
        var index = list.map(function (p) { return p.id; }).indexOf(current.panel);
        var next = list[(index + (event.key === 'ArrowRight' ? 1 : list.length - 1)) % list.length];
        showPanel(next.id);
        document.getElementById('tab-' + next.id).focus();
      });
      C.suggestions.onChange(function (segmentId) {
        if (current.ctx && String(current.ctx.segmentId) === segmentId) { showSuggestions(current.ctx); }
      });
      C.grid.onActive(function (ctx) {
        current.ctx = ctx;
        document.getElementById('active-label').textContent = t('segment', { n: ctx.position });
        document.getElementById('active-mt').textContent = ctx.mt || t('noMt');
        showSuggestions(ctx);
        clearTimeout(reloadTimer);
        reloadTimer = setTimeout(function () { showPanel(current.panel); }, 120);
      });
      loadComments(false).catch(function () { /* counts stay as rendered */ });
    },
    refresh: function () { showPanel(current.panel); },
    reloadComments: function () { return loadComments(true); }
  };
})();
