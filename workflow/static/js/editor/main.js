// Starts the editor once every module (and every optional panel script) has loaded.
(function () {
  'use strict';
  var C = window.Copydesk;
  C.sidePanel.init();  // listens for the active row, so it starts before the grid picks the first one
  C.grid.init();
  C.tools.init();
  C.rows.offerRestore();
  document.getElementById('editor').setAttribute('data-ready', 'true');
})();
