// Copydesk editor core: the shared namespace, translated strings, the JSON API helper, and the two
// registries other teams plug into — side panels (Copydesk.panels) and suggestions (Copydesk.suggestions).
(function () {
  'use strict';
  var Copydesk = window.Copydesk = window.Copydesk || {};

  function readJson(id) {
    var el = document.getElementById(id);
    if (!el) { return {}; }
    try { return JSON.parse(el.textContent); } catch (e) { return {}; }
  }

  Copydesk.config = readJson('editor-config');
  var strings = readJson('editor-i18n');

  // A translated string with %(name)s placeholders filled in.
  Copydesk.t = function (key, params) {
    var text = Object.prototype.hasOwnProperty.call(strings, key) ? strings[key] : key;
    if (params) {
      Object.keys(params).forEach(function (name) {
        text = text.split('%(' + name + ')s').join(String(params[name]));
      });
    }
    return text;
  };

  // Build an element: el('div', {className: 'x', text: 'y'}, [children]). Text always goes in as text.
  Copydesk.el = function (tag, props, children) {
    var node = document.createElement(tag);
    Object.keys(props || {}).forEach(function (key) {
      var value = props[key];
      if (value === undefined || value === null || value === false) { return; }
      if (key === 'text') { node.textContent = value; }
      else if (key === 'className') { node.className = value; }
      else if (key === 'trustedHtml') { node.innerHTML = value; } // only for server-escaped diff HTML
      else if (key.indexOf('on') === 0) { node.addEventListener(key.slice(2), value); }
      else { node.setAttribute(key, value === true ? '' : value); }
    });
    (children || []).forEach(function (child) {
      if (child === null || child === undefined) { return; }
      node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
    });
    return node;
  };

  function csrfToken() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.getAttribute('content') : '';
  }

  // fetch JSON; resolves {ok, status, body} for any HTTP answer, rejects only on network failure.
  Copydesk.api = function (method, path, body) {
    var options = {
      method: method,
      credentials: 'same-origin',
      headers: { 'Accept': 'application/json' }
    };
    if (body !== undefined) {
      options.headers['Content-Type'] = 'application/json';
      options.body = JSON.stringify(body);
    }
    if (method !== 'GET') { options.headers['X-CSRFToken'] = csrfToken(); }
    return fetch(path, options).then(function (response) {
      return response.text().then(function (text) {
        var data = null;
        try { data = text ? JSON.parse(text) : null; } catch (e) { data = null; }
        return { ok: response.ok, status: response.status, body: data || {} };
      });
    });
  };

  // Side panels: register({id, title, order, load(ctx) -> Promise<Node|string>, shortcuts?}).
  var panels = [];
  var panelListeners = [];
  Copydesk.panels = {
    register: function (panel) {
      if (!panel || !panel.id || typeof panel.load !== 'function') {
        throw new Error('Copydesk.panels.register needs {id, title, load}');
      }
      panels = panels.filter(function (p) { return p.id !== panel.id; });
      panels.push(panel);
      panels.sort(function (a, b) { return (a.order || 100) - (b.order || 100); });
      panelListeners.forEach(function (listener) { listener(panels.slice()); });
    },
    list: function () { return panels.slice(); },
    onChange: function (listener) { panelListeners.push(listener); }
  };

  // Suggestions per segment (the TM panel fills them); Ctrl+1…3 inserts them.
  var suggestions = {};
  var suggestionListeners = [];
  Copydesk.suggestions = {
    set: function (segmentId, texts) {
      suggestions[String(segmentId)] = (texts || []).filter(function (t) { return typeof t === 'string'; });
      suggestionListeners.forEach(function (listener) { listener(String(segmentId)); });
    },
    get: function (segmentId) { return (suggestions[String(segmentId)] || []).slice(); },
    onChange: function (listener) { suggestionListeners.push(listener); }
  };
})();
