// Starts the editor once every module (and every optional panel script) has loaded.
(function () {
  'use strict';
  var C = window.Copydesk;
  C.grid.init();
  C.sidePanel.init();
  C.tools.init();
  C.rows.offerRestore();
  document.getElementById('editor').setAttribute('data-ready', 'true');
})();
