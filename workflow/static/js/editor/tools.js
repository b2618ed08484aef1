// Editor tools: find & replace with a preview of every change, and the lifecycle actions (submit,
// approve, send back with a comment). Pending saves are flushed before any action.
(function () {
  'use strict';
  var C = window.Copydesk;
  var t = C.t;
  var el = C.el;
  var cfg = C.config;
  var preview = null;

  function showAlert(nodes) {
    var box = document.getElementById('action-alert');
    box.textContent = '';
    nodes.forEach(function (node) { box.appendChild(typeof node === 'string' ? document.createTextNode(node) : node); });
    box.hidden = nodes.length === 0;
    if (nodes.length) { box.scrollIntoView({ block: 'nearest' }); }
  }

  function problemNodes(res) {
    var blocking = res.body.blocking || [];
    if (!blocking.length) { return [t('actionFailed', { detail: res.body.detail || res.status })]; }
    return [el('strong', { text: t('blocked') }), el('ul', { className: 'mb-0' }, blocking.map(function (b) {
      return el('li', { text: b.message + (b.count ? ' (' + b.count + ')' : '') });
    }))];
  }

  function takeAction(action, comment) {
    return C.rows.flushAll().then(function () {
      var body = { action: action };
      if (comment) { body.comment = comment; }
      return C.api('POST', cfg.apiBase + '/transitions', body);
    }).then(function (res) {
      if (res.ok) {
        window.location.assign(cfg.articleUrl || window.location.href);
        return res;
      }
      showAlert(problemNodes(res));
      return res;
    }, function () { showAlert([t('networkError')]); });
  }

  // ---- find & replace -------------------------------------------------------------------------
  function replaceRequest(apply) {
    var body = {
      find: document.getElementById('replace-find').value,
      replace: document.getElementById('replace-with').value,
      case_sensitive: document.getElementById('replace-case').checked,
      include_reviewed: document.getElementById('replace-reviewed').checked,
      apply: apply
    };
    if (apply && preview) {
      body.versions = {};
      preview.changes.forEach(function (c) { body.versions[c.segment_id] = c.version; });
    }
    return C.api('POST', cfg.apiBase + '/replace', body);
  }

  function renderPreview(result) {
    preview = result;
    var list = document.getElementById('replace-list');
    var summary = document.getElementById('replace-summary');
    var apply = document.getElementById('replace-apply');
    list.textContent = '';
    var lines = [result.changes.length ? t('replaceCount', { count: result.changes.length }) : t('noChanges')];
    if (result.skipped_reviewed) { lines.push(t('skippedReviewed', { count: result.skipped_reviewed })); }
    summary.textContent = lines.join(' ');
    result.changes.forEach(function (change) {
      list.appendChild(el('li', { className: 'replace-item' }, [
        el('div', { className: 'small fw-semibold' }, [
          t('segment', { n: change.position + 1 }),
          change.status === 'reviewed' ? el('span', { className: 'badge status-badge status-reviewed ms-2', text: t('reviewedBadge') }) : null
        ]),
        el('div', { className: 'replace-diff', trustedHtml: change.diff_html })  // escaped by the server
      ]));
    });
    apply.disabled = result.changes.length === 0;
    apply.textContent = t('replaceAll', { count: result.changes.length });
  }

  function applyReplace() {
    var pending = C.rows.flushAll();
    pending.then(function () { return replaceRequest(true); }).then(function (res) {
      if (!res.ok) { document.getElementById('replace-summary').textContent = res.body.detail || t('error'); return; }
      res.body.segments.forEach(function (segment) {
        var row = document.getElementById('seg-' + segment.id);
        if (!row) { return; }
        C.rows.applyServerSegment(row, segment);
      });
      var notes = [t('replaceDone', { count: res.body.segments.length })];
      if (res.body.conflicts.length) { notes.push(t('replaceConflicts', { count: res.body.conflicts.length })); }
      res.body.failed.forEach(function (f) { notes.push(t('segment', { n: (f.position || 0) + 1 }) + ': ' + f.detail); });
      document.getElementById('replace-summary').textContent = notes.join(' ');
      document.getElementById('replace-list').textContent = '';
      document.getElementById('replace-apply').disabled = true;
      preview = null;
    });
  }

  C.tools = {
    init: function () {
      var replaceDialog = document.getElementById('replace-dialog');
      var openReplace = document.getElementById('open-replace');
      if (openReplace) {
        openReplace.addEventListener('click', function () {
          replaceDialog.showModal();
          document.getElementById('replace-find').focus();
        });
        document.getElementById('replace-form').addEventListener('submit', function (event) {
          event.preventDefault();
          replaceRequest(false).then(function (res) {
            if (res.ok) { renderPreview(res.body); }
            else { document.getElementById('replace-summary').textContent = res.body.detail || t('error'); }
          });
        });
        document.getElementById('replace-apply').addEventListener('click', applyReplace);
      }
      document.querySelectorAll('[data-action]').forEach(function (button) {
        button.addEventListener('click', function () { takeAction(button.getAttribute('data-action')); });
      });
      var openReject = document.getElementById('open-reject');
      if (openReject) {
        var rejectDialog = document.getElementById('reject-dialog');
        openReject.addEventListener('click', function () {
          rejectDialog.showModal();
          document.getElementById('reject-comment').focus();
        });
        document.getElementById('reject-form').addEventListener('submit', function (event) {
          event.preventDefault();
          var comment = document.getElementById('reject-comment').value.trim();
          var error = document.getElementById('reject-error');
          if (!comment) { error.textContent = t('rejectNeedsComment'); return; }
          takeAction('reject', comment).then(function (res) {
            if (res && !res.ok) { error.textContent = res.body.detail || t('error'); }
          });
        });
      }
    }
  };
})();
