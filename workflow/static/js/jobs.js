// The job status page: poll GET /api/v1/jobs/{id} every second and move the progress bar until the job ends.
(function () {
  'use strict';
  var configNode = document.getElementById('job-config');
  if (!configNode) { return; }
  var config = JSON.parse(configNode.textContent);
  var strings = config.strings || {};
  var bar = document.getElementById('job-bar');
  var progress = document.getElementById('job-progress');
  var stateBadge = document.getElementById('job-state');
  var count = document.getElementById('job-count');
  var message = document.getElementById('job-message');
  var result = document.getElementById('job-result');
  var RESULT_KEYS = ['units', 'imported', 'duplicates_in_file', 'already_present', 'skipped'];

  function format(template, values) {
    return String(template || '').replace(/%\((\w+)\)s/g, function (_m, name) { return String(values[name]); });
  }

  function showResult(data) {
    while (result.firstChild) { result.removeChild(result.firstChild); }
    RESULT_KEYS.forEach(function (key) {
      if (!(key in data)) { return; }
      var dt = document.createElement('dt');
      dt.className = 'col-sm-4';
      dt.textContent = result.getAttribute('data-label-' + key) || key;
      var dd = document.createElement('dd');
      dd.className = 'col-sm-8';
      dd.textContent = String(data[key]);
      result.appendChild(dt);
      result.appendChild(dd);
    });
    result.hidden = false;
  }

  function render(job) {
    bar.className = bar.className.replace(/\bw-\d+\b/, '').trim();
    bar.style.width = job.percent + '%';  // CSSOM, not a style attribute: allowed by the CSP
    bar.textContent = job.percent + '%';
    progress.setAttribute('aria-valuenow', String(job.percent));
    stateBadge.textContent = strings[job.state] || job.state;
    var tone = { done: 'success', failed: 'danger', running: 'primary' }[job.state] || 'secondary';
    stateBadge.className = 'badge job-state text-bg-' + tone;
    stateBadge.setAttribute('data-state', job.state);
    count.textContent = job.total ? format(strings.progress, { done: job.done, total: job.total }) : '';
    message.textContent = job.message || '';
    if (job.state === 'done' || job.state === 'failed') {
      bar.classList.remove('progress-bar-striped', 'progress-bar-animated');
      bar.classList.add(job.state === 'done' ? 'bg-success' : 'bg-danger');
      message.classList.toggle('text-danger', job.state === 'failed');
      if (job.state === 'done') { showResult(job.result || {}); }
      return true;
    }
    return false;
  }

  function poll() {
    fetch(config.url, { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
      .then(function (response) {
        if (!response.ok) { throw new Error(String(response.status)); }
        return response.json();
      })
      .then(function (job) { if (!render(job)) { window.setTimeout(poll, 1000); } })
      .catch(function () {
        message.textContent = strings.networkError || '';
        window.setTimeout(poll, 3000);
      });
  }

  var initial = stateBadge.getAttribute('data-state');
  if (initial !== 'done' && initial !== 'failed') { window.setTimeout(poll, 1000); }
})();
